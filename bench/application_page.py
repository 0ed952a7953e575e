"""Requests per second of the applicant's application page (applications:application) under
the production profile, with 1,000 applications × 3 judges in PostgreSQL; optionally pretalx's
speaker edit page measured right after with the same wrk command, and the ratio.

Run: uv run python bench/application_page.py [--applications 1000] [--judges 3] [--runs 20]
     [--duration 15] [--connections 16] [--keep] [--profile]
     [--pretalx-url URL --pretalx-cookie NAME=VALUE]

Creates the scratch database ``pagespeed_application_page`` on postgres://postgres@127.0.0.1:5432
(--server), migrates it, loads edition 1 (``load_edition``) with its submission phase moved
around now, imports the registry (``import_registry``), and builds with bulk_create: 1,000
approved areas, each with its coordinator and an application whose six sections hold a Thai
narrative of about 2,000 characters, the evidence tick and three rows of each kind the section
takes. The first application (the one measured) is a draft its coordinator can edit; the others
are submitted, each reviewed by every judge (scores on all six criteria).

Then: the page rendered in-process by the Django test client (status, query count, HTML size,
median CPU of --runs renders; --profile prints cProfile's top functions), and in requests per
second by ``wrk -t2 -c<connections> -d<duration>s`` (apt-get install -y wrk) against granian
started as scripts/prod_up starts it (WSGI, 2 workers, 1 blocking thread, DEBUG off,
CONN_MAX_AGE 600) on 127.0.0.1:8202, logged in as the coordinator (session cookie). The load
average is printed before and after each wrk run. The database is dropped at the end unless
--keep.
"""

import argparse
import cProfile
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.factories.log_in
SCRATCH = "pagespeed_application_page"
PORT = 8202

PHRASES = (
    "เทศบาลร่วมกับโรงเรียนและชุมชนจัดตั้งศูนย์การเรียนรู้ตลอดชีวิตประจำตำบล",
    "เด็กและเยาวชนนอกระบบการศึกษาได้กลับเข้าสู่การเรียนรู้ผ่านหลักสูตรอาชีพระยะสั้น",
    "คณะทำงานประชุมทุกเดือนเพื่อติดตามผลและปรับแผนร่วมกับภาคีเครือข่าย",
    "ผู้สูงอายุถ่ายทอดภูมิปัญญาท้องถิ่นให้คนรุ่นใหม่ที่ลานวัฒนธรรมของชุมชน",
    "ห้องสมุดประชาชนเปิดให้บริการถึงสองทุ่มและมีมุมเรียนรู้ดิจิทัลสำหรับทุกวัย",
    "งบประมาณส่วนหนึ่งมาจากภาคเอกชนในพื้นที่และกองทุนหมู่บ้าน",
    "ผลการประเมินพบว่าอัตราการอ่านออกเขียนได้ของเด็กประถมเพิ่มขึ้นอย่างชัดเจน",
)


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--judges", type=int, default=3)
    parser.add_argument("--runs", type=int, default=20, help="in-process renders")
    parser.add_argument("--duration", type=int, default=15, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--reuse", action="store_true", help="measure a database kept by --keep, build nothing"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile one render")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pretalx-url", help="pretalx's speaker edit page, measured after ours")
    parser.add_argument("--pretalx-cookie", help="NAME=VALUE of a logged-in pretalx session")
    return parser.parse_args()


def create_scratch(server: str) -> str:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{SCRATCH}"')
    return f"{server}/{SCRATCH}"


def drop_scratch(server: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)')


def narrative(seed: int, length: int = 2000) -> str:
    """About ``length`` characters of Thai in paragraphs."""
    parts, size, n = [], 0, seed
    while size < length:
        sentence = PHRASES[n % len(PHRASES)]
        parts.append(sentence + ("\n\n" if n % 4 == 3 else " "))
        size += len(parts[-1])
        n += 3
    return "".join(parts).strip()


