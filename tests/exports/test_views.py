import io
import zipfile

import pytest
from django.urls import reverse

from learningcity.accounts.enums import MembershipRole, Role
from learningcity.exports import services
from learningcity.exports.enums import ExportStatus
from learningcity.exports.models import ExportJob
from tests.applications.factories import RegistrationFactory, attach_everything, started_application
from tests.factories import MembershipFactory, UserFactory, log_in

pytestmark = pytest.mark.django_db


def _ready_job(user, edition, capture):
    RegistrationFactory(edition=edition)
    with capture(execute=True):
        job = services.start_export(user=user, edition=edition, kind="registrations", format="xlsx")
    job.refresh_from_db()
    assert job.status == ExportStatus.READY
    return job


@pytest.mark.parametrize("role", [None, Role.APPLICANT, Role.JUDGE])
def test_export_pages_are_404_for_everyone_but_the_secretariat(client, role, edition):
    if role is not None:
        log_in(client, UserFactory(role=role))
    assert client.get(reverse("exports:index")).status_code == 404
    response = client.post(
        reverse("exports:start"), {"edition": edition.pk, "kind": "registrations", "format": "csv"}
    )
    assert response.status_code == 404
    assert not ExportJob.objects.exists()


def test_secretariat_starts_export_and_downloads_it(
    client, secretariat, edition, django_capture_on_commit_callbacks
):
    RegistrationFactory(edition=edition)
    log_in(client, secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("exports:start"),
            {"edition": edition.pk, "kind": "registrations", "format": "csv"},
        )
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.READY
    page = client.get(reverse("exports:index")).content.decode()
    assert reverse("exports:download", args=[job.pk]) in page
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(download.streaming_content).startswith(b"\xef\xbb\xbf")


def test_double_click_starts_one_export(client, secretariat, edition):
    log_in(client, secretariat)
    data = {"edition": edition.pk, "kind": "registrations", "format": "xlsx"}
    # No on-commit execution: the first job stays queued as if the worker had not got to it.
    client.post(reverse("exports:start"), data)
    client.post(reverse("exports:start"), data)
    assert ExportJob.objects.count() == 1
    page = client.get(reverse("exports:index"), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in page


def test_download_is_404_for_another_secretariat_member_and_others(
    client, secretariat, edition, django_capture_on_commit_callbacks
):
    job = _ready_job(secretariat, edition, django_capture_on_commit_callbacks)
    url = reverse("exports:download", args=[job.pk])
    for user in (UserFactory(role=Role.SECRETARIAT), UserFactory(role=Role.APPLICANT), None):
        client.logout()
        if user is not None:
            log_in(client, user)
        assert client.get(url).status_code == 404


def test_download_of_unfinished_job_is_404(client, secretariat, edition):
    job = services.start_export(user=secretariat, edition=edition, kind="scores", format="xlsx")
    log_in(client, secretariat)
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404


def test_application_zip_streams_every_file_to_its_members_and_secretariat(client, secretariat):
    membership = MembershipFactory(role=MembershipRole.COORDINATOR)
    application = started_application(organisation=membership.organisation)
    attach_everything(application, membership.user, photos=2)
    url = reverse("exports:application_files", args=[application.pk])
    for user in (membership.user, secretariat):
        log_in(client, user)
        response = client.get(url)
        assert response.status_code == 200
        assert response.streaming
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        names = archive.namelist()
        assert len(names) == application.attachments.count()
        for attachment in application.attachments.all():
            name = f"{attachment.kind}-{attachment.slot:02d}-{attachment.display_name}"
            assert archive.read(name).__len__() == attachment.size
        client.logout()


def test_application_zip_is_404_for_strangers(client):
    application = started_application()
    url = reverse("exports:application_files", args=[application.pk])
    assert client.get(url).status_code == 404
    log_in(client, UserFactory(role=Role.APPLICANT))
    assert client.get(url).status_code == 404
    log_in(client, UserFactory(role=Role.JUDGE))
    assert client.get(url).status_code == 404
