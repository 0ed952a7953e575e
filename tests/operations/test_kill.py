"""The kill test: SIGKILL the server in the middle of concurrent uploads, then count the damage.

A real server process (``runserver --noreload``, threaded) runs against a throwaway SQLite
database and media folder. Threads upload photos and PDFs to distinct slots; once some uploads
are acknowledged the server is killed with SIGKILL. Then, reading the database file directly:
every acknowledged upload has its row, every row's file is there whole with its sha256, and the
only debris (temporary or unreferenced files) is what ``remove_orphan_files`` removes.
"""

import hashlib
import io
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.urls import reverse

from tests.attachments import corpus

ROOT = Path(__file__).resolve().parents[2]
APPLICATIONS = 8
PHOTOS_EACH = 3
KILL_AFTER = 10  # acknowledged uploads before the kill, of 40


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _photos(count: int) -> list[bytes]:
    """Distinct 1920 × 1080 JPEGs heavy enough (~1 MB) to be in flight when the server dies."""
    base = corpus.photo((1920, 1080), noise=True)
    out = []
    for number in range(count):
        image = base.copy()
        image.paste((number * 5 % 256, 0, 0), (0, 0, 64, 64))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=92)
        out.append(buffer.getvalue())
    return out


def _uploads(ids: list[int]) -> list[dict]:
    """Per application: the map and the presentation (PDFs of ~1.5 MB) and three photos."""
    photos = iter(_photos(PHOTOS_EACH * len(ids)))
    uploads = []
    for number, app in enumerate(ids):
        for kind in ("map", "presentation"):
            uploads.append(
                {
                    "app": app,
                    "kind": kind,
                    "slot": 1,
                    "name": f"{kind}.pdf",
                    "data": corpus.padded_pdf(1_500_000 + number * 10 + len(kind)),
                }
            )
        uploads.extend(
            {"app": app, "kind": "photos", "slot": slot, "name": f"p{slot}.jpg", "data": photo}
            for slot, photo in zip(range(1, PHOTOS_EACH + 1), photos, strict=False)
        )
    return uploads


@pytest.mark.django_db(transaction=True)
def test_sigkill_during_uploads_loses_nothing_acknowledged(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "LEARNINGCITY_VAR_DIR": str(var),
        "LEARNINGCITY_SECRET_KEY": "kill-test",
        "PYTHONPATH": str(ROOT),
        "LEARNINGCITY_DEBUG": "1",  # static files without a collected manifest
    }
    cli = [sys.executable, "-m", "learningcity.cli"]
    built = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [
            *cli,
            "shell",
            "-c",
            f"from tests.operations.server_setup import build; build({APPLICATIONS})",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    setup = json.loads(built.stdout.strip().splitlines()[-1])
    uploads = _uploads(setup["ids"])
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [*cli, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    acknowledged: list[dict] = []
    lock = threading.Lock()
    killed = threading.Event()
    try:
        for _ in range(300):
            try:
                requests.get(f"{base}/", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        session = requests.Session()
        session.cookies.set("sessionid", setup["session"])
        session.get(base + reverse("attachments:list", args=[setup["ids"][0]]), timeout=30)
        token = session.cookies.get("csrftoken")
        assert token

        def send(upload: dict) -> None:
            if killed.is_set():
                return
            try:
                response = session.post(
                    base + reverse("attachments:upload", args=[upload["app"]]),
                    data={
                        "kind": upload["kind"],
                        "slot": upload["slot"],
                        "caption": "ภาพกิจกรรม",
                        "csrfmiddlewaretoken": token,
                    },
                    files={"file": (upload["name"], upload["data"])},
                    headers={"X-Requested-With": "XMLHttpRequest", "X-CSRFToken": token},
                    timeout=60,
                )
            except requests.RequestException:
                return  # the server died under this upload: not acknowledged
            try:
                answer = response.json()
            except ValueError:
                return  # the body was cut short by the kill: the browser got no acknowledgement
            if 200 <= response.status_code < 300 and "redirect" in answer:
                with lock:
                    acknowledged.append(upload)
                    if len(acknowledged) >= KILL_AFTER and not killed.is_set():
                        killed.set()
                        os.killpg(server.pid, signal.SIGKILL)

        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(send, uploads))
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()

    assert killed.is_set(), f"only {len(acknowledged)} uploads were acknowledged"
    assert len(acknowledged) < len(uploads)  # the kill really cut the uploads short
    media = var / "media"
    with sqlite3.connect(var / "db.sqlite3") as db:
        rows = db.execute(
            "select application_id, kind, slot, stored_name, sha256, size "
            "from attachments_attachment"
        ).fetchall()
    by_slot = {(app, kind, slot): (name, sha, size) for app, kind, slot, name, sha, size in rows}
    # Every row points at a whole file with its recorded hash.
    damaged = [
        name
        for name, sha, size in by_slot.values()
        if not (media / name).is_file()
        or (media / name).stat().st_size != size
        or hashlib.sha256((media / name).read_bytes()).hexdigest() != sha
    ]
    # Every acknowledged upload has its row. Slots start empty, so the row is this upload's;
    # what is stored is the checked rewrite (photos re-encoded, PDFs rewritten by the parser),
    # whose wholeness the hash check above proves.
    lost = [
        (u["app"], u["kind"], u["slot"])
        for u in acknowledged
        if (u["app"], u["kind"], u["slot"]) not in by_slot
    ]
    stored = {name for name, _, _ in by_slot.values()}
    debris = sorted(
        p.relative_to(media).as_posix()
        for p in media.rglob("*")
        if p.is_file() and p.relative_to(media).as_posix() not in stored
    )
    subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [*cli, "remove_orphan_files", "--hours", "0"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    left = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
    print(
        f"\nkill test: {len(uploads)} uploads, {len(acknowledged)} acknowledged, "
        f"{len(rows)} rows, {len(damaged)} damaged, {len(lost)} lost, "
        f"{len(debris)} debris files removed by remove_orphan_files"
    )
    assert damaged == []
    assert lost == []
    assert sorted(stored) == left
