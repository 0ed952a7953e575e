"""The upload script in a real browser: shrinks a phone photo before sending, under the CSP."""

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from learningcity.attachments.models import Attachment
from tests.attachments import corpus
from tests.attachments.conftest import files_under

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member_page(page_factory, live_server, member):
    """A desktop page whose browser is logged in as ``member``."""
    client = Client()
    client.force_login(member)
    page = page_factory()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def test_browser_upload_shrinks_phone_photo_then_offers_conversion(
    member_page, live_server, shot, open_now, media, tmp_path
):
    page = member_page
    phone = tmp_path / "phone.jpg"
    phone.write_bytes(corpus.jpeg_bytes((4000, 3000)))
    page.goto(f"{live_server.url}/files/applications/{open_now.pk}/")
    shot(page, "attachments-list")

    form = page.locator("#slot-photos-1 form[data-upload]")
    form.locator("input[type=file]").set_input_files(str(phone))
    form.locator("input[name=caption]").fill("ตลาดนัดชุมชน")
    with page.expect_navigation(url="**/pending/**"):
        form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    shot(page, "attachments-convert")

    assert "ย่อให้พอดีพร้อมขอบ" in page.content()
    sent = [name for name in files_under(media) if not name.endswith(".json")]
    assert len(sent) == 1
    with Image.open(media / sent[0]) as image:
        # Scaled in the browser to cover 1920×1080, not sent at 4000×3000.
        assert image.size == (1920, 1440)
    with page.expect_navigation(url=lambda url: "/pending/" not in url):
        page.get_by_role("button", name="ครอบตัด").click()
    assert (
        page.locator(".notice[role=status]").first.inner_text()
        == "ปรับภาพเป็น 1920 × 1080 พิกเซลและบันทึกแล้ว"
    )
    attachment = Attachment.objects.get()
    assert (attachment.width, attachment.height, attachment.caption) == (1920, 1080, "ตลาดนัดชุมชน")
    assert page.console_errors == []
    shot(page, "attachments-after-crop")


def test_browser_upload_refusal_shows_thai_error_and_keeps_form(
    member_page, live_server, open_now, tmp_path
):
    page = member_page
    hostile = tmp_path / "photo.jpg"
    hostile.write_bytes(corpus.HTML)
    page.goto(f"{live_server.url}/files/applications/{open_now.pk}/")

    form = page.locator("#slot-photos-2 form[data-upload]")
    form.locator("input[type=file]").set_input_files(str(hostile))
    form.locator("input[name=caption]").fill("คำอธิบายที่พิมพ์ไว้")
    form.locator("button[type=submit]").click()
    error = form.locator(".slot__error")
    error.wait_for(state="visible")

    assert error.inner_text().startswith("เนื้อหาของไฟล์ไม่ตรงกับชนิดที่ระบุในชื่อไฟล์")
    assert form.locator("input[name=caption]").input_value() == "คำอธิบายที่พิมพ์ไว้"
    assert page.url == f"{live_server.url}/files/applications/{open_now.pk}/"
    assert Attachment.objects.count() == 0


def test_browser_upload_conforming_photo_reloads_list_showing_it(
    member_page, live_server, open_now, tmp_path
):
    page = member_page
    photo = tmp_path / "ลานกีฬา.jpg"
    photo.write_bytes(corpus.jpeg_bytes((1920, 1080)))
    page.goto(f"{live_server.url}/files/applications/{open_now.pk}/")

    form = page.locator("#slot-photos-1 form[data-upload]")
    form.locator("input[type=file]").set_input_files(str(photo))
    form.locator("input[name=caption]").fill("ลานกีฬาชุมชน")
    form.locator("button[type=submit]").click()

    # The server answers with this same page at the slot's fragment: the page must reload,
    # not only scroll, so that the stored photo is shown.
    page.locator("#slot-photos-1.slot--filled").wait_for(timeout=15_000)
    assert page.url == f"{live_server.url}/files/applications/{open_now.pk}/#slot-photos-1"
    assert page.locator(".notice[role=status]").first.inner_text() == (
        "บันทึก “ลานกีฬา.jpg” แล้ว (ภาพประกอบพร้อมคำอธิบาย ไฟล์ที่ 1)"
    )
    assert Attachment.objects.get().caption == "ลานกีฬาชุมชน"
    assert page.console_errors == []


def test_browser_upload_busy_answer_is_said_in_thai_and_sent_again(
    member_page, live_server, open_now, tmp_path
):
    """At the deadline nginx answers "busy" (429, Retry-After) at once: the page says so in
    Thai, keeps the file and sends it again by itself."""
    page = member_page
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(corpus.jpeg_bytes((1920, 1080)))
    answered = []

    def busy_once(route):
        if not answered:
            answered.append(429)
            route.fulfill(status=429, headers={"Retry-After": "1"}, body="busy")
        else:
            answered.append("sent")
            route.continue_()

    page.route("**/files/applications/*/upload/", busy_once)
    page.goto(f"{live_server.url}/files/applications/{open_now.pk}/")
    form = page.locator("#slot-photos-1 form[data-upload]")
    form.locator("input[type=file]").set_input_files(str(photo))
    form.locator("input[name=caption]").fill("ลานกีฬาชุมชน")
    form.locator("button[type=submit]").click()

    error = form.locator(".slot__error")
    error.wait_for(state="visible")
    assert "ส่งไฟล์ของท่านอีกครั้งโดยอัตโนมัติใน 1 วินาที" in error.inner_text()
    page.wait_for_url(lambda url: "/files/applications/" in url and "#" in url, timeout=15000)
    assert answered == [429, "sent"]
    assert Attachment.objects.get().caption == "ลานกีฬาชุมชน"
