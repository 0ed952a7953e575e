"""Nothing typed is lost, in a real browser: an autosave after logging out in another tab keeps
the text, says so in Thai and saves it after logging in again on the same page; text typed in
a tab that was closed is offered back; adding a row after resizing the answer box raises no
CSP error."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from learningcity.accounts.enums import MembershipRole
from learningcity.applications.models import Answer, Partner
from tests.applications.factories import RegistrationFactory, open_submission_now
from tests.browser.fixtures import DESKTOP, PHONE, screenshots_folder
from tests.factories import PASSWORD, EditionFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = screenshots_folder("issue-11")
TEXT = "แผนพัฒนาการเรียนรู้ตลอดชีวิตของตำบล พิมพ์ต่อหลังหมดเวลา"


def not_401(errors: list[str]) -> list[str]:
    """Console errors other than Chromium's own line for the expected 401 answer."""
    return [error for error in errors if "status of 401" not in error]


@pytest.fixture
def member(db):
    return MembershipFactory(role=MembershipRole.MEMBER)


@pytest.fixture
def registration(member):
    edition = open_submission_now(EditionFactory())
    return RegistrationFactory(edition=edition, organisation=member.organisation)


def open_application(live_server, page_factory, client, member, registration, viewport=DESKTOP):
    client.force_login(member.user)
    page = page_factory(viewport=viewport)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("applications:application", args=[registration.pk]))
    return page


def stored(registration, number: int) -> Answer:
    return Answer.objects.get(application__registration=registration, criterion__number=number)


def log_out_in_another_tab(page, live_server) -> None:
    other = page.context.new_page()
    other.goto(live_server.url + reverse("accounts:home"))
    with other.expect_navigation():
        other.locator(f"form[action='{reverse('accounts:logout')}'] button").click()
    other.close()


def shoot(page, name: str) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    # caret="initial": Playwright hides the caret with an inline style the CSP would refuse.
    page.screenshot(path=str(DOCS / f"{name}.png"), caret="initial")


