"""The secretariat's dashboard and an eligibility decision in a real browser."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration
from tests.browser.fixtures import PHONE
from tests.factories import EditionFactory, log_in

from .helpers import province, registration_in, secretariat_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page(page_factory, client, live_server, **kwargs):
    log_in(client, secretariat_user())
    page = page_factory(**kwargs)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def _edition():
    edition = EditionFactory()
    chiang_mai = province("50", "เชียงใหม่")
    registration_in(edition, lat=Decimal("18.79"), lon=Decimal("98.98"), province=chiang_mai)
    registration_in(edition, lat=Decimal("13.75"), lon=Decimal("100.50"), population=3100)
    registration_in(
        edition,
        lat=Decimal("7.88"),
        lon=Decimal("98.39"),
        status=RegistrationStatus.APPROVED,
        category=edition.categories.get(code="EQUITY"),
    )
    return edition


def test_dashboard_shows_figures_and_map_that_lead_to_lists(
    live_server, page_factory, client, shot
):
    edition = _edition()
    page = _page(page_factory, client, live_server)
    page.goto(f"{live_server.url}{reverse('secretariat:dashboard')}?edition={edition.number}")
    expect(page.locator(".ws-tile--total .ws-tile__n")).to_have_text("3")
    expect(page.locator(".ws-map circle")).to_have_count(3)
    shot(page, "secretariat-dashboard-test-desktop")
    page.get_by_role("link", name="เชียงใหม่").first.click()
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert "province=50" in page.url
    assert page.console_errors == [], page.console_errors


def test_eligibility_decisions_in_the_queue(live_server, page_factory, client, shot):
    edition = _edition()
    page = _page(page_factory, client, live_server, viewport=PHONE)
    page.goto(f"{live_server.url}{reverse('secretariat:review_queue')}?edition={edition.number}")
    cards = page.locator("article.ws-review")
    expect(cards).to_have_count(2)
    small = Registration.objects.get(edition=edition, population=3100)
    card = page.locator(f"#registration-{small.pk}")
    expect(card.locator(".ws-rule--failed")).to_have_count(1)

    # Rejecting without a reason is refused, next to the field.
    card.locator("button[value=reject]").click()
    expect(page.locator(f"#registration-{small.pk} .ws-error")).to_be_visible()
    small.refresh_from_db()
    assert small.status == RegistrationStatus.SUBMITTED

    page.locator(f"#registration-{small.pk} textarea").fill("ประชากรต่ำกว่า 5,000 คน")
    page.locator(f"#registration-{small.pk} button[value=reject]").click()
    expect(page.locator(f"#registration-{small.pk} .notice--success")).to_be_visible()
    small.refresh_from_db()
    assert small.status == RegistrationStatus.REJECTED

    other = Registration.objects.get(edition=edition, population=6200, status="submitted")
    page.locator(f"#registration-{other.pk} button[value=approve]").dblclick()
    expect(page.locator(f"#registration-{other.pk} .notice--success")).to_be_visible()
    other.refresh_from_db()
    assert other.status == RegistrationStatus.APPROVED
    assert sorted(m.to[0] for m in mail.outbox) == [
        other.coordinator_email,
        small.coordinator_email,
    ]
    assert page.console_errors == [], page.console_errors
    shot(page, "secretariat-review-phone")
