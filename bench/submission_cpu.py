"""Server CPU time of one complete submission with 10 photos, step by step.

Run: uv run python bench/submission_cpu.py [runs]   (default 5 runs)

Drives the real views through Django's test client against a fresh SQLite database in a
temporary folder (migrated once), one new registration per run, as a coordinator whose browser
has already scaled its photos to 1920×1080. Each step is timed with ``time.process_time()``
(user + system CPU of this process: the test client runs the whole request — middleware,
view, services, templates, storage — in-process, so this is the server's work plus the small
cost of building the request). Prints the median of each step over the runs, and its share.

Steps: upload (map PDF, 10 photos with captions, presentation PDF), answers (6 sections with
their table rows, each a plain "save" post), certification (the signed page uploaded),
check page, submit (to the receipt), PDF (the whole application).
"""

import io
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test factories build the edition and the people
WORK = Path(tempfile.mkdtemp(prefix="submission-cpu-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")

import django  # noqa: E402 - the environment is set first

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402
from tests.applications.factories import (  # noqa: E402
    RegistrationFactory,
    open_submission_now,
    train_representatives,
)
from tests.attachments.corpus import pdf_bytes  # noqa: E402
from tests.factories import EditionFactory, MembershipFactory  # noqa: E402

from learningcity.accounts.enums import MembershipRole  # noqa: E402
from learningcity.applications import services  # noqa: E402
from learningcity.applications.enums import ApplicationStatus  # noqa: E402

FRAME = (1920, 1080)
ROWS = {
    "indicator": {
        "beneficiary_group": "เด็กอายุ 6–12 ปี",
        "baseline": "40",
        "result": "62.5",
        "unit": "ร้อยละ",
        "method": "แบบทดสอบการอ่าน",
        "period": "ปี 2568",
    },
    "learningplace": {
        "name": "ห้องสมุดตำบล",
        "place_type": "ห้องสมุด",
        "latitude": "7.936512",
        "longitude": "99.143217",
        "serves": "เด็ก",
    },
    "partner": {"name": "โรงเรียนบ้านคลองท่อม", "sector": "education", "contribution": "ครู"},
    "workinggroupmember": {"name": "นายสมศักดิ์ ใจดี", "role": "ประธาน"},
    "meeting": {"held_on": "2026-05-02", "attendance": "18", "note": "วางแผน"},
    "casestudy": {
        "alias": "น้องเอ",
        "age_group": "youth",
        "before": "อ่านไม่คล่อง",
        "after": "อ่านคล่อง",
        "consent_to_publish": "on",
    },
}
STEPS = (
    "uploads (map + 10 photos + presentation)",
    "answers (6 sections)",
    "certification",
    "check page",
    "submit + receipt",
    "application PDF",
)


def camera_photo(seed: int) -> bytes:
    """A 1920×1080 JPEG that compresses like a phone photo scaled by the browser (~0.7 MB)."""
    rng = random.Random(seed)
    sky = Image.linear_gradient("L").resize(FRAME)
    base = Image.merge("RGB", (sky, sky.rotate(180).resize(FRAME), Image.new("L", FRAME, 90)))
    draw = ImageDraw.Draw(base)
    for _ in range(40):
        x, y = rng.randrange(FRAME[0]), rng.randrange(FRAME[1])
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x, y, x + rng.randrange(40, 400), y + rng.randrange(40, 300)), fill=colour)
    base = base.filter(ImageFilter.GaussianBlur(2))
    grain = Image.effect_noise(FRAME, 30).convert("RGB")
    out = io.BytesIO()
    Image.blend(base, grain, 0.3).save(out, "JPEG", quality=85)
    return out.getvalue()