def test_autosave_after_log_out_elsewhere_keeps_text_and_saves_after_log_in(
    live_server, page_factory, client, member, registration
):
    page = open_application(live_server, page_factory, client, member, registration)
    log_out_in_another_tab(page, live_server)

    page.locator("#narrative-1").press_sequentially(TEXT)
    alert = page.locator("#lc-session-alert")
    expect(alert).to_contain_text("ยังไม่ได้บันทึก: คุณไม่ได้อยู่ในระบบแล้ว", timeout=10_000)

    assert alert.get_attribute("role") == "alert"
    assert page.locator("#narrative-1").input_value() == TEXT
    assert page.locator("#section-1 input[type=password]").count() == 0
    assert (
        Answer.objects.get(application__registration=registration, criterion__number=1).version == 0
    )
    drafts = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('lc-draft:'))")
    application = registration.application
    assert drafts == [f"lc-draft:application-{application.pk}-section-1"]
    page.locator("#section-1").scroll_into_view_if_needed()
    shoot(page, "not-saved-desktop")
    page.set_viewport_size(PHONE)
    shoot(page, "not-saved-phone")
    page.set_viewport_size(DESKTOP)

    alert.locator("[data-login-open]").click()
    dialog = page.locator("#lc-login-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("#lc-login-email").fill(member.user.email)
    dialog.locator("#lc-login-password").fill(PASSWORD)
    dialog.locator("button[type=submit]").click()

    expect(page.locator("#status-1 [data-draft-saved]")).to_be_visible(timeout=10_000)
    expect(dialog).to_be_hidden()
    answer = Answer.objects.get(application__registration=registration, criterion__number=1)
    assert (answer.narrative, answer.version) == (TEXT, 1)
    assert page.locator("#narrative-1").input_value() == TEXT
    expect(alert).to_contain_text("เข้าสู่ระบบอีกครั้งแล้ว")
    page.wait_for_function("!Object.keys(localStorage).some(k => k.startsWith('lc-draft:'))")
    assert not_401(page.console_errors) == [], page.console_errors


def test_closed_tab_text_offered_back_and_saved(
    live_server, page_factory, client, member, registration
):
    page = open_application(live_server, page_factory, client, member, registration)
    # The network drops before the autosave: the text exists only in the page and the browser.
    page.route("**/sections/**", lambda route: route.abort())
    page.locator("#narrative-2").press_sequentially("ข้อความก่อนเบราว์เซอร์ปิด")
    page.wait_for_function("Object.keys(localStorage).some(k => k.startsWith('lc-draft:'))")
    context = page.context
    page.close()

    page = context.new_page()
    page.console_errors = []
    page.goto(live_server.url + reverse("applications:application", args=[registration.pk]))
    offer = page.locator("#section-2 .draft-offer")
    expect(offer).to_contain_text("มีข้อความที่ยังไม่ได้บันทึก")
    assert page.locator("#narrative-2").input_value() == ""
    offer.get_by_role("button", name="กู้คืน").click()

    expect(page.locator("#status-2 [data-draft-saved]")).to_be_visible(timeout=10_000)
    assert page.locator("#narrative-2").input_value() == "ข้อความก่อนเบราว์เซอร์ปิด"
    answer = Answer.objects.get(application__registration=registration, criterion__number=2)
    assert (answer.narrative, answer.version) == ("ข้อความก่อนเบราว์เซอร์ปิด", 1)
    page.wait_for_function("!Object.keys(localStorage).some(k => k.startsWith('lc-draft:'))")
    page.reload()
    assert page.locator(".draft-offer").count() == 0


def test_discarded_draft_is_forgotten(live_server, page_factory, client, member, registration):
    page = open_application(live_server, page_factory, client, member, registration)
    page.route("**/sections/**", lambda route: route.abort())
    page.locator("#narrative-3").press_sequentially("ไม่ต้องการแล้ว")
    page.wait_for_function("Object.keys(localStorage).some(k => k.startsWith('lc-draft:'))")
    page.unroute("**/sections/**")
    page.reload()

    page.locator("#section-3 .draft-offer").get_by_role("button", name="ทิ้ง").click()

    assert page.locator(".draft-offer").count() == 0
    assert page.evaluate("Object.keys(localStorage).length") == 0
    assert (
        Answer.objects.get(application__registration=registration, criterion__number=3).narrative
        == ""
    )


def test_add_row_after_resizing_the_answer_box_raises_no_csp_error(
    live_server, page_factory, client, member, registration
):
    page = open_application(live_server, page_factory, client, member, registration)
    # Dragging a textarea's corner gives it an inline style; the swap must not copy it over.
    page.evaluate("document.getElementById('narrative-4').style.height = '320px'")
    page.fill("#id_partner-0-name", "โรงเรียนบ้านคลองท่อม")
    page.select_option("#id_partner-0-sector", "education")
    page.fill("#id_partner-0-contribution", "ครูอาสาสอนอ่าน")
    page.locator("#section-4 button[name=add]").click()
    page.locator("#id_partner-1-name").wait_for(timeout=10_000)

    assert list(Partner.objects.values_list("name", flat=True)) == ["โรงเรียนบ้านคลองท่อม"]
    assert page.console_errors == [], page.console_errors


def test_autosave_with_a_stale_token_after_log_in_elsewhere_is_sent_again_and_saved(
    live_server, page_factory, client, member, registration
):
    page = open_application(live_server, page_factory, client, member, registration)
    log_out_in_another_tab(page, live_server)
    # Logging in again in another tab gives the browser a new CSRF token: this page's is old.
    other = page.context.new_page()
    other.goto(live_server.url + reverse("accounts:login"))
    other.fill("#id_username", member.user.email)
    other.fill("#id_password", PASSWORD)
    with other.expect_navigation():
        other.locator("main form button[type=submit]").click()
    other.close()

    page.locator("#narrative-5").press_sequentially("ส่งด้วยโทเค็นเก่า")

    expect(page.locator("#status-5 [data-draft-saved]")).to_be_visible(timeout=10_000)
    assert stored(registration, 5).narrative == "ส่งด้วยโทเค็นเก่า"
    refused = [e for e in page.console_errors if "status of 403" in e]
    assert len(refused) == 1  # the old token was refused once, then a fresh one was used
    assert [e for e in page.console_errors if e not in refused] == [], page.console_errors


def test_page_warns_before_the_absolute_timeout(
    live_server, page_factory, client, member, registration, settings
):
    settings.SESSION_ABSOLUTE_SECONDS = 5 * 60  # five minutes of the 12 hours left

    page = open_application(live_server, page_factory, client, member, registration)

    alert = page.locator("#lc-session-alert")
    expect(alert).to_contain_text("อีก 5 นาทีระบบจะให้ออกจากระบบ", timeout=10_000)
    assert page.console_errors == [], page.console_errors


def test_autosave_answered_busy_is_sent_again_by_itself(
    live_server, page_factory, client, member, registration
):
    """In the deadline rush nginx answers 429 with Retry-After; the page says so in Thai and
    sends the same save again after that many seconds, without the person doing anything."""
    page = open_application(live_server, page_factory, client, member, registration)
    busy = {"left": 1}

    def once_busy(route):
        if route.request.method == "POST" and busy["left"]:
            busy["left"] -= 1
            route.fulfill(status=429, headers={"Retry-After": "1"}, body="busy")
        else:
            route.continue_()

    page.route("**/apply/**", once_busy)
    page.locator("#narrative-1").fill(TEXT)
    page.locator("#narrative-1").blur()
    alert = page.locator("#lc-session-alert")
    expect(alert).to_contain_text("มีผู้บันทึกพร้อมกันจำนวนมาก", timeout=10_000)
    expect(page.locator("#section-1 [data-draft-saved]")).to_be_visible(timeout=10_000)
    assert busy["left"] == 0
    assert stored(registration, 1).narrative == TEXT
