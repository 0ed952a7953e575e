"""Files in an S3 object store: uploads, downloads and clean-up against a real SeaweedFS."""

import datetime as dt
import hashlib
import io
import time
import urllib.error
import urllib.request
from urllib.parse import quote, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from learningcity.attachments import pending, storage
from learningcity.attachments.models import Attachment
from learningcity.attachments.services import delete_attachment, remove_orphans, store_attachment
from learningcity.editions.enums import DocumentKind
from tests.attachments import corpus
from tests.factories import MembershipFactory, log_in

pytestmark = pytest.mark.usefixtures("s3_storage")


def _object(seaweedfs, location, name) -> bytes:
    body = seaweedfs.client().get_object(Bucket=seaweedfs.bucket, Key=f"{location}/{name}")
    return body["Body"].read()


def _keys(seaweedfs, location) -> list[str]:
    listing = seaweedfs.client().list_objects_v2(Bucket=seaweedfs.bucket, Prefix=f"{location}/")
    return sorted(item["Key"].removeprefix(f"{location}/") for item in listing.get("Contents", []))


def test_object_store_selected_by_settings(s3_storage):
    assert storage.on_object_store() is True


def test_store_photo_on_object_store_object_matches_row(seaweedfs, s3_storage, stored):
    data = _object(seaweedfs, s3_storage, stored.stored_name)

    assert hashlib.sha256(data).hexdigest() == stored.sha256
    assert len(data) == stored.size
    assert _keys(seaweedfs, s3_storage) == [stored.stored_name]


def test_upload_view_on_object_store_puts_the_checked_photo(
    client,
    seaweedfs,
    s3_storage,
    open_now,
    member,
):
    sent = io.BytesIO(corpus.jpeg_bytes(exif=corpus.gps_exif()))
    sent.name = "ตลาด.jpg"
    log_in(client, member)

    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {"kind": "photos", "slot": "4", "caption": "ตลาดนัด", "file": sent},
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    data = _object(seaweedfs, s3_storage, attachment.stored_name)
    assert hashlib.sha256(data).hexdigest() == attachment.sha256
    assert b"PhoneMaker" not in data  # the rewritten photo, not the bytes sent
    assert _keys(seaweedfs, s3_storage) == [attachment.stored_name]


def test_store_pdf_on_object_store_object_matches_row(seaweedfs, s3_storage, open_now, member):
    pdf = corpus.pdf_bytes()
    city_map = store_attachment(
        application=open_now,
        kind=DocumentKind.MAP,
        slot=1,
        upload=ContentFile(pdf, name="แผนที่.pdf"),
        user=member,
    )

    data = _object(seaweedfs, s3_storage, city_map.stored_name)
    assert hashlib.sha256(data).hexdigest() == city_map.sha256
    assert city_map.content_type == "application/pdf"


