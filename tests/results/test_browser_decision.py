"""The chair in a real browser: a decision refused while reviews are missing, then, once the
judging phase has ended, recorded with the chair's written reason (issue 11)."""

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import PhaseKind
from learningcity.results.enums import DecisionStatus
from learningcity.results.models import Decision
from tests.browser.fixtures import DESKTOP, screenshots_folder
from tests.factories import PASSWORD, current_code, second_factor_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_360 = {"width": 360, "height": 800}
SCREENSHOTS = screenshots_folder("issue-11")
REASON = "ครบกำหนดการพิจารณาแล้ว กรรมการสองท่านติดภารกิจ คณะกรรมการมีมติจากผลที่ได้รับ"


def _log_in(page, base, user, next_url):
    """Password, then the second factor (a judge's TOTP code), as the chair would."""
    device = second_factor_device(user)
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.press("#id_password", "Enter")
    page.fill("#id_code", current_code(device))
    with page.expect_navigation():
        page.press("#id_code", "Enter")
    assert "/accounts/second-factor/" not in page.url


def _judging_ends(edition, at):
    phase = edition.phases.get(kind=PhaseKind.JUDGING)
    phase.ends_at = at
    phase.save(update_fields=["ends_at"])


def _screenshots(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size, label in ((PHONE_360, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"decision-{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_decision_refused_while_reviews_missing_then_chair_records_with_reason(
    live_server, page_factory, edition, youth, partly, chair, judge, third
):
    _judging_ends(edition, timezone.now() + dt.timedelta(days=2))
    page = page_factory(viewport=DESKTOP)
    manage = f"/results/manage/{edition.number}/YOUTH/"
    _log_in(page, live_server.url, chair.user, manage)
    page.goto(live_server.url + manage)

    reviews = page.locator(".reviews-in")
    assert "ได้รับผลการประเมินแล้ว 1 จาก 3 รายการที่มอบหมาย" in reviews.inner_text()
    assert judge.user.full_name in reviews.inner_text()
    assert third.user.full_name in reviews.inner_text()
    # Only the fully scored application is offered, and nothing unscored is pre-selected.
    offered = page.locator("#id_winner_1 option").evaluate_all("os => os.map(o => o.value)")
    assert offered == [str(partly["A"].pk)]
    assert page.locator("#id_honourable_1").input_value() == ""
    assert page.locator("a[href='?override=1']").count() == 0
    _screenshots(page, "missing")

    page.select_option("#id_winner_1", str(partly["A"].pk))
    with page.expect_navigation():
        page.get_by_role("button", name="บันทึกมติ").click()
    refusal = page.locator(".errorlist.nonfield").inner_text()
    assert refusal.startswith("ผลการประเมินยังไม่ครบ: กรรมการส่งแล้ว 1 จาก 3 รายการ")
    assert Decision.objects.get(category=youth).status == DecisionStatus.DRAFT

    # The judging phase ends; two reviews are still missing.
    _judging_ends(edition, timezone.now() - dt.timedelta(hours=1))
    page.goto(live_server.url + manage)
    with page.expect_navigation():
        page.locator("a[href='?override=1']").click()
    offered = page.locator("#id_winner_1 option").evaluate_all("os => os.map(o => o.value)")
    assert offered == [str(partly[n].pk) for n in "ABC"]
    page.select_option("#id_winner_1", str(partly["A"].pk))
    page.select_option("#id_honourable_1", str(partly["B"].pk))
    page.fill("#id_override_reason", REASON)
    _screenshots(page, "override")
    with page.expect_navigation():
        page.get_by_role("button", name="บันทึกมติ").click()
    assert "บันทึกมติแล้ว" in page.content()
    decision = Decision.objects.get(category=youth)
    assert decision.status == DecisionStatus.RECORDED
    assert list(decision.placings.values_list("application", flat=True)) == [
        partly["A"].pk,
        partly["B"].pk,
    ]
    entry = AuditEntry.objects.get(action="results.decision_recorded_with_reviews_missing")
    assert (entry.actor, entry.summary) == (chair.user, REASON)
    # The refusal is answered 400 (Chromium logs that); nothing else, no CSP error.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
