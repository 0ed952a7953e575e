"""How long exporting 8,000 applications to XLSX takes, and its peak memory.

Run: uv run python bench/export_xlsx.py [--applications 8000]
Builds the applications with bulk_create in a temporary SQLite database (or, with DATABASE_URL
set, in that database — give it an empty scratch one), then runs the applications export (one
column per criterion: answer, evidence tick, mean points) exactly as the worker does. Prints
the wall time, the peak of Python allocations during the export (tracemalloc, a second run) and
the process's peak resident memory (ru_maxrss).
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

TEMP = Path(tempfile.mkdtemp(prefix="export-bench-"))
os.environ.setdefault("LEARNINGCITY_VAR_DIR", str(TEMP))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TEMP / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from learningcity.accounts.enums import OrganisationKind, Role  # noqa: E402
from learningcity.accounts.models import Organisation, User  # noqa: E402
from learningcity.applications.enums import ApplicationStatus  # noqa: E402
from learningcity.applications.models import Answer, Application, Registration  # noqa: E402
from learningcity.attachments import storage  # noqa: E402
from learningcity.editions.loading import load_edition_file  # noqa: E402
from learningcity.exports import services  # noqa: E402
from learningcity.exports.models import ExportJob  # noqa: E402
from learningcity.registry.enums import LocalGovernmentType  # noqa: E402
from learningcity.registry.models import LocalGovernment, Province  # noqa: E402

# About 1,000 characters of Thai per answer, as a real narrative is (limit 3,000).
NARRATIVE = (
    "เทศบาลจัดให้มีแหล่งเรียนรู้ในชุมชนที่เด็ก เยาวชน และผู้สูงอายุเข้าถึงได้ทุกวัน "
    "โดยร่วมกับโรงเรียน วัด และภาคเอกชนในพื้นที่ จัดกิจกรรมการเรียนรู้ตลอดชีวิต "
) * 7


def build(count: int):
    started = time.perf_counter()
    edition = load_edition_file().edition
    criteria = list(edition.criteria.order_by("number"))
    categories = list(edition.categories.all())
    province, _created = Province.objects.get_or_create(
        code="99", defaults={"name_th": "จังหวัดทดสอบ", "name_en": "Bench"}
    )
    user, _created = User.objects.get_or_create(
        email="bench@bench.invalid", defaults={"full_name": "ผู้ทดสอบ", "role": Role.APPLICANT}
    )
    lgs = LocalGovernment.objects.bulk_create(
        LocalGovernment(
            dla_code=f"9{n:06d}",
            type=LocalGovernmentType.choices[n % len(LocalGovernmentType.choices)][0],
            name_th=f"ทดสอบ{n}",
            full_name_th=f"องค์การบริหารส่วนตำบลทดสอบ{n}",
            province=province,
            district_th="เมือง",
        )
        for n in range(count)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"องค์การบริหารส่วนตำบลทดสอบ{n}",
            kind=OrganisationKind.LOCAL_GOVERNMENT,
            local_government=lg,
        )
        for n, lg in enumerate(lgs)
    )
    now = timezone.now()
    registrations = Registration.objects.bulk_create(
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
            coordinator_name=f"=ผู้ประสานงาน {n}",
            coordinator_phone="081 234 5678",
            coordinator_email=f"c{n}@bench.invalid",
            created_by=user,
        )
        for n, organisation in enumerate(organisations)
    )
    applications = Application.objects.bulk_create(
        Application(
            registration=registration,
            status=ApplicationStatus.SUBMITTED,
            reference=f"LCA1-BENCH-{n:05d}",
            submitted_at=now,
        )
        for n, registration in enumerate(registrations)
    )
    for start in range(0, len(applications), 1000):
        Answer.objects.bulk_create(
            Answer(application=a, criterion=c, narrative=NARRATIVE, evidence_confirmed=True)
            for a in applications[start : start + 1000]
            for c in criteria
        )
    print(
        f"built {count:,} applications × {len(criteria)} criteria "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return edition, user


def export(edition, user) -> tuple[float, ExportJob]:
    ExportJob.objects.filter(requested_by=user).delete()
    job = ExportJob.objects.create(
        edition=edition, kind="applications", format="xlsx", requested_by=user
    )
    started = time.perf_counter()
    if not services.build(job.pk):
        raise SystemExit(f"the export failed: {ExportJob.objects.get(pk=job.pk).error}")
    elapsed = time.perf_counter() - started
    job.refresh_from_db()
    return elapsed, job


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=8000)
    count = parser.parse_args().applications
    call_command("migrate", verbosity=0)
    edition, user = build(count)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    elapsed, job = export(edition, user)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = storage.path_of(job.stored_name).stat().st_size
    tracemalloc.start()
    export(edition, user)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"database: {django.db.connection.vendor}")
    print(f"exported {job.done:,} rows ", end="")
    print(f"to XLSX ({size / 1e6:.1f} MB) in {elapsed:.1f} s")
    print(f"peak Python allocations during the export (tracemalloc): {peak / 1e6:.1f} MB")
    print(
        f"peak resident memory (ru_maxrss): {rss_after / 1024:.0f} MB "
        f"(before the export: {rss_before / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(TEMP, ignore_errors=True)
