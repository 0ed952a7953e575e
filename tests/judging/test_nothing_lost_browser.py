"""A judge's score and comment survive a log-out in another tab: kept on the page, a Thai
message, log-in again (password on the page, the second factor in a new tab), then saved."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from learningcity.judging import services
from learningcity.judging.models import Score
from tests.browser.fixtures import DESKTOP
from tests.factories import PASSWORD, EditionFactory, current_code, log_in

from .conftest import open_judging_now
from .factories import JudgeFactory, SubmittedApplicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _judge_logged_in(live_server, page_factory, client):
    """A judge with one assigned review, logged in on a desktop page (no page opened yet)."""
    edition = open_judging_now(EditionFactory())
    application = SubmittedApplicationFactory(registration__edition=edition)
    judge = JudgeFactory(edition=edition)
    review = services.assign(judge, application, actor=None).review
    log_in(client, judge.user)
    page = page_factory(viewport=DESKTOP)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return judge, review, page


def test_judge_score_after_log_out_elsewhere_saved_after_log_in_again(
    live_server, page_factory, client
):
    judge, review, page = _judge_logged_in(live_server, page_factory, client)
    page.goto(live_server.url + reverse("judging:review", args=[review.assignment.application_id]))
    other = page.context.new_page()
    other.goto(live_server.url + reverse("accounts:home"))
    with other.expect_navigation():
        other.locator(f"form[action='{reverse('accounts:logout')}'] button").click()
    other.close()

    page.fill("#points_1", "12.5")
    page.fill("#comment_1", "มีแผนชัดเจน ครอบคลุมทุกช่วงวัย")
    page.locator("#points_2").focus()  # leaving the box sends the change
    alert = page.locator("#lc-session-alert")
    expect(alert).to_contain_text("ยังไม่ได้บันทึก", timeout=10_000)
    assert page.locator("#points_1").input_value() == "12.5"
    assert page.locator("#comment_1").input_value() == "มีแผนชัดเจน ครอบคลุมทุกช่วงวัย"
    assert not Score.objects.filter(review=review).exists()
    key = f"lc-draft:review-{review.pk}"
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{key}')).fields.points_1") == "12.5"

    second = _log_in_again_with_second_factor(page, judge)
    assert second.url.endswith(reverse("accounts:session_back"))
    expect(second.locator("h1")).to_have_text("คุณเข้าสู่ระบบอีกครั้งแล้ว")

    expect(page.locator("#status-1 [data-draft-saved]")).to_be_visible(timeout=10_000)
    score = Score.objects.get(review=review, criterion__number=1)
    assert (score.points, score.comment) == (12.5, "มีแผนชัดเจน ครอบคลุมทุกช่วงวัย")
    page.wait_for_function(f"localStorage.getItem('{key}') === null")
    errors = [e for e in page.console_errors if "status of 401" not in e]
    assert errors == [], page.console_errors
    # Both tabs quiet before the test database is emptied (SQLite in memory, one connection).
    second.close()
    page.wait_for_load_state("networkidle")


def _log_in_again_with_second_factor(page, judge):
    """Log in from the page's dialog; a judge proves the second factor in a new tab, which then
    tells the first. Returns that tab."""
    page.locator("#lc-session-alert [data-login-open]").click()
    page.fill("#lc-login-email", judge.user.email)
    page.fill("#lc-login-password", PASSWORD)
    with page.context.expect_page() as new_tab:
        page.locator("#lc-login-dialog button[type=submit]").click()
    second = new_tab.value
    second.wait_for_load_state()
    device = judge.user.totpdevice_set.get(confirmed=True)
    second.fill("#id_code", current_code(device))
    with second.expect_navigation():
        second.get_by_role("button", name="ดำเนินการต่อ").click()
    return second


def test_judge_save_draft_after_log_out_stays_on_the_page_then_saves(
    live_server, page_factory, client
):
    judge, review, page = _judge_logged_in(live_server, page_factory, client)
    url = live_server.url + reverse("judging:review", args=[review.assignment.application_id])
    page.goto(url)
    other = page.context.new_page()
    other.goto(live_server.url + reverse("accounts:home"))
    with other.expect_navigation():
        other.locator(f"form[action='{reverse('accounts:logout')}'] button").click()
    other.close()

    page.fill("#overall_comment", "ภาพรวมดี ควรขยายผลสู่ตำบลข้างเคียง")
    page.get_by_role("button", name="บันทึกฉบับร่าง").click()

    expect(page.locator("#lc-session-alert")).to_contain_text("ยังไม่ได้บันทึก", timeout=10_000)
    assert page.url == url  # not sent to the log-in page
    assert page.locator("#overall_comment").input_value() == "ภาพรวมดี ควรขยายผลสู่ตำบลข้างเคียง"
    with page.expect_navigation(timeout=15_000):
        _log_in_again_with_second_factor(page, judge)
    review.refresh_from_db()
    assert review.overall_comment == "ภาพรวมดี ควรขยายผลสู่ตำบลข้างเคียง"
    assert page.locator("#overall_comment").input_value() == "ภาพรวมดี ควรขยายผลสู่ตำบลข้างเคียง"