def row_values(kind: str, n: int) -> dict:
    import datetime as dt

    values = {
        "indicator": {
            "beneficiary_group": f"เด็กอายุ 6–12 ปี กลุ่ม {n}",
            "baseline": Decimal(40 + n),
            "result": Decimal("62.5") + n,
            "unit": "ร้อยละ",
            "method": "แบบทดสอบการอ่านของสำนักงานเขตพื้นที่การศึกษา",
            "period": "ปีงบประมาณ 2568",
        },
        "learningplace": {
            "name": f"ห้องสมุดประชาชนตำบล แห่งที่ {n}",
            "place_type": "ห้องสมุด",
            "address": "หมู่ 3 ถนนเทศบาล 2",
            "latitude": Decimal("18.7883"),
            "longitude": Decimal("98.9853"),
            "serves": "เด็ก เยาวชน ผู้สูงอายุ",
            "opening_hours": "08:30–20:00",
            "cost": "ไม่มีค่าใช้จ่าย",
            "accessibility": "ทางลาดสำหรับรถเข็น",
        },
        "partner": {
            "name": f"โรงเรียนบ้านคลองท่อม {n}",
            "sector": ("education", "private", "community")[n % 3],
            "contribution": "ครูอาสาสอนอ่านทุกวันเสาร์",
            "amount_baht": Decimal(25000 * (n + 1)),
        },
        "workinggroupmember": {"name": f"นายสมศักดิ์ ใจดี {n}", "role": "กรรมการ"},
        "meeting": {
            "held_on": dt.date(2026, 5, 2) + dt.timedelta(days=30 * n),
            "attendance": 18 + n,
            "note": "ติดตามผลและวางแผนไตรมาสถัดไป",
        },
        "casestudy": {
            "alias": f"น้อง{'กขค'[n % 3]}",
            "age_group": ("child", "youth", "elder")[n % 3],
            "before": "ออกจากโรงเรียนกลางคันและไม่มีรายได้",
            "after": "เรียนจบหลักสูตรอาชีพและมีรายได้จากการขายสินค้าออนไลน์",
            "evidence": "ภาพถ่ายและบันทึกของครูพี่เลี้ยง",
            "consent_to_publish": n % 2 == 0,
        },
    }
    return values[kind]


