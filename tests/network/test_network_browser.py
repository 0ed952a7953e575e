"""Issue 15 in a real browser: the self-assessment (anonymous and signed in), the directory
and its map on a phone (and as a plain list without JavaScript), withdrawal of consent, and
the magazine's feed."""

import functools
import io

import pytest
from PIL import Image

from learningcity.assessments.loading import load_questionnaire_file
from learningcity.assessments.models import Assessment
from learningcity.network.enums import StoryStatus
from learningcity.network.services import magazine
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.services import withdraw_consent
from tests.browser.fixtures import DESKTOP, PHONE
from tests.factories import PASSWORD, MembershipFactory, UserFactory

from .conftest import listed_area

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _blank_tiles(page):
    # This machine has no outside network: the tile server answers blank tiles here, so the
    # markers and the list are what the test sees.
    page.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=_blank_png()),
    )


@functools.cache
def _blank_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (230, 230, 230)).save(buffer, "PNG")
    return buffer.getvalue()


def _answer_part(page, level: int) -> None:
    for group in page.locator(".assessment__question").all():
        group.locator(f"input[type=radio][value='{level}']").check()


def test_self_assessment_anonymous_on_a_phone(live_server, page_factory, shot):
    load_questionnaire_file()
    page = page_factory(viewport=PHONE)
    page.goto(f"{live_server.url}/self-assessment/")
    with page.expect_navigation():
        page.get_by_role("button", name="เริ่มทำแบบประเมินตนเอง").click()
    assert "หมวดที่ 1 จาก 9" in page.content()
    # Half an answer, saved for later, is there on return.
    page.locator(".assessment__question").first.locator("input[value='3']").check()
    page.locator("summary").first.click()
    page.locator("textarea").first.fill("มีศูนย์พัฒนาเด็กเล็กทุกหมู่บ้าน")
    with page.expect_navigation():
        page.get_by_role("button", name="บันทึกไว้ทำต่อภายหลัง").click()
    page.reload()
    assert page.locator(".assessment__question").first.locator("input[value='3']").is_checked()
    assert page.locator("textarea").first.input_value() == "มีศูนย์พัฒนาเด็กเล็กทุกหมู่บ้าน"
    for number in range(1, 10):
        _answer_part(page, 1 if number == 4 else 4)
        with page.expect_navigation():
            page.locator("main form button[type=submit]:not([name])").last.click()
    assert "ผลการประเมินตนเอง" in page.content()
    assert page.locator("svg.radar__svg polygon.radar__series--1").count() == 1
    first_priority = page.locator(".assessment__priorities h3").first.inner_text()
    assert first_priority.startswith("การใช้เทคโนโลยีการเรียนรู้ที่ทันสมัย")
    with page.expect_navigation():
        page.get_by_role("button", name="ยืนยันว่าทำแบบประเมินเสร็จ").click()
    assert Assessment.objects.get().completed_at is not None
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "assessment-result-phone")
    assert page.console_errors == []


def test_self_assessment_signed_in_keeps_it_with_the_organisation(live_server, page_factory):
    load_questionnaire_file()
    membership = MembershipFactory()
    page = page_factory(viewport=DESKTOP)
    page.goto(f"{live_server.url}/accounts/login/?next=/self-assessment/")
    page.fill("#id_username", membership.user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]:not([name])").last.click()
    assert page.get_by_label(membership.organisation.name).is_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="เริ่มทำแบบประเมินตนเอง").click()
    for _number in range(9):
        _answer_part(page, 2)
        with page.expect_navigation():
            page.locator("main form button[type=submit]:not([name])").last.click()
    with page.expect_navigation():
        page.get_by_role("button", name="ยืนยันว่าทำแบบประเมินเสร็จ").click()
    assessment = Assessment.objects.get()
    assert assessment.organisation == membership.organisation
    page.goto(f"{live_server.url}/self-assessment/mine/")
    assert membership.organisation.name in page.content()
    assert page.locator("svg.radar__svg").count() == 1
    assert page.console_errors == []


