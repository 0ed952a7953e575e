"""Phones' photos through the real upload page in Chromium (issue 14): the page's script cannot
decode HEIC, so it must send it as it is, and the server converts it."""

import pytest
from django.conf import settings
from django.test import Client

from learningcity.attachments.models import Attachment
from tests.attachments.test_phone_photos import heic_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logged_in(page_factory, live_server, member, viewport):
    client = Client()
    client.force_login(member)
    page = page_factory(viewport=viewport)
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


@pytest.mark.parametrize("name", ["IMG_0001.HEIC", "IMG_0001.jpg"])
def test_browser_heic_photo_sent_unscaled_then_converted(
    page_factory, live_server, member, open_now, tmp_path, shot, name
):
    page = _logged_in(page_factory, live_server, member, {"width": 360, "height": 800})
    photo = tmp_path / name
    photo.write_bytes(heic_bytes((2016, 1512)))
    page.goto(f"{live_server.url}/files/applications/{open_now.pk}/")
    shot(page, "issue14-attachments-list-phone")
    assert "อัปโหลดรูปภาพได้ไฟล์ละไม่เกิน 25 MB" in page.content()

    form = page.locator("#slot-photos-1 form[data-upload]")
    form.locator("input[type=file]").set_input_files(str(photo))
    form.locator("input[name=caption]").fill("ห้องสมุดชุมชน")
    with page.expect_navigation(url="**/pending/**"):
        form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    shot(page, "issue14-heic-convert-phone")

    assert "2016 × 1512" in page.content()
    with page.expect_navigation(url=lambda url: "/pending/" not in url):
        page.get_by_role("button", name="ครอบตัด").click()
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.width, attachment.height) == (
        "image/jpeg",
        1920,
        1080,
    )
    assert page.console_errors == []
