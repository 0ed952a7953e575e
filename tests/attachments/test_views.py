"""The evidence-file pages, driven with plain requests (no JavaScript), and file downloads."""

import io
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from learningcity.accounts.enums import Role
from learningcity.attachments.models import Attachment
from learningcity.attachments.services import store_attachment
from learningcity.editions.enums import DocumentKind
from tests.attachments import corpus
from tests.attachments.conftest import files_under
from tests.factories import MembershipFactory, UserFactory, log_in


def photo_file(data: bytes, name="ภาพที่1.jpg"):
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def test_list_renders_ten_photo_slots(client, open_now, member, stored):
    log_in(client, member)

    response = client.get(reverse("attachments:list", args=[open_now.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert [f'id="slot-photos-{n}"' in html for n in range(1, 12)] == [True] * 10 + [False]
    assert "1 / 10 ภาพ" in html
    assert 'data-max-width="1920" data-max-height="1080"' in html
    assert "ลานกีฬาชุมชน" in html


def test_list_other_organisation_404(client, open_now):
    log_in(client, MembershipFactory().user)

    response = client.get(reverse("attachments:list", args=[open_now.pk]))

    assert response.status_code == 404


def test_upload_without_javascript_redirects_with_thai_message(client, open_now, member, media):
    log_in(client, member)
    criterion = open_now.registration.edition.criteria.get(number=3)

    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {
            "kind": "photos",
            "slot": "4",
            "caption": "แหล่งเรียนรู้ริมน้ำ",
            "criteria": [criterion.pk],
            "file": photo_file(corpus.jpeg_bytes()),
        },
        follow=True,
    )

    attachment = Attachment.objects.get()
    assert response.redirect_chain == [
        (reverse("attachments:list", args=[open_now.pk]) + "#slot-photos-4", 302)
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "บันทึก “ภาพที่1.jpg” แล้ว (ภาพประกอบพร้อมคำอธิบาย ไฟล์ที่ 4)"
    ]
    assert (attachment.slot, attachment.caption) == (4, "แหล่งเรียนรู้ริมน้ำ")
    assert list(attachment.criteria.all()) == [criterion]


def test_upload_refused_shows_thai_error_and_keeps_caption(client, open_now, member, media):
    log_in(client, member)

    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {"kind": "photos", "slot": "2", "caption": "คำบรรยาย", "file": photo_file(corpus.HTML)},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "เนื้อหาของไฟล์ไม่ตรงกับชนิดที่ระบุในชื่อไฟล์" in html
    assert 'value="คำบรรยาย"' in html
    assert files_under(media) == []


def test_upload_xhr_refusal_is_json(client, open_now, member):
    log_in(client, member)

    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {"kind": "photos", "slot": "2", "caption": "", "file": photo_file(corpus.jpeg_bytes())},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )

    assert (response.status_code, response.json()) == (400, {"error": "กรุณาเขียนคำอธิบายภาพนี้"})


@pytest.mark.parametrize("mode", ["fit", "crop"])
def test_upload_big_photo_offers_conversion_then_converts(client, open_now, member, media, mode):
    log_in(client, member)

    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {
            "kind": "photos",
            "slot": "3",
            "caption": "ตลาด",
            "file": photo_file(corpus.jpeg_bytes((4000, 3000))),
        },
    )
    offer_url = response["Location"]
    offer = client.get(offer_url)

    html = offer.content.decode()
    assert "4000 × 3000" in html
    assert "ย่อให้พอดีพร้อมขอบ" in html
    assert "ครอบตัด" in html
    assert Attachment.objects.count() == 0

    client.post(offer_url, {"mode": mode})

    attachment = Attachment.objects.get()
    assert (attachment.slot, attachment.caption, attachment.width, attachment.height) == (
        3,
        "ตลาด",
        1920,
        1080,
    )
    assert files_under(media) == [attachment.stored_name]


def test_conversion_offer_belongs_to_its_uploader(client, open_now, member):
    log_in(client, member)
    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {
            "kind": "photos",
            "slot": "3",
            "caption": "ตลาด",
            "file": photo_file(corpus.jpeg_bytes((4000, 3000))),
        },
    )
    colleague = MembershipFactory(organisation=open_now.registration.organisation).user
    log_in(client, colleague)

    client.post(response["Location"], {"mode": "fit"})

    assert Attachment.objects.count() == 0