def named(data: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def ok(response, *expected: int) -> None:
    if response.status_code not in (expected or (200, 302)):
        raise SystemExit(f"unexpected {response.status_code} for {response.request['PATH_INFO']}")


def one_submission(edition, photos: list[bytes], documents: dict[str, bytes]) -> dict[str, float]:
    registration = RegistrationFactory(edition=edition)
    coordinator = MembershipFactory(
        organisation=registration.organisation, role=MembershipRole.COORDINATOR
    ).user
    client = Client()
    client.force_login(coordinator)
    application = services.get_or_start_application(registration)
    train_representatives(registration)  # the training gate: not part of the submission
    client.get(reverse("applications:application", args=[registration.pk]))  # warm session
    times = {}

    start = time.process_time()
    upload = reverse("attachments:upload", args=[application.pk])
    ok(client.post(upload, {"kind": "map", "slot": 1, "file": named(documents["map"], "map.pdf")}))
    for slot, data in enumerate(photos, start=1):
        ok(
            client.post(
                upload,
                {
                    "kind": "photos",
                    "slot": slot,
                    "caption": f"กิจกรรมเรียนรู้ของชุมชน ภาพที่ {slot}",
                    "file": named(data, f"ภาพที่{slot}.jpg"),
                },
            )
        )
    ok(
        client.post(
            upload,
            {"kind": "presentation", "slot": 1, "file": named(documents["slides"], "slides.pdf")},
        )
    )
    times[STEPS[0]] = time.process_time() - start

    start = time.process_time()
    for answer in services.answers_with_rows(application):
        number = answer.criterion.number
        data = {
            "version": answer.version,
            "narrative": f"เกณฑ์ที่ {number}: การเรียนรู้ตลอดชีวิตสำหรับทุกวัย " * 8,
            "evidence_confirmed": "on",
            "save": "1",
        }
        for model in services.row_models(answer.criterion):
            kind = model.kind()
            data[f"{kind}-slots"] = 1
            data.update({f"{kind}-0-{name}": value for name, value in ROWS[kind].items()})
        ok(client.post(reverse("applications:save_section", args=[application.pk, number]), data))
    times[STEPS[1]] = time.process_time() - start

    start = time.process_time()
    ok(
        client.post(
            reverse("applications:certify_upload", args=[application.pk]),
            {"signed_file": named(documents["signed"], "signed.pdf")},
        )
    )
    times[STEPS[2]] = time.process_time() - start

    start = time.process_time()
    ok(client.get(reverse("applications:check", args=[application.pk])), 200)
    times[STEPS[3]] = time.process_time() - start

    start = time.process_time()
    ok(client.post(reverse("applications:submit", args=[application.pk]), follow=True), 200)
    times[STEPS[4]] = time.process_time() - start
    application.refresh_from_db()
    if application.status != ApplicationStatus.SUBMITTED:
        problems = [p.message for p in services.submission_problems(application)]
        raise SystemExit(f"the application was not submitted: {problems}")

    start = time.process_time()
    ok(client.get(reverse("applications:application_pdf", args=[application.pk])), 200)
    times[STEPS[5]] = time.process_time() - start
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with override_settings(
        MEDIA_ROOT=WORK / "media",
        STORAGES={
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": WORK / "media", "base_url": None},
            },
        },
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ALLOWED_HOSTS=["testserver"],
    ):
        call_command("migrate", verbosity=0)
        edition = open_submission_now(EditionFactory())
        photos = [camera_photo(seed) for seed in range(10)]
        documents = {
            "map": pdf_bytes(b"/Lang (th)"),
            "slides": pdf_bytes(b"/Lang (th-TH)"),
            "signed": pdf_bytes(b"/Lang (th-TH) /PageMode /UseNone"),
        }
        one_submission(edition, photos, documents)  # warm up: imports, templates, fonts
        results = [one_submission(edition, photos, documents) for _ in range(runs)]

    sizes = [len(p) / 1_000_000 for p in photos]
    print(
        f"One complete submission, 10 JPEG photos {FRAME[0]}×{FRAME[1]} "
        f"({min(sizes):.2f}–{max(sizes):.2f} MB each), median of {runs} runs after a warm-up"
    )
    print(f"database: {settings.DATABASES['default']['ENGINE']} in a temporary folder")
    total = statistics.median(sum(r.values()) for r in results)
    for step in STEPS:
        value = statistics.median(r[step] for r in results)
        print(f"  {step:42} {value * 1000:8.1f} ms CPU  {value / total:6.1%}")
    print(f"  {'total (median of the run totals)':42} {total * 1000:8.1f} ms CPU")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the process: {peak:.0f} MB")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