def test_download_from_object_store_streams_bytes_to_member(
    client,
    seaweedfs,
    s3_storage,
    member,
    stored,
):
    log_in(client, member)

    response = client.get(reverse("attachments:download", args=[stored.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _object(
        seaweedfs, s3_storage, stored.stored_name
    )
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Length"] == str(stored.size)
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote("ลานกีฬา.jpg")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


def test_download_from_object_store_other_organisation_404(client, stored, settings):
    settings.LEARNINGCITY_S3_PRESIGNED = True
    log_in(client, MembershipFactory().user)

    response = client.get(reverse("attachments:download", args=[stored.pk]))

    assert response.status_code == 404
    assert "Location" not in response


def test_download_missing_object_404(client, member, stored):
    storage.delete(stored.stored_name)
    log_in(client, member)

    response = client.get(reverse("attachments:download", args=[stored.pk]))

    assert response.status_code == 404


def test_download_presigned_redirects_to_working_url_that_expires(
    client,
    seaweedfs,
    s3_storage,
    member,
    stored,
    settings,
    monkeypatch,
):
    settings.LEARNINGCITY_S3_PRESIGNED = True
    log_in(client, member)

    response = client.get(reverse("attachments:download", args=[stored.pk]))

    assert response.status_code == 302
    url = response["Location"]
    parts = urlsplit(url)
    assert (parts.hostname, parts.port) == ("127.0.0.1", seaweedfs.port)
    assert "X-Amz-Expires=60" in parts.query
    with urllib.request.urlopen(url) as answer:  # noqa: S310 (loopback)
        assert answer.read() == _object(seaweedfs, s3_storage, stored.stored_name)
        assert answer.headers["Content-Type"] == "image/jpeg"
        assert answer.headers["Content-Disposition"].startswith("attachment;")

    # The same signature with a lifetime of one second stops answering once it is over.
    from learningcity.attachments import responses

    monkeypatch.setattr(responses, "PRESIGNED_LIFETIME", dt.timedelta(seconds=1))
    short = client.get(reverse("attachments:download", args=[stored.pk]))["Location"]
    time.sleep(2.2)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(short)  # noqa: S310 (loopback)
    assert refused.value.code == 403


def test_download_presigned_for_public_address_works_there(
    client,
    seaweedfs,
    s3_storage,
    member,
    stored,
    settings,
):
    settings.LEARNINGCITY_S3_PRESIGNED = True
    settings.LEARNINGCITY_S3_PUBLIC_URL = f"http://localhost:{seaweedfs.port}"
    log_in(client, member)

    url = client.get(reverse("attachments:download", args=[stored.pk]))["Location"]

    assert url.startswith(f"http://localhost:{seaweedfs.port}/{seaweedfs.bucket}/{s3_storage}/")
    with urllib.request.urlopen(url) as answer:  # noqa: S310 (loopback)
        assert answer.read() == _object(seaweedfs, s3_storage, stored.stored_name)


def test_thumbnail_on_object_store_presigned_redirect_is_never_cached(
    client, member, stored, settings
):
    settings.LEARNINGCITY_S3_PRESIGNED = True
    log_in(client, member)

    response = client.get(reverse("attachments:thumbnail", args=[stored.pk]))

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"  # not the thumbnail's day


def test_thumbnail_on_object_store_made_and_served(client, seaweedfs, s3_storage, member, stored):
    log_in(client, member)

    response = client.get(reverse("attachments:thumbnail", args=[stored.pk]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=86400"
    body = b"".join(response.streaming_content)
    assert body[:3] == b"\xff\xd8\xff"
    thumbnail = f"thumbnails/{stored.stored_name.rsplit('.', 1)[0]}.jpg"
    assert _object(seaweedfs, s3_storage, thumbnail) == body


def test_delete_attachment_on_object_store_removes_object(
    seaweedfs,
    s3_storage,
    open_now,
    member,
    stored,
):
    delete_attachment(stored, user=member)

    assert _keys(seaweedfs, s3_storage) == []


def test_remove_orphans_on_object_store_removes_stray_keeps_referenced_and_fresh(
    seaweedfs,
    s3_storage,
    member,
    open_now,
    stored,
):
    client = seaweedfs.client()
    stray = f"ff/{'f' * 64}.jpg"
    client.put_object(Bucket=seaweedfs.bucket, Key=f"{s3_storage}/{stray}", Body=b"left behind")
    token = pending.keep(
        content=b"waiting",
        user=member,
        application=open_now,
        kind="photos",
        slot=2,
        caption="ก",
        display_name="a.jpg",
        criteria=[],
    )
    assert pending.load(token, user=member, application=open_now).content == b"waiting"

    assert remove_orphans(older_than=dt.timedelta(hours=1)) == {
        "temporary": 0,
        "pending": 0,
        "unreferenced": 0,
        "thumbnails": 0,
    }
    counts = remove_orphans(older_than=dt.timedelta(0))

    assert counts == {"temporary": 0, "pending": 2, "unreferenced": 1, "thumbnails": 0}
    assert _keys(seaweedfs, s3_storage) == [stored.stored_name]
    assert pending.load(token, user=member, application=open_now) is None