def test_download_member_gets_file_with_safe_headers(client, member, stored, media):
    log_in(client, member)

    response = client.get(reverse("attachments:download", args=[stored.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (media / stored.stored_name).read_bytes()
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote("ลานกีฬา.jpg")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


def test_download_secretariat_allowed(client, stored):
    log_in(client, UserFactory(role=Role.SECRETARIAT))

    response = client.get(reverse("attachments:download", args=[stored.pk]))

    assert response.status_code == 200


def test_download_other_organisation_404(client, stored):
    log_in(client, MembershipFactory().user)

    response = client.get(reverse("attachments:download", args=[stored.pk]))

    assert response.status_code == 404


def test_download_anonymous_redirected_to_login(client, stored):
    url = reverse("attachments:download", args=[stored.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_download_x_accel_sends_no_bytes(client, member, stored, settings):
    settings.LEARNINGCITY_X_ACCEL = True
    log_in(client, member)

    response = client.get(reverse("attachments:download", args=[stored.pk]))

    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected/{stored.stored_name}"
    assert response["Content-Disposition"].startswith("attachment; ")


def test_thumbnail_is_small_inline_jpeg_cached_on_disk(client, member, stored, media):
    log_in(client, member)

    response = client.get(reverse("attachments:thumbnail", args=[stored.pk]))

    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert (image.format, image.size) == ("JPEG", (320, 180))
    assert response["Content-Disposition"].startswith("inline; ")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert f"thumbnails/{stored.stored_name}" in files_under(media)


def test_delete_removes_file(client, member, stored, media):
    log_in(client, member)

    response = client.post(reverse("attachments:delete", args=[stored.pk]))

    assert response.status_code == 302
    assert Attachment.objects.count() == 0
    assert files_under(media) == []


def test_list_query_count_does_not_grow_with_files(
    client, open_now, member, django_assert_num_queries
):
    log_in(client, member)
    url = reverse("attachments:list", args=[open_now.pk])
    store = {"application": open_now, "kind": DocumentKind.PHOTOS, "user": member, "caption": "ก"}
    store_attachment(slot=1, upload=ContentFile(corpus.jpeg_bytes(), name="a.jpg"), **store)
    client.get(url)  # session and permission caches warm
    with CaptureQueriesContext(connection) as one_file:
        client.get(url)
    for slot in range(2, 11):
        store_attachment(slot=slot, upload=ContentFile(corpus.jpeg_bytes(), name="a.jpg"), **store)

    with django_assert_num_queries(len(one_file.captured_queries)):
        response = client.get(url)

    assert "10 / 10 ภาพ" in response.content.decode()


def test_conversion_offer_for_rotated_photo_mentions_it(client, open_now, member):
    log_in(client, member)
    turned = corpus.jpeg_bytes(exif=corpus.gps_exif(orientation=6))

    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {"kind": "photos", "slot": "1", "caption": "ก", "file": photo_file(turned)},
        follow=True,
    )

    assert "กล้องบันทึกภาพนี้ไว้ในแนวตะแคง" in response.content.decode()


def test_conversion_cancel_drops_pending_upload(client, open_now, member, media):
    log_in(client, member)
    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {
            "kind": "photos",
            "slot": "1",
            "caption": "ก",
            "file": photo_file(corpus.jpeg_bytes((4000, 3000))),
        },
    )
    assert len(files_under(media / "pending")) == 2

    client.post(response["Location"], {"mode": "cancel"})

    assert files_under(media) == []
    assert client.get(response["Location"]).status_code == 302


def test_upload_caption_only_change_without_file(client, open_now, member, stored):
    log_in(client, member)

    client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {"kind": "photos", "slot": "1", "caption": "ลานกีฬาใหม่"},
    )

    stored.refresh_from_db()
    assert stored.caption == "ลานกีฬาใหม่"


def test_admin_lists_attachments_read_only(client, stored):
    log_in(client, UserFactory(role=Role.SECRETARIAT, is_staff=True, is_superuser=True))

    listing = client.get(reverse("admin:attachments_attachment_changelist"))
    add = client.get(reverse("admin:attachments_attachment_add"))

    assert (listing.status_code, add.status_code) == (200, 403)
    assert "ลานกีฬา.jpg" in listing.content.decode()


def test_list_secretariat_sees_files_without_forms(client, stored):
    log_in(client, UserFactory(role=Role.SECRETARIAT))

    response = client.get(reverse("attachments:list", args=[stored.application_id]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "ลานกีฬา.jpg" in html
    assert "data-upload" not in html
    assert "คุณดูไฟล์เหล่านี้ได้แต่แก้ไขไม่ได้" in html


def test_conversion_previews_show_fit_and_crop(client, open_now, member):
    log_in(client, member)
    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {
            "kind": "photos",
            "slot": "1",
            "caption": "ก",
            "file": photo_file(corpus.jpeg_bytes((4000, 3000))),
        },
    )
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    previews = {
        mode: client.get(reverse("attachments:convert_preview", args=[open_now.pk, token, mode]))
        for mode in ("fit", "crop", "stretch")
    }

    for mode in ("fit", "crop"):
        with Image.open(io.BytesIO(previews[mode].content)) as image:
            assert image.size == (480, 270)
        assert previews[mode]["Cache-Control"] == "private, no-store"
    assert previews["stretch"].status_code == 404
    log_in(client, MembershipFactory().user)
    stranger = client.get(reverse("attachments:convert_preview", args=[open_now.pk, token, "fit"]))
    assert stranger.status_code == 404
