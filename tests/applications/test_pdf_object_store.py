"""The application's PDF and the signed certification page with the files in a real S3 store."""

import io

import pikepdf
import pytest
from django.urls import reverse

from learningcity.applications.models import Certification
from learningcity.applications.pdf import application_pdf, certification_pdf
from learningcity.applications.services import signed_page
from learningcity.attachments import storage
from learningcity.editions.enums import DocumentKind
from tests.applications.factories import complete_application
from tests.applications.test_pdf import full_application
from tests.attachments.test_signed_page import render, upload
from tests.factories import MembershipFactory, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("s3_storage")]


def _image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """The size of every distinct image in the PDF (pages share one resource dictionary)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        images = {
            image.objgen: (int(image.Width), int(image.Height))
            for page in document.pages
            for image in page.get_images().values()
        }
    return list(images.values())


def test_application_pdf_on_object_store_shows_every_photo_preview():
    application = full_application()
    photos = application.attachments.filter(kind=DocumentKind.PHOTOS).count()

    sizes = _image_sizes(application_pdf(application))

    assert photos == 2
    assert sizes.count((320, 180)) == photos  # the previews, read from the store


def test_signed_page_on_object_store_stored_and_downloaded(client, seaweedfs, s3_storage):
    application, coordinator = complete_application(certify=False)
    scan = io.BytesIO()
    render(certification_pdf(application), 300).save(scan, "PDF", resolution=300)

    certification = upload(application, coordinator, scan.getvalue(), "scan.pdf")

    key = f"{s3_storage}/{certification.stored_name}"
    stored = seaweedfs.client().get_object(Bucket=seaweedfs.bucket, Key=key)["Body"].read()
    assert signed_page.codes_on_pdf(stored) == [signed_page.page_code(application)]
    assert storage.exists(certification.stored_name)
    url = reverse("applications:signed_certification", args=[application.pk])
    log_in(client, coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    log_in(client, MembershipFactory().user)
    assert client.get(url).status_code == 404
    assert Certification.objects.filter(stored_name=certification.stored_name).count() == 1
