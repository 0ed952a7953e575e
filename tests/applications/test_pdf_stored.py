"""The submitted application's PDF: built once per submission, at submission, in the
background; every download after that is the stored file; rebuilt only if it is missing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from learningcity.accounts.enums import Role
from learningcity.applications import services
from learningcity.applications.models import ApplicationPdf
from learningcity.attachments import storage
from learningcity.attachments.services import referenced_names
from tests.applications.factories import IN_SUBMISSION, complete_application
from tests.factories import UserFactory, bangkok, log_in


@pytest.fixture
def complete(db):
    return complete_application()


def _submit(application, user, django_capture_on_commit_callbacks, at=IN_SUBMISSION):
    with django_capture_on_commit_callbacks(execute=True):
        return services.submit_application(application, user, at)


def _download(client, application) -> bytes:
    response = client.get(reverse("applications:application_pdf", args=[application.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    return b"".join(response.streaming_content)


def test_pdf_stored_built_at_submission_and_served_as_is(
    client, complete, django_capture_on_commit_callbacks
):
    application, coordinator = complete
    _submit(application, coordinator, django_capture_on_commit_callbacks)

    record = ApplicationPdf.objects.get(application=application)
    path = storage.path_of(record.stored_name)
    built = path.read_bytes()
    assert built.startswith(b"%PDF-")
    assert record.stored_name in referenced_names()  # kept by the orphan clean-up
    modified = path.stat().st_mtime_ns

    log_in(client, coordinator)
    first, second = _download(client, application), _download(client, application)

    assert first == second == built
    assert path.stat().st_mtime_ns == modified  # not rebuilt
    assert ApplicationPdf.objects.filter(application=application).count() == 1


def test_pdf_stored_missing_file_rebuilt_on_download(
    client, complete, django_capture_on_commit_callbacks
):
    application, coordinator = complete
    _submit(application, coordinator, django_capture_on_commit_callbacks)
    record = ApplicationPdf.objects.get(application=application)
    storage.delete(record.stored_name)

    log_in(client, coordinator)
    content = _download(client, application)

    assert content.startswith(b"%PDF-")
    assert storage.path_of(record.stored_name).read_bytes() == content


def test_pdf_stored_draft_rendered_each_time_never_stored(client, complete):
    application, coordinator = complete
    log_in(client, coordinator)

    response = client.get(reverse("applications:application_pdf", args=[application.pk]))

    assert response.content.startswith(b"%PDF-")
    assert not ApplicationPdf.objects.exists()


def test_pdf_stored_resubmission_builds_a_new_pdf(complete, django_capture_on_commit_callbacks):
    application, coordinator = complete
    _submit(application, coordinator, django_capture_on_commit_callbacks)
    secretariat = UserFactory(role=Role.SECRETARIAT)
    services.reopen_application(application, secretariat, "แก้ไขแผนที่")
    _submit(
        application, coordinator, django_capture_on_commit_callbacks, bangkok(2026, 6, 20, 9, 0)
    )

    names = list(
        ApplicationPdf.objects.filter(application=application)
        .order_by("submitted_at")
        .values_list("stored_name", flat=True)
    )
    assert len(names) == 2
    assert names[0] != names[1]
    assert all(storage.path_of(name).is_file() for name in names)


def test_pdf_stored_deferred_to_the_window_close_when_submitted_before(
    settings, db, django_capture_on_commit_callbacks
):
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    application, coordinator = complete_application()
    application.deadline_override = timezone.now() + dt.timedelta(days=2)
    application.save(update_fields=["deadline_override"])
    _opens_at, closes_at = services.submission_window(application)
    assert closes_at == application.deadline_override

    _submit(application, coordinator, django_capture_on_commit_callbacks)

    by_name = {result.task.name: result for result in default_task_backend.results}
    assert set(by_name) == {"build_application_pdf", "send_submitted_email"}
    result = by_name["build_application_pdf"]
    assert result.args == [application.pk]
    assert result.task.run_after == closes_at
    assert not ApplicationPdf.objects.exists()