def build(count: int, judge_count: int):
    """Everything listed in the module docstring; returns the measured registration and its
    coordinator."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from learningcity.accounts.enums import MembershipRole, OrganisationKind, Role
    from learningcity.accounts.models import Membership, Organisation, User
    from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
    from learningcity.applications.models import (
        SECTION_ROWS,
        Answer,
        Application,
        Registration,
    )
    from learningcity.demo.builder import demo_phases
    from learningcity.editions.models import Edition
    from learningcity.judging.enums import ReviewStatus
    from learningcity.judging.models import Assignment, Judge, Review, Score
    from learningcity.registry.models import LocalGovernment

    started = time.perf_counter()
    call_command("load_edition", verbosity=0)
    call_command("import_registry", verbosity=0)
    edition = Edition.objects.get(number=1)
    for kind, (starts_at, ends_at) in demo_phases(timezone.now()).items():
        edition.phases.filter(kind=kind).update(starts_at=starts_at, ends_at=ends_at)
    print(f"edition 1 + registry: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    criteria = list(edition.criteria.order_by("number"))
    categories = list(edition.categories.order_by("order"))
    lgs = list(LocalGovernment.objects.order_by("pk")[:count])
    now = timezone.now()
    password = make_password("pagespeed-2569")
    users = User.objects.bulk_create(
        User(
            email=f"c{n}@pagespeed.invalid",
            full_name=f"ผู้ประสานงาน ทดสอบ {n}",
            role=Role.APPLICANT,
            password=password,
            email_verified_at=now,
            privacy_accepted_at=now,
        )
        for n in range(len(lgs))
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=lg.full_name_th, kind=OrganisationKind.LOCAL_GOVERNMENT, local_government=lg
        )
        for lg in lgs
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=org, role=MembershipRole.COORDINATOR)
        for user, org in zip(users, organisations, strict=True)
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            edition=edition,
            organisation=org,
            local_government=org.local_government,
            category=categories[n % len(categories)],
            population=5000 + n,
            population_source="ทะเบียนราษฎร",
            population_year_be=2568,
            head_name="นายก ทดสอบ",
            head_position="นายกเทศมนตรี",
            coordinator_name=users[n].full_name,
            coordinator_phone="081 234 5678",
            coordinator_email=users[n].email,
            status=RegistrationStatus.APPROVED,
            created_by=users[n],
        )
        for n, org in enumerate(organisations)
    )
    applications = Application.objects.bulk_create(
        Application(registration=registration)
        if n == 0
        else Application(
            registration=registration,
            status=ApplicationStatus.SUBMITTED,
            reference=f"LCA1-{registration.category.code[:1]}-{n:05d}",
            submitted_at=now,
        )
        for n, registration in enumerate(registrations)
    )
    answers = Answer.objects.bulk_create(
        (
            Answer(
                application=application,
                criterion=criterion,
                narrative=narrative(n + criterion.number),
                evidence_confirmed=True,
                version=4,
                updated_at=now,
                updated_by=users[n],
            )
            for n, application in enumerate(applications)
            for criterion in criteria
        ),
        batch_size=2000,
    )
    section_of = {criterion.pk: criterion.section for criterion in criteria}
    rows = {}
    for answer in answers:
        for model in SECTION_ROWS.get(section_of[answer.criterion_id], ()):
            rows.setdefault(model, []).extend(
                model(answer=answer, order=order, **row_values(model.kind(), order))
                for order in range(3)
            )
    for model, instances in rows.items():
        model.objects.bulk_create(instances, batch_size=2000)

    judge_users = User.objects.bulk_create(
        User(email=f"judge{n}@pagespeed.invalid", full_name=f"กรรมการ {n}", role=Role.JUDGE)
        for n in range(judge_count)
    )
    judges = Judge.objects.bulk_create(Judge(edition=edition, user=user) for user in judge_users)
    assignments = Assignment.objects.bulk_create(
        (Assignment(judge=judge, application=a) for a in applications[1:] for judge in judges),
        batch_size=5000,
    )
    reviews = Review.objects.bulk_create(
        (
            Review(assignment=a, status=ReviewStatus.SUBMITTED, submitted_at=now)
            for a in assignments
        ),
        batch_size=5000,
    )
    Score.objects.bulk_create(
        (
            Score(
                review=review,
                criterion=criterion,
                half_points=(review.pk + criterion.number) % (criterion.max_points * 2 + 1),
                max_points=criterion.max_points,
                updated_at=now,
            )
            for review in reviews
            for criterion in criteria
        ),
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built {len(applications):,} applications ({len(answers):,} answers, "
        f"{sum(len(v) for v in rows.values()):,} rows) × {len(judges)} judges "
        f"({len(reviews):,} reviews): {time.perf_counter() - started:.1f} s"
    )
    return registrations[0], users[0]


def kept():
    """The measured registration and its coordinator in a database kept by --keep."""
    from learningcity.accounts.models import User
    from learningcity.applications.models import Registration

    coordinator = User.objects.get(email="c0@pagespeed.invalid")
    return Registration.objects.get(created_by=coordinator), coordinator


def measure_in_process(registration, coordinator, runs: int, profile: bool) -> str:
    """Status, queries, size and median CPU of one render; returns the page's URL."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from tests.factories import log_in

    url = reverse("applications:application", args=[registration.pk])
    client = log_in(Client(HTTP_HOST="127.0.0.1"), coordinator)
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    if b'name="narrative"' not in response.content:
        raise SystemExit(f"{url} is not the editable page")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)  # now: the next request empties the log
    cpu, wall = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"in-process: {count} queries, {len(response.content) / 1e3:.0f} kB of HTML, "
        f"median CPU {statistics.median(cpu) * 1000:.1f} ms, wall "
        f"{statistics.median(wall) * 1000:.1f} ms ({runs} renders)"
    )
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            client.get(url)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return url


