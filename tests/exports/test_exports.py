import csv
import io

import pytest
from django.db import IntegrityError
from openpyxl import load_workbook

from learningcity.applications.models import Answer
from learningcity.attachments import storage
from learningcity.audit.models import AuditEntry
from learningcity.exports import services
from learningcity.exports.enums import ExportStatus
from learningcity.exports.models import ExportJob
from tests.applications.factories import RegistrationFactory
from tests.judging.factories import JudgeFactory, SubmittedApplicationFactory, scored_review

pytestmark = pytest.mark.django_db


def _run(user, edition, kind, fmt, capture) -> ExportJob:
    with capture(execute=True):
        job = services.start_export(user=user, edition=edition, kind=kind, format=fmt)
    job.refresh_from_db()
    return job


def _xlsx_rows(job):
    workbook = load_workbook(storage.path_of(job.stored_name), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_registrations_xlsx_has_a_row_per_registration_and_neutralised_cells(
    edition, secretariat, django_capture_on_commit_callbacks
):
    RegistrationFactory(edition=edition, coordinator_name="=cmd|' /C calc'!A0")
    RegistrationFactory(edition=edition, coordinator_name="สมหญิง")
    job = _run(secretariat, edition, "registrations", "xlsx", django_capture_on_commit_callbacks)
    assert (job.status, job.done, job.total) == (ExportStatus.READY, 2, 2)
    rows = _xlsx_rows(job)
    header = rows[0]
    coordinator = header.index("ผู้ประสานงาน")
    # As typed, without a visible apostrophe: a text cell marked "typed as text".
    assert sorted(row[coordinator] for row in rows[1:]) == ["=cmd|' /C calc'!A0", "สมหญิง"]
    sheet = load_workbook(storage.path_of(job.stored_name)).active
    formula_like = next(c for c in sheet.iter_rows(min_row=2) if c[coordinator].value[0] == "=")
    assert (formula_like[coordinator].data_type, formula_like[coordinator].quotePrefix) == (
        "s",
        True,
    )
    plain = next(c for c in sheet.iter_rows(min_row=2) if c[coordinator].value == "สมหญิง")
    assert (plain[coordinator].data_type, plain[coordinator].quotePrefix) == ("s", False)
    assert rows[1][header.index("ประชากร")] == 6200
    assert AuditEntry.objects.filter(action="export.requested").count() == 1


def test_registrations_csv_is_utf8_with_bom(
    edition, secretariat, django_capture_on_commit_callbacks
):
    RegistrationFactory(edition=edition, head_name="@SUM(A1)")
    job = _run(secretariat, edition, "registrations", "csv", django_capture_on_commit_callbacks)
    raw = storage.path_of(job.stored_name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert "'@SUM(A1)" in rows[1]


def test_applications_export_has_columns_per_criterion_with_mean_points(
    edition, secretariat, django_capture_on_commit_callbacks
):
    application = SubmittedApplicationFactory(registration__edition=edition)
    criterion = edition.criteria.get(number=1)
    Answer.objects.create(
        application=application, criterion=criterion, narrative="+ผลลัพธ์", evidence_confirmed=True
    )
    for points in ([10, 15, 15, 10, 10, 10], [12, 15, 15, 10, 10, 10]):
        scored_review(JudgeFactory(edition=edition), application, points)
    job = _run(secretariat, edition, "applications", "xlsx", django_capture_on_commit_callbacks)
    rows = _xlsx_rows(job)
    header = rows[0]
    assert len(header) == 12 + 6 * 3
    row = rows[1]
    assert row[0] == application.reference
    assert row[header.index("1. เกณฑ์ที่ 1 — คำตอบ")] == "+ผลลัพธ์"
    assert row[header.index("1. ส่งหลักฐานแล้ว")] == "✓"
    assert row[header.index("1. คะแนนเฉลี่ย (เต็ม 15)")] == 11


def test_scores_and_ranking_exports(edition, secretariat, django_capture_on_commit_callbacks):
    first = SubmittedApplicationFactory(registration__edition=edition)
    second = SubmittedApplicationFactory(registration__edition=edition)
    judge = JudgeFactory(edition=edition)
    scored_review(judge, first, [15, 20, 20, 15, 15, 15])
    scored_review(judge, second, [10, 10, 10, 10, 10, 10])
    scores = _xlsx_rows(
        _run(secretariat, edition, "scores", "xlsx", django_capture_on_commit_callbacks)
    )
    total = scores[0].index("คะแนนรวม")
    assert sorted(row[total] for row in scores[1:]) == [60, 100]
    ranking = _xlsx_rows(
        _run(secretariat, edition, "ranking", "xlsx", django_capture_on_commit_callbacks)
    )
    assert [(row[1], row[2], row[5]) for row in ranking[1:]] == [
        (1, first.reference, 100),
        (2, second.reference, 60),
    ]


def test_start_export_twice_returns_the_running_job(edition, secretariat):
    first = services.start_export(
        user=secretariat, edition=edition, kind="registrations", format="xlsx"
    )
    second = services.start_export(
        user=secretariat, edition=edition, kind="registrations", format="csv"
    )
    assert first.pk == second.pk
    assert ExportJob.objects.count() == 1


def test_database_refuses_two_running_jobs_of_a_kind_per_user(edition, secretariat):
    ExportJob.objects.create(
        edition=edition, kind="registrations", format="xlsx", requested_by=secretariat
    )
    with pytest.raises(IntegrityError):
        ExportJob.objects.create(
            edition=edition, kind="registrations", format="csv", requested_by=secretariat
        )


def test_build_runs_a_job_once(edition, secretariat):
    job = services.start_export(
        user=secretariat, edition=edition, kind="registrations", format="xlsx"
    )
    assert services.build(job.pk) is True
    assert services.build(job.pk) is False


def test_failed_build_is_recorded(edition, secretariat, monkeypatch):
    job = services.start_export(
        user=secretariat, edition=edition, kind="registrations", format="xlsx"
    )

    def broken(edition):
        raise RuntimeError("boom")

    monkeypatch.setitem(services.BUILDERS, "registrations", broken)
    assert services.build(job.pk) is False
    job.refresh_from_db()
    assert (job.status, job.error) == (ExportStatus.FAILED, "RuntimeError: boom")


def test_hourly_orphan_removal_keeps_a_finished_export(
    edition, secretariat, django_capture_on_commit_callbacks
):
    import datetime as dt
    import os
    import time

    from learningcity.attachments.services import remove_orphans

    RegistrationFactory(edition=edition)
    job = _run(secretariat, edition, "registrations", "csv", django_capture_on_commit_callbacks)
    path = storage.path_of(job.stored_name)
    hours_ago = time.time() - 7200
    os.utime(path, (hours_ago, hours_ago))

    counts = remove_orphans(older_than=dt.timedelta(hours=1))

    assert counts["unreferenced"] == 0
    assert path.exists()
