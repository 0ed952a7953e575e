import pytest

from learningcity.editions.loading import load_edition_file
from tests.browser.fixtures import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_call_page_renders_thai_with_sarabun(live_server, page_factory, shot, size, viewport):
    load_edition_file()
    page = page_factory(viewport=viewport)

    page.goto(live_server.url + "/")

    assert page.locator("h1").inner_text() == (
        "รางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น Local Learning City Award ครั้งที่ 1"
    )
    assert page.evaluate("document.fonts.check('16px Sarabun')") is True
    page.evaluate("document.fonts.ready")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Sarabun"') or family.startswith("Sarabun")
    assert "5 – 29 พฤษภาคม 2569" in page.locator("#schedule").inner_text()
    assert page.locator("#criteria tfoot").inner_text().split()[-1] == "100"
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert page.console_errors == []
    shot(page, f"call-{size}")


def test_call_page_language_switch_to_english(live_server, page_factory):
    load_edition_file()
    page = page_factory()
    page.goto(live_server.url + "/")

    with page.expect_navigation():
        page.select_option("#lang-select", "en")

    assert page.locator("html").get_attribute("lang") == "en"
    assert "Schedule" in page.locator("#schedule h2").inner_text()
    assert "5 – 29 May 2026" in page.locator("#schedule").inner_text()