def test_network_directory_and_map_on_a_phone(live_server, page_factory, browser, shot):
    application = listed_area(places=2)
    listed_area(category="EQUITY")
    hidden = listed_area(consent=False)
    name = application.registration.local_government.full_name_th
    page = page_factory(viewport=PHONE)
    _blank_tiles(page)
    page.goto(f"{live_server.url}/network/")
    page.wait_for_selector(".network-map:not([hidden]) .leaflet-interactive")
    assert page.locator(".network-map .leaflet-interactive").count() == 2
    assert page.locator(".network-areas > li").count() == 2
    assert hidden.registration.local_government.full_name_th not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "network-directory-phone")
    # A filter narrows list and map together.
    page.select_option("#id_category", "EQUITY")
    with page.expect_navigation():
        page.get_by_role("button", name="แสดง").click()
    assert page.locator(".network-areas > li").count() == 1
    assert page.locator(".network-map .leaflet-interactive").count() == 1
    # An area's page: its learning places as a list and on the map.
    page.goto(f"{live_server.url}/network/")
    with page.expect_navigation():
        page.get_by_role("link", name=name).click()
    page.wait_for_selector(".network-map:not([hidden]) .leaflet-interactive")
    assert page.locator(".network-places li").count() == 2
    assert page.console_errors == []

    # Without JavaScript the directory is a plain list and the map stays out of the way.
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="th-TH")
    plain = context.new_page()
    plain.goto(f"{live_server.url}/network/")
    assert plain.locator(".network-areas > li").count() == 2
    assert not plain.locator(".network-map").first.is_visible()
    context.close()


def test_network_withdrawn_consent_removes_the_area_everywhere(live_server, page_factory):
    application = listed_area()
    area = application.registration.local_government
    page = page_factory(viewport=DESKTOP)
    _blank_tiles(page)
    addresses = [
        "/network/",
        "/network/api/v1/areas/",
        "/network/api/v1/places/",
        "/network/data/areas.geojson",
        "/network/data/places.csv",
    ]
    for address in addresses:
        assert area.dla_code in page.request.get(live_server.url + address).text(), address
    page.goto(f"{live_server.url}/network/areas/{area.dla_code}/")
    assert area.full_name_th in page.content()
    withdraw_consent(application, ConsentPurpose.NETWORK_LISTING, user=UserFactory())
    for address in addresses:
        assert area.dla_code not in page.request.get(live_server.url + address).text(), address
    page.goto(f"{live_server.url}/network/")
    assert page.locator(".network-areas > li").count() == 1  # "no area matches"
    assert area.full_name_th not in page.content()
    response = page.goto(f"{live_server.url}/network/areas/{area.dla_code}/")
    assert response.status == 404


def test_network_magazine_feed(live_server, page_factory):
    secretariat = UserFactory(role="secretariat")
    story = magazine.save_story(
        None,
        user=secretariat,
        title="ห้องสมุดที่เด็กสร้างเอง",
        summary="เรื่องของตำบลที่เด็กช่วยกันสร้างห้องสมุด",
        body="เนื้อหา",
        areas=[],
        editions=[],
    )
    magazine.set_story_status(story, StoryStatus.PUBLISHED, user=secretariat)
    page = page_factory(viewport=PHONE)
    page.goto(f"{live_server.url}/network/magazine/")
    feed_href = page.locator("link[type='application/atom+xml']").get_attribute("href")
    feed = page.request.get(live_server.url + feed_href)
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert "<title>ห้องสมุดที่เด็กสร้างเอง</title>" in feed.text()
    with page.expect_navigation():
        page.get_by_role("link", name="ห้องสมุดที่เด็กสร้างเอง").click()
    assert page.locator("meta[property='og:title']").get_attribute("content") == story.title
    assert page.console_errors == []
