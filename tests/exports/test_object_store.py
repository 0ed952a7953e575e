"""Exports with the files in a real S3 store (SeaweedFS): written, downloaded, zipped."""

import hashlib
import io
import zipfile

import pytest
from django.urls import reverse

from learningcity.accounts.enums import MembershipRole
from learningcity.exports import services
from learningcity.exports.enums import ExportStatus
from tests.applications.factories import RegistrationFactory, attach_everything, started_application
from tests.factories import MembershipFactory, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("s3_storage")]


def _object(seaweedfs, location, name) -> bytes:
    body = seaweedfs.client().get_object(Bucket=seaweedfs.bucket, Key=f"{location}/{name}")
    return body["Body"].read()


def test_csv_export_on_object_store_put_and_downloaded(
    client,
    seaweedfs,
    s3_storage,
    edition,
    secretariat,
    django_capture_on_commit_callbacks,
):
    RegistrationFactory(edition=edition)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_export(
            user=secretariat, edition=edition, kind="registrations", format="csv"
        )
    job.refresh_from_db()
    assert job.status == ExportStatus.READY
    stored = _object(seaweedfs, s3_storage, job.stored_name)
    assert stored.startswith(b"\xef\xbb\xbf")
    log_in(client, secretariat)

    response = client.get(reverse("exports:download", args=[job.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored


def test_application_zip_from_object_store_holds_every_file(client):
    membership = MembershipFactory(role=MembershipRole.COORDINATOR)
    application = started_application(organisation=membership.organisation)
    attach_everything(application, membership.user, photos=2)
    log_in(client, membership.user)

    response = client.get(reverse("exports:application_files", args=[application.pk]))

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert len(archive.namelist()) == application.attachments.count()
    for attachment in application.attachments.all():
        name = f"{attachment.kind}-{attachment.slot:02d}-{attachment.display_name}"
        assert hashlib.sha256(archive.read(name)).hexdigest() == attachment.sha256
