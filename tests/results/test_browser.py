"""The secretariat in a real browser records the committee's decision from the ranking and
publishes it; the public results page and the winner's showcase then show the winner."""

import datetime as dt

import pytest
from django.utils import timezone

from learningcity.results.enums import DecisionStatus
from learningcity.results.models import Decision
from tests.browser.fixtures import DESKTOP, PHONE
from tests.factories import PASSWORD, current_code, second_factor_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base, user, next_url):
    device = second_factor_device(user)
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    # Enter in the password field: the page also holds the (hidden) log-in-again dialog's form.
    with page.expect_navigation():
        page.press("#id_password", "Enter")
    page.fill("#id_code", current_code(device))
    with page.expect_navigation():
        page.press("#id_code", "Enter")
    assert "/accounts/second-factor/" not in page.url


def test_secretariat_records_and_publishes(
    live_server, page_factory, shot, edition, scored, secretariat, chair
):
    page = page_factory(viewport=DESKTOP)
    manage = f"/results/manage/{edition.number}/YOUTH/"
    _log_in(page, live_server.url, secretariat, manage)
    page.goto(live_server.url + manage)
    # The form starts from the ranking: A first, then B and C as honourable mentions.
    assert page.locator("#id_winner_1").input_value() == str(scored["A"].pk)
    page.fill("#id_note", "มติเอกฉันท์")
    page.check("#id_chair_approved")
    with page.expect_navigation():
        page.get_by_role("button", name="บันทึกมติ").click()
    assert "บันทึกมติแล้ว" in page.content()

    yesterday = timezone.localtime(timezone.now() - dt.timedelta(days=1))
    page.fill("#id_publish_at_0", str(yesterday.day))
    page.select_option("#id_publish_at_1", str(yesterday.month))
    page.fill("#id_publish_at_2", str(yesterday.year + 543))
    page.fill("#id_publish_at_3", yesterday.strftime("%H:%M"))
    with page.expect_navigation():
        page.get_by_role("button", name="ประกาศผล", exact=True).click()
    shot(page, "results-manage-desktop")
    decision = Decision.objects.get(edition=edition, category__code="YOUTH")
    assert decision.status == DecisionStatus.PUBLISHED
    assert page.console_errors == []

    public = page_factory(viewport=PHONE)
    public.goto(f"{live_server.url}/results/{edition.number}/")
    winner = scored["A"].registration.local_government.full_name_th
    assert winner in public.content()
    shot(public, "results-public-phone")
    with public.expect_navigation():
        public.get_by_role("link", name="อ่านเรื่องราวของพื้นที่").click()
    assert public.locator("h1").inner_text() == winner
    shot(public, "results-showcase-phone")
    assert public.console_errors == []
