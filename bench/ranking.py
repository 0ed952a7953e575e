"""How long the committee's ranking takes with 8,000 applications × 5 judges on PostgreSQL.

Run: uv run python bench/ranking.py [--applications 8000] [--judges 5] [--runs 5] [--keep]
     [--no-jit]
Without DATABASE_URL it creates a scratch database ``learningcity_bench_ranking`` on
postgres://postgres@127.0.0.1:5432 (override the server with --server), migrates it and drops
it at the end unless --keep. With DATABASE_URL set it uses that database: give it an empty
scratch one, it is not dropped.

Builds with bulk_create: edition 1 from its file, the DLA registry (7,849 areas, plus synthetic
areas when more applications are asked for: one area enters once per edition), submitted
applications alternating between the two categories, every judge assigned to every application
with a submitted review scoring all six criteria (whole and half points). Then times
``learningcity.judging.ranking.ranking(edition, category)`` per category and the secretariat's
ranking page (judging:manage_ranking) through the Django test client (its first, computing
request, then the median of --runs cached ones), the first request after a change (a score
of a submitted review changed, as a judge may while judging is open, or a tie-break vote
recorded: median of --runs changes), and the first judge's list (judging:home, every
application assigned): median of --runs runs, with the query count and the page's size.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from scratch_db import create_scratch, drop_scratch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.factories.log_in
TEMP = Path(tempfile.mkdtemp(prefix="ranking-bench-"))
SCRATCH = "learningcity_bench_ranking"
STATIC_BACKEND = "django.contrib.staticfiles.storage.StaticFilesStorage"


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=8000)
    parser.add_argument("--judges", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--no-jit",
        action="store_true",
        help="connect with jit=off (PostgreSQL's JIT compiles these queries for ~0.3 s each)",
    )
    return parser.parse_args()


def build(count: int, judge_count: int):
    from django.core.management import call_command
    from django.utils import timezone

    from learningcity.accounts.enums import OrganisationKind, Role
    from learningcity.accounts.models import Organisation, User
    from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
    from learningcity.applications.models import Application, Registration
    from learningcity.editions.loading import load_edition_file
    from learningcity.judging.enums import ReviewStatus
    from learningcity.judging.models import Assignment, Judge, Review, Score
    from learningcity.registry.enums import LocalGovernmentType
    from learningcity.registry.models import LocalGovernment, Province

    timings = {}
    started = time.perf_counter()
    call_command("import_registry", verbosity=0)
    timings["registry import"] = time.perf_counter() - started

    started = time.perf_counter()
    edition = load_edition_file().edition
    criteria = list(edition.criteria.order_by("number"))
    categories = list(edition.categories.order_by("order"))
    lgs = list(LocalGovernment.objects.order_by("pk")[:count])
    missing = count - len(lgs)
    print(f"areas: {len(lgs):,} from the registry + {max(missing, 0):,} synthetic")
    if missing > 0:
        province, _created = Province.objects.get_or_create(
            code="99", defaults={"name_th": "จังหวัดทดสอบ", "name_en": "Bench"}
        )
        lgs += LocalGovernment.objects.bulk_create(
            LocalGovernment(
                dla_code=f"9{n:06d}",
                type=LocalGovernmentType.SUBDISTRICT_ADMIN_ORG,
                name_th=f"ทดสอบ{n}",
                full_name_th=f"องค์การบริหารส่วนตำบลทดสอบ{n}",
                province=province,
                district_th="เมือง",
            )
            for n in range(missing)
        )
    applicant = User.objects.create(
        email="applicant@bench.invalid", full_name="ผู้สมัคร ทดสอบ", role=Role.APPLICANT
    )
    organisations = Organisation.objects.bulk_create(
        (
            Organisation(
                name=lg.full_name_th, kind=OrganisationKind.LOCAL_GOVERNMENT, local_government=lg
            )
            for lg in lgs
        ),
        batch_size=2000,
    )
    now = timezone.now()
    registrations = Registration.objects.bulk_create(
        (
            Registration(
                edition=edition,
                organisation=organisation,
                local_government=organisation.local_government,
                category=categories[n % len(categories)],
                population=5000 + n,
                population_source="ทะเบียนราษฎร",
                population_year_be=2568,
                head_name="นายก ทดสอบ",
                head_position="นายกองค์การบริหารส่วนตำบล",
                coordinator_name=f"ผู้ประสานงาน {n}",
                coordinator_phone="081 234 5678",
                coordinator_email=f"c{n}@bench.invalid",
                status=RegistrationStatus.APPROVED,
                created_by=applicant,
            )
            for n, organisation in enumerate(organisations)
        ),
        batch_size=2000,
    )
    applications = Application.objects.bulk_create(
        (
            Application(
                registration=registration,
                status=ApplicationStatus.SUBMITTED,
                reference=f"LCA1-{registration.category.code[:1]}-{n:05d}",
                submitted_at=now,
            )
            for n, registration in enumerate(registrations)
        ),
        batch_size=2000,
    )
    judge_users = User.objects.bulk_create(
        User(email=f"judge{n}@bench.invalid", full_name=f"กรรมการ {n}", role=Role.JUDGE)
        for n in range(judge_count)
    )
    judges = Judge.objects.bulk_create(
        Judge(edition=edition, user=user, is_chair=n == 0) for n, user in enumerate(judge_users)
    )
    assignments = Assignment.objects.bulk_create(
        (Assignment(judge=judge, application=a) for a in applications for judge in judges),
        batch_size=5000,
    )
    reviews = Review.objects.bulk_create(
        (
            Review(assignment=a, status=ReviewStatus.SUBMITTED, submitted_at=now)
            for a in assignments
        ),
        batch_size=5000,
    )
    # Each application has a quality, each judge a leniency; points are whole or half.
    rng = random.Random(2569)
    quality = {a.pk: rng.uniform(0.35, 0.95) for a in applications}
    leniency = {j.pk: rng.uniform(-0.08, 0.08) for j in judges}
    scores = []
    for assignment, review in zip(assignments, reviews, strict=True):
        base = quality[assignment.application_id] + leniency[assignment.judge_id]
        for criterion in criteria:
            top = criterion.max_points * 2
            half = round(top * (base + rng.uniform(-0.1, 0.1)))
            scores.append(
                Score(
                    review=review,
                    criterion=criterion,
                    half_points=min(max(half, 0), top),
                    max_points=criterion.max_points,
                    updated_at=now,
                )
            )
        if len(scores) >= 30000:
            Score.objects.bulk_create(scores)
            scores = []
    Score.objects.bulk_create(scores)
    secretary = User.objects.create(
        email="secretariat@bench.invalid", full_name="เลขานุการ ทดสอบ", role=Role.SECRETARIAT
    )
    timings["build (bulk_create)"] = time.perf_counter() - started
    started = time.perf_counter()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    timings["ANALYZE"] = time.perf_counter() - started
    return edition, categories, secretary, timings


def _backend_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend so far (local server, /proc)."""
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except Exception:  # another database, or /proc not readable: wall time only
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


