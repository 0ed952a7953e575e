"""Phones' photos (issue 14): HEIC and WebP converted to JPEG, APNG kept still, one size rule."""

import functools
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from learningcity.attachments import services
from learningcity.attachments.checks import UploadRefused, inspect_upload
from learningcity.attachments.enums import FileKind
from learningcity.attachments.models import Attachment
from learningcity.attachments.services import NeedsConversion, store_attachment
from learningcity.editions.enums import DocumentKind
from tests.attachments import corpus
from tests.attachments.conftest import IN_SUBMISSION

MB = 1024 * 1024


@functools.cache
def heic_bytes(size=(2016, 1512), *, orientation: int = 1, quality: int = 60) -> bytes:
    """An iPhone-like HEIC with GPS in its EXIF; the left quarter is red to see turns."""
    image = corpus.photo(size)
    image.paste((255, 0, 0), (0, 0, size[0] // 4, size[1]))
    out = io.BytesIO()
    image.save(out, "HEIF", exif=corpus.gps_exif(orientation).tobytes(), quality=quality)
    return out.getvalue()


def webp_bytes(size=(1600, 1200)) -> bytes:
    out = io.BytesIO()
    corpus.photo(size).save(out, "WEBP", exif=corpus.gps_exif().tobytes(), quality=80)
    return out.getvalue()


def apng_bytes() -> bytes:
    frames = [Image.new("RGB", (64, 48), colour) for colour in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "PNG", save_all=True, append_images=frames[1:], duration=100)
    return out.getvalue()


def _store(application, member, data, name, *, kind=DocumentKind.PHOTOS, convert=None):
    return store_attachment(
        application=application,
        kind=kind,
        slot=1,
        upload=ContentFile(data, name=name),
        caption="ลานกีฬาชุมชน",
        user=member,
        at=IN_SUBMISSION,
        convert=convert,
    )


@pytest.mark.parametrize("name", ["IMG_0001.HEIC", "IMG_0001.jpg", "IMG_0001"])
def test_heic_photo_offered_conversion_whatever_its_name(application, member, name):
    with pytest.raises(NeedsConversion) as offer:
        _store(application, member, heic_bytes(), name)

    assert (offer.value.inspection.kind, offer.value.inspection.size) == (
        FileKind.HEIF,
        len(heic_bytes()),
    )
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize("mode", ["fit", "crop"])
def test_heic_photo_stored_as_jpeg_of_edition_size_without_metadata(
    application, member, media, mode
):
    attachment = _store(application, member, heic_bytes(), "IMG_0001.jpg", convert=mode)

    stored = (media / attachment.stored_name).read_bytes()
    image = Image.open(io.BytesIO(stored))
    assert (image.format, image.size) == ("JPEG", (1920, 1080))
    assert attachment.stored_name.endswith(".jpg")
    assert attachment.content_type == "image/jpeg"
    assert len(image.getexif()) == 0
    assert b"PhoneMaker" not in stored
    assert len(stored) <= 5 * MB


def test_heic_photo_turned_by_orientation_comes_out_upright(application, member, media):
    # 2016 × 1512 stored, orientation 6: shown portrait with the red quarter on top.
    data = heic_bytes(orientation=6)

    attachment = _store(application, member, data, "IMG_0002.HEIC", convert="fit")

    image = Image.open(media / attachment.stored_name).convert("RGB")
    red, green, _blue = image.getpixel((960, 5))
    assert red > 200
    assert green < 60


def test_webp_photo_converted_to_jpeg(application, member, media):
    attachment = _store(application, member, webp_bytes(), "photo.webp", convert="fit")

    image = Image.open(media / attachment.stored_name)
    assert (image.format, image.size, len(image.getexif())) == ("JPEG", (1920, 1080), 0)


def test_heic_map_kept_at_its_size_as_jpeg(application, member, media):
    attachment = _store(
        application, member, heic_bytes((1200, 900)), "map.heic", kind=DocumentKind.MAP
    )

    image = Image.open(media / attachment.stored_name)
    assert (image.format, image.size, attachment.width, attachment.height) == (
        "JPEG",
        (1200, 900),
        1200,
        900,
    )
    assert len(image.getexif()) == 0


def test_apng_stored_with_its_first_frame_only(application, member, media):
    attachment = _store(application, member, apng_bytes(), "map.png", kind=DocumentKind.MAP)

    stored = (media / attachment.stored_name).read_bytes()
    image = Image.open(io.BytesIO(stored))
    assert (getattr(image, "n_frames", 1), image.convert("RGB").getpixel((0, 0))) == (
        1,
        (255, 0, 0),
    )
    assert b"acTL" not in stored
    assert b"fdAT" not in stored


def test_heic_not_accepted_where_only_pdf_is():
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(
            io.BytesIO(heic_bytes((64, 48))), "a.heic", accepted_types=["pdf"], max_bytes=MB
        )
    assert refused.value.code == "type_not_accepted"


def test_photo_size_rule_upload_limit_is_five_times_stored_limit(application):
    document = services.document_for(application, DocumentKind.PHOTOS)

    assert (document.max_bytes, services.upload_limit(document)) == (5 * MB, 25 * MB)


def test_photo_over_upload_limit_refused_naming_both_limits(application, member):
    too_big = corpus.padded_pdf(1024)  # content is never looked at: the size comes first
    data = too_big + b"\x00" * (25 * MB + 1 - len(too_big))

    with pytest.raises(ValidationError) as refused:
        _store(application, member, data, "photo.jpg")

    message = refused.value.messages[0]
    assert refused.value.code == "photo_upload_too_large"
    assert "25 MB" in message
    assert "5 MB" in message.replace("25 MB", "")


def test_photo_of_12mb_converted_under_5mb(application, member, media):
    noisy = corpus.photo((3000, 2000), noise=True)
    out = io.BytesIO()
    noisy.save(out, "PNG", compress_level=0)
    data = out.getvalue()
    assert 5 * MB < len(data) <= 25 * MB

    attachment = _store(application, member, data, "big.png", convert="fit")

    assert attachment.size <= 5 * MB
    assert (media / attachment.stored_name).stat().st_size == attachment.size


def test_list_page_states_the_size_rule_once(client, open_now, member):
    client.force_login(member)

    page = client.get(reverse("attachments:list", args=[open_now.pk])).content.decode()

    assert "อัปโหลดรูปภาพได้ไฟล์ละไม่เกิน 25 MB" in page
    assert "รูปภาพที่จัดเก็บแต่ละรูปมีขนาดไม่เกิน 5 MB" in page
    assert "ไฟล์ละไม่เกิน 5 MB" not in page
    assert "image/heic" in page


def test_heic_upload_view_goes_to_conversion(client, open_now, member):
    client.force_login(member)
    upload = io.BytesIO(heic_bytes((2000, 1500)))
    upload.name = "IMG_0003.jpg"

    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {"kind": DocumentKind.PHOTOS, "slot": "1", "caption": "ห้องสมุด", "file": upload},
    )

    assert response.status_code == 302
    assert "/pending/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "2000 × 1500" in page
