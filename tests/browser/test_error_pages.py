"""A missing page and an old tab's form are answered in Thai, with the way on."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.fixtures import DESKTOP, PHONE, screenshots_folder
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = screenshots_folder("issue-11")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_error_page_404_in_thai_with_the_way_on(live_server, page_factory, viewport):
    page = page_factory(viewport=viewport)

    response = page.goto(live_server.url + "/ไม่มีหน้านี้/")

    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "th"
    expect(page.locator("h1")).to_have_text("ไม่พบหน้านี้")
    ways = page.get_by_role("navigation", name="ไปต่อที่")
    expect(ways.get_by_role("link", name="หน้าแรก")).to_have_attribute("href", "/")
    expect(ways.get_by_role("link", name="เข้าสู่ระบบ")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert [e for e in page.console_errors if "status of 404" not in e] == []
    DOCS.mkdir(parents=True, exist_ok=True)
    name = "phone" if viewport is PHONE else "desktop"
    page.screenshot(path=str(DOCS / f"404-{name}.png"), full_page=True)


def test_error_page_csrf_failure_of_an_old_tab_in_thai(live_server, page_factory):
    person = UserFactory(email="somchai@example.org")
    page = page_factory()
    page.goto(live_server.url + reverse("accounts:login"))
    # Meanwhile the browser's token changed (logged in and out in another tab).
    page.context.add_cookies([{"name": "csrftoken", "value": "a" * 32, "url": live_server.url}])
    page.fill("#id_username", person.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()

    assert navigation.value.status == 403
    assert page.locator("html").get_attribute("lang") == "th"
    expect(page.locator("h1")).to_have_text("หน้านี้หมดอายุแล้ว จึงยังไม่ได้ส่งข้อมูล")
    expect(page.get_by_role("link", name="หน้าแรก")).to_be_visible()
    assert page.locator(".notice--warning").count() == 0  # cookies work: no cookie warning