CPU_MEDIANS: list[float] = []


def median_time(function, runs: int) -> tuple[float, object]:
    """Median wall time; the median CPU (this process + its PostgreSQL backend, which does not
    wait for the other work on a shared machine) goes to CPU_MEDIANS[-1]."""
    times, cpus, result = [], [], None
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time() + _backend_cpu()
        result = function()
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() + _backend_cpu() - cpu)
    CPU_MEDIANS.append(statistics.median(cpus))
    return statistics.median(times), result


def measure(edition, categories, secretary, runs: int) -> None:
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from tests.factories import log_in

    from learningcity.judging.models import Assignment, Score
    from learningcity.judging.ranking import ranking

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, jit={jit}")
    print(f"assignments: {Assignment.objects.count():,}  scores: {Score.objects.count():,}")
    client = log_in(Client(), secretary)
    for category in categories:
        ranking(edition, category)  # warm
        with CaptureQueriesContext(connection) as queries:
            rows = ranking(edition, category)
        elapsed, rows = median_time(lambda category=category: ranking(edition, category), runs)
        print(
            f"ranking() {category.code}: {len(rows):,} rows, {len(queries)} queries, "
            f"median {elapsed * 1000:.0f} ms of {runs} (CPU {CPU_MEDIANS[-1] * 1000:.0f} ms)"
        )
        url = reverse("judging:manage_ranking", args=[edition.number, category.code])
        cache.clear()  # the first request computes the ranking, later ones read the cache
        started = time.perf_counter()
        response = client.get(url, secure=True)
        computed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        print(f"ranking page {category.code}, first request (computed): {computed * 1000:.0f} ms")
        reset_queries()  # each request resets the log: count from an empty one
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, secure=True)
        page_queries = len(queries)  # now: the next request empties the log
        elapsed, response = median_time(lambda url=url: client.get(url, secure=True), runs)
        print(
            f"ranking page {category.code}: {response.content.count(b'<tr>') - 1:,} rows, "
            f"{page_queries} queries, {len(response.content) / 1e3:,.0f} kB of HTML, "
            f"median {elapsed * 1000:.0f} ms of {runs} (CPU {CPU_MEDIANS[-1] * 1000:.0f} ms; "
            "cached until a review changes)"
        )
        measure_after_change(edition, category, categories, client, runs)
    measure_judge_list(edition, runs)


