"""Server CPU time of one complete submission, step by step: the deadline rush's journey.

Run: uv run python bench/submission_cpu.py [--runs 5] [--profile STEP] [--database URL]

Drives the real views through Django's test client, in-process, exactly as one simulated
applicant of ``bench/deadline_rush.py`` does (bench/rush_locustfile.py): log in with the
password (the configured hasher), open the application, autosave the six narratives three
times each (htmx), upload the map, ten 1920×1080 photos with captions and the presentation
(the upload script's XMLHttpRequest), upload the signed certification page (its QR code is
read back), open the check page, submit, read the receipt. The accounts are prepared as the
rush prepares them (bench/rush_data.py: approved areas whose tables are filled).

Each step is timed by its CPU time: user + system CPU of this process and of the programs it
ran and waited for (pdftoppm reading the signed page's QR code), from ``os.times()``. The test
client runs the whole request — middleware, view, services, templates, storage — in-process,
so this is the server's work plus the small cost of building the request; the database
server's own CPU is not in it on PostgreSQL). Prints the median of each step over the runs,
its share and its query count. ``--profile STEP`` prints the cProfile of that step (summed
over the runs) by own time.

Without --database: a fresh SQLite database in a temporary folder (migrated, edition 1 and the
registry loaded). With --database postgres://…: that (scratch) database, migrated.
"""

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="submission-cpu-"))
STEPS = (
    "log in (page + password)",
    "application page",
    "autosaves (6 sections × 3)",
    "uploads (map + 10 photos + slides)",
    "certification (signed page)",
    "check page",
    "submit + receipt",
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", choices=range(len(STEPS)), type=int, metavar="STEP")
    parser.add_argument(
        "--sql", choices=range(len(STEPS)), type=int, metavar="STEP", help="print its queries"
    )
    parser.add_argument("--database", help="a scratch database URL (default: SQLite)")
    return parser.parse_args()


ARGS = parse_args()
os.environ["DATABASE_URL"] = ARGS.database or f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
os.environ["LEARNINGCITY_VAR_DIR"] = str(WORK / "var")
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import django  # noqa: E402 - the environment is set first

django.setup()

import rush_data  # noqa: E402
import rush_forms as forms  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from learningcity.applications.enums import ApplicationStatus  # noqa: E402
from learningcity.applications.models import Application  # noqa: E402

TYPING = "ชุมชนของเราจัดพื้นที่การเรียนรู้ให้เด็กและเยาวชนทุกวันเสาร์ โดยมีอาสาสมัครในท้องถิ่นร่วมสอน "


def cpu_seconds() -> float:
    """CPU of this process and of its finished children (the programs the server runs)."""
    children = os.times()  # in clock ticks (10 ms); this process's own time is finer
    return time.process_time() + children.children_user + children.children_system


DATABASE_TIMES: dict[str, list[float]] = {}
TICKS = os.sysconf("SC_CLK_TCK")


def database_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend so far (0 on SQLite: in-process)."""
    if connection.vendor != "postgresql":
        return 0.0
    if not hasattr(database_cpu, "pid"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            database_cpu.pid = cursor.fetchone()[0]
    stat = Path(f"/proc/{database_cpu.pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


class Step:
    """Times (CPU) and counts the queries of the requests made inside it; profiles on demand."""

    def __init__(self, times, queries, index, profiler):
        self.times, self.queries, self.index, self.profiler = times, queries, index, profiler

    def __enter__(self):
        self.count = [0]
        self.wrapper = connection.execute_wrapper(self._count)
        self.wrapper.__enter__()
        if self.profiler is not None:
            self.profiler.enable()
        self.database_start = database_cpu()
        self.start = cpu_seconds()

    def __exit__(self, *exc):
        self.times[STEPS[self.index]] = cpu_seconds() - self.start
        DATABASE_TIMES.setdefault(STEPS[self.index], []).append(
            database_cpu() - self.database_start
        )
        if self.profiler is not None:
            self.profiler.disable()
        self.wrapper.__exit__(*exc)
        self.queries[STEPS[self.index]] = self.count[0]

    def _count(self, execute, sql, params, many, context):
        self.count[0] += 1
        if ARGS.sql == self.index:
            print(f"    [{self.index}] {sql[:160]}", file=sys.stderr)
        return execute(sql, params, many, context)


def expect(response, *codes):
    if response.status_code not in codes:
        raise SystemExit(
            f"{response.request['REQUEST_METHOD']} {response.request['PATH_INFO']}:"
            f" {response.status_code}\n{response.content[:600].decode(errors='replace')}"
        )
    return response


def journey(me: dict, files: dict, criteria: list[int], profiler) -> tuple[dict, dict]:
    client = Client(enforce_csrf_checks=True)
    times, queries = {}, {}
    xhr = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}

    def csrf():
        return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}

    def step(index):
        return Step(times, queries, index, profiler if ARGS.profile == index else None)

    with step(0):
        expect(client.get("/accounts/login/"), 200)
        data = {"username": me["email"], "password": rush_data.PASSWORD}
        expect(client.post("/accounts/login/", data, **csrf()), 302)
    with step(1):
        page = expect(client.get(me["application_url"]), 200).content.decode()
    application = me["application"]
    # The browser's side (reading the forms) is left out of the timed steps.
    sections = {
        number: forms.form_fields(page, f"/apply/applications/{application}/sections/{number}/")
        for number in criteria
    }
    with step(2):
        for number, fields in sections.items():
            action = f"/apply/applications/{application}/sections/{number}/"
            fields["evidence_confirmed"] = "on"
            text = ""
            for _keystrokes in range(3):
                text += TYPING
                fields["narrative"] = text
                response = expect(
                    client.post(action, fields, HTTP_HX_REQUEST="true", **csrf()), 200
                )
                version = re.search(r'id="version-\d+" value="(\d+)"', response.content.decode())
                if version:
                    fields["version"] = version.group(1)
    upload = f"/files/applications/{application}/upload/"
    sends = [("map", 1, "map.pdf", files["map"], "")]
    sends += [
        ("photos", slot, f"IMG_{slot:04d}.jpg", files["photos"][slot - 1], f"กิจกรรมครั้งที่ {slot}")
        for slot in range(1, 11)
    ]
    sends += [("presentation", 1, "slides.pdf", files["presentation"], "")]
    with step(3):
        for kind, slot, name, content, caption in sends:
            handle = io.BytesIO(content)
            handle.name = name
            data = {"kind": kind, "slot": slot, "caption": caption, "file": handle}
            response = expect(client.post(upload, data, **xhr, **csrf()), 200)
            if b'"redirect"' not in response.content:
                raise SystemExit(f"{kind} {slot} not stored: {response.content[:300]!r}")
    with step(4):
        handle = io.BytesIO(Path(me["signed_page"]).read_bytes())
        handle.name = "signed.pdf"
        certify = f"/apply/applications/{application}/certify/upload/"
        expect(client.post(certify, {"signed_file": handle}, **csrf()), 302)
    with step(5):
        check = expect(client.get(f"/apply/applications/{application}/check/"), 200)
    submit = f"/apply/applications/{application}/submit/"
    fields = forms.form_fields(check.content.decode(), submit)
    with step(6):
        response = expect(client.post(submit, fields, **csrf()), 302)
        expect(client.get(response["Location"]), 200)
    if Application.objects.get(pk=application).status != ApplicationStatus.SUBMITTED:
        raise SystemExit(f"application {application} was not submitted")
    return times, queries


def main() -> None:
    with override_settings(
        STORAGES={
            **settings.STORAGES,
            # No collectstatic here: plain static URLs, as in the tests.
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ALLOWED_HOSTS=["testserver"],
        DEBUG=False,
    ):
        quiet = io.StringIO()
        call_command("migrate", verbosity=0)
        call_command("load_edition", verbosity=0, stdout=quiet)
        call_command("import_registry", verbosity=0, stdout=quiet)
        edition, applicants = rush_data.prepare(ARGS.runs + 1, say=lambda *_: None)
        files = {
            name: (
                [Path(p).read_bytes() for p in value]
                if isinstance(value, list)
                else Path(value).read_bytes()
            )
            for name, value in rush_data.write_files(WORK / "files").items()
        }
        criteria = list(edition.criteria.order_by("number").values_list("number", flat=True))
        profiler = cProfile.Profile() if ARGS.profile is not None else None
        with contextlib.redirect_stdout(quiet):  # the console mailer's notices
            journey(applicants[0], files, criteria, None)  # warm up: imports, templates, fonts
            results = [journey(me, files, criteria, profiler) for me in applicants[1:]]

    print(
        f"One complete submission as in the deadline rush, median of {ARGS.runs} runs after a"
        f" warm-up; database: {connection.vendor}; hasher:"
        f" {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}"
    )
    total = statistics.median(sum(times.values()) for times, _ in results)
    for step in STEPS:
        value = statistics.median(times[step] for times, _ in results)
        count = statistics.median(queries[step] for _, queries in results)
        print(f"  {step:36} {value * 1000:8.1f} ms CPU  {value / total:6.1%}  {count:4.0f} queries")
    print(f"  {'total (median of the run totals)':36} {total * 1000:8.1f} ms CPU")
    if connection.vendor == "postgresql":
        # The backend's CPU is read in clock ticks (10 ms): the total over the runs is exact
        # enough, a single step is not.
        runs = len(results)
        database = sum(sum(values) for values in DATABASE_TIMES.values()) / (runs + 1)
        print(f"  {'PostgreSQL backend, mean per submission':36} {database * 1000:8.1f} ms CPU")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the process: {peak:.0f} MB")
    if profiler is not None:
        print(f"\ncProfile of '{STEPS[ARGS.profile]}', {ARGS.runs} runs, by own time:")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        print("by cumulative time:")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