def session_cookie(coordinator) -> str:
    from django.conf import settings
    from django.test import Client
    from tests.factories import log_in

    client = log_in(Client(HTTP_HOST="127.0.0.1"), coordinator)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def start_granian(env: dict) -> subprocess.Popen:
    granian = Path(sys.executable).parent / "granian"
    command = [
        str(granian),
        "--interface",
        "wsgi",
        "--host",
        "127.0.0.1",
        "--port",
        str(PORT),
        "--workers",
        "2",
        "--blocking-threads",
        "1",
        "--backpressure",
        "96",
        "--working-dir",
        str(ROOT / "src"),
        "learningcity.wsgi:application",
    ]
    log = open(Path(env["LEARNINGCITY_VAR_DIR"]) / "granian.log", "wb")  # noqa: SIM115
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def fetch_status(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_up(url: str, cookie: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(120):
        if process.poll() is not None:
            raise SystemExit(f"granian exited with {process.returncode}:\n{log.read_text()}")
        try:
            status = fetch_status(url, cookie)
        except OSError:
            time.sleep(0.5)
            continue
        if status != 200:
            raise SystemExit(f"{url} answered {status} through granian:\n{log.read_text()}")
        return
    raise SystemExit("granian did not answer within 60 s")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run_wrk(name: str, url: str, cookie: str, duration: int, connections: int) -> float:
    """Requests per second of ``wrk`` on ``url`` (non-2xx answers are fatal)."""
    for _ in range(3):  # warm: templates, connections
        fetch_status(url, cookie)
    before = load()
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "-H",
        f"Cookie: {cookie}",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = re.search(r"Latency\s+(\S+)", output).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    print(
        f"{name}: {rate:.1f} req/s, mean latency {latency} "
        f"(wrk -t2 -c{connections} -d{duration}s; load average {before} before, {load()} after)"
    )
    if errors:
        raise SystemExit(f"{name}: {errors.group(1)} non-2xx answers")
    return rate


def main() -> None:
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    var_dir = Path(tempfile.mkdtemp(prefix="pagespeed-"))
    if args.reuse:
        os.environ["DATABASE_URL"] = f"{args.server}/{SCRATCH}"
    else:
        os.environ["DATABASE_URL"] = create_scratch(args.server)
    os.environ["LEARNINGCITY_VAR_DIR"] = str(var_dir)
    os.environ["LEARNINGCITY_DEBUG"] = "0"
    os.environ["LEARNINGCITY_CONN_MAX_AGE"] = "600"
    os.environ["LEARNINGCITY_LOG_LEVEL"] = "WARNING"
    os.environ["LEARNINGCITY_SECRET_KEY"] = "pagespeed-bench-" + "x" * 40
    os.environ["DJANGO_SETTINGS_MODULE"] = "learningcity.settings"
    import logging

    import django

    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)
    from django.core.management import call_command

    server = None
    try:
        started = time.perf_counter()
        if not args.reuse:
            call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        print(f"migrate + collectstatic: {time.perf_counter() - started:.1f} s")
        if args.reuse:
            registration, coordinator = kept()
        else:
            registration, coordinator = build(args.applications, args.judges)
        path = measure_in_process(registration, coordinator, args.runs, args.profile)
        cookie = session_cookie(coordinator)
        from django.db import connections

        connections.close_all()
        url = f"http://127.0.0.1:{PORT}{path}"
        server = start_granian(dict(os.environ))
        wait_until_up(url, cookie, server, var_dir / "granian.log")
        ours = run_wrk("ours", url, cookie, args.duration, args.connections)
        if args.pretalx_url:
            theirs = run_wrk(
                "pretalx", args.pretalx_url, args.pretalx_cookie, args.duration, args.connections
            )
            print(f"ratio ours/pretalx: {ours / theirs:.2f}×")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if args.keep or args.reuse:
            print(f"kept {os.environ['DATABASE_URL']}")
        else:
            drop_scratch(args.server)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