def change_a_score(edition, category, rng) -> None:
    """What save_score does to a submitted review's score (the bench's judging phase may not
    be open now): new points, the change kept."""
    from django.utils import timezone

    from learningcity.accounts.models import User
    from learningcity.judging.models import Score, ScoreChange

    score = (
        Score.objects.filter(
            review__assignment__judge__edition=edition,
            review__assignment__application__registration__category=category,
        )
        .order_by("?")
        .first()
    )
    old = score.half_points
    score.half_points = rng.choice([h for h in range(score.max_points * 2 + 1) if h != old])
    score.updated_at = timezone.now()
    score.save(update_fields=["half_points", "updated_at"])
    ScoreChange.objects.create(
        score=score,
        changed_by=User.objects.get(email="judge0@bench.invalid"),
        old_points=old / 2,
        new_points=score.half_points / 2,
    )


def record_a_vote(edition, category, rng) -> None:
    from learningcity.accounts.models import User
    from learningcity.applications.models import Application
    from learningcity.judging import services

    application = Application.objects.filter(registration__category=category).order_by("?")[0]
    secretary = User.objects.get(email="secretariat@bench.invalid")
    services.record_tie_break_vote(application, rng.randint(0, 9), "bench", secretary)


def measure_after_change(edition, category, categories, client, runs: int) -> None:
    """The first ranking request after a score of a submitted review, or a vote, changed,
    then the first request of another category's page (computed by the same request)."""
    from django.urls import reverse

    url = reverse("judging:manage_ranking", args=[edition.number, category.code])
    other = next(c for c in categories if c != category)
    other_url = reverse("judging:manage_ranking", args=[edition.number, other.code])
    rng = random.Random(2570)
    for name, change in (("a score changed", change_a_score), ("a vote recorded", record_a_vote)):
        times, cpus, others = [], [], []
        for _ in range(runs):
            change(edition, category, rng)
            started, cpu = time.perf_counter(), time.process_time() + _backend_cpu()
            response = client.get(url, secure=True)
            times.append(time.perf_counter() - started)
            cpus.append(time.process_time() + _backend_cpu() - cpu)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            started = time.perf_counter()
            client.get(other_url, secure=True)
            others.append(time.perf_counter() - started)
        print(
            f"ranking page {category.code}, first request after {name}: "
            f"median {statistics.median(times) * 1000:.0f} ms of {runs} "
            f"(max {max(times) * 1000:.0f} ms; CPU {statistics.median(cpus) * 1000:.0f} ms); "
            f"then {other.code}'s page: median {statistics.median(others) * 1000:.0f} ms"
        )


def measure_judge_list(edition, runs: int) -> None:
    """The first judge's list (every application is assigned to every judge)."""
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from tests.factories import log_in

    from learningcity.accounts.models import User
    from learningcity.judging.models import Assignment

    judge = User.objects.get(email="judge0@bench.invalid")
    client = log_in(Client(), judge)
    url = reverse("judging:home")
    rows = Assignment.objects.filter(judge__user=judge, judge__edition=edition).count()
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    count = len(queries)
    elapsed, response = median_time(lambda: client.get(url, secure=True), runs)
    print(
        f"judge's list ({rows:,} assignments): {response.content.count(b'<tr>') - 1:,} rows shown, "
        f"{count} queries, {len(response.content) / 1e3:,.0f} kB of HTML, "
        f"median {elapsed * 1000:.0f} ms of {runs} (CPU {CPU_MEDIANS[-1] * 1000:.0f} ms)"
    )


def main() -> None:
    args = parse_args()
    scratch = "DATABASE_URL" not in os.environ
    if scratch:
        os.environ["DATABASE_URL"] = create_scratch(args.server, SCRATCH)
    os.environ.setdefault("LEARNINGCITY_VAR_DIR", str(TEMP))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
    import logging

    import django

    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()  # the test client's host, locmem e-mail
    if args.no_jit:
        from django.db import connection

        connection.close()
        connection.settings_dict.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Static URLs without a collected manifest, as in the test suite.
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": STATIC_BACKEND}}
    override_settings(STORAGES=storages).enable()
    warnings.filterwarnings("ignore", message="No directory at")
    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrate: {time.perf_counter() - started:.1f} s")
        edition, categories, secretary, timings = build(args.applications, args.judges)
        for name, seconds in timings.items():
            print(f"{name}: {seconds:.1f} s")
        print(
            f"built {args.applications:,} applications × {args.judges} judges "
            f"({args.applications * args.judges:,} reviews, "
            f"{args.applications * args.judges * 6:,} scores)"
        )
        measure(edition, categories, secretary, args.runs)
    finally:
        if scratch and not args.keep:
            drop_scratch(args.server, SCRATCH)
        elif scratch:
            print(f"kept {os.environ['DATABASE_URL']}")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(TEMP, ignore_errors=True)
