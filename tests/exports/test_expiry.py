"""Export files and jobs expire on their own (privacy.tasks.expire_copies)."""

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.attachments import storage
from learningcity.exports import services
from learningcity.exports.models import ExportJob
from learningcity.privacy.services import EXPORT_KEEP, expire_exports
from learningcity.privacy.tasks import expire_copies
from tests.applications.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _ready_export(user, edition, capture) -> ExportJob:
    with capture(execute=True):
        job = services.start_export(user=user, edition=edition, kind="registrations", format="csv")
    job.refresh_from_db()
    return job


def test_expire_exports_removes_file_and_job_after_keep_time(
    edition, secretariat, django_capture_on_commit_callbacks
):
    RegistrationFactory(edition=edition)
    job = _ready_export(secretariat, edition, django_capture_on_commit_callbacks)
    path = storage.path_of(job.stored_name)
    assert path.exists()

    assert expire_exports(now=job.created_at + EXPORT_KEEP - dt.timedelta(minutes=1)) == 0
    assert path.exists()
    assert expire_exports(now=job.created_at + EXPORT_KEEP + dt.timedelta(minutes=1)) == 1

    assert not path.exists()
    assert ExportJob.objects.count() == 0


def test_expire_exports_leaves_running_jobs(edition, secretariat):
    job = ExportJob.objects.create(
        edition=edition,
        kind="registrations",
        format="csv",
        requested_by=secretariat,
        status="running",
        created_at=timezone.now() - EXPORT_KEEP * 2,
    )

    assert expire_exports() == 0
    assert ExportJob.objects.filter(pk=job.pk).exists()


def test_expire_copies_task_runs_both_expiries(
    edition, secretariat, django_capture_on_commit_callbacks
):
    job = _ready_export(secretariat, edition, django_capture_on_commit_callbacks)
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - EXPORT_KEEP * 2)

    result = expire_copies.enqueue(reschedule=False)

    assert result.return_value == {"exports": 1, "outbox": 0}
