"""The secretariat at the training door: a phone-sized tablet page, searching by area and
checking a representative in with one tap (htmx), without a page load."""

import pytest

from learningcity.accounts.enums import Role
from learningcity.events.models import Attendance
from tests.browser.fixtures import PHONE
from tests.events.factories import TrainingSessionFactory, area
from tests.factories import PASSWORD, UserFactory, current_code, second_factor_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_checks_in_on_the_tablet(live_server, page_factory, shot):
    session = TrainingSessionFactory()
    registration = area(session.edition)
    registration.representatives.filter(slot=1).update(full_name="นางมาลี ศรีสุข")
    area(session.edition)
    desk = UserFactory(role=Role.SECRETARIAT)
    device = second_factor_device(desk)
    page = page_factory(viewport=PHONE)
    url = f"/events/sessions/{session.pk}/checkin/"
    page.goto(f"{live_server.url}/accounts/login/?next={url}")
    page.fill("#id_username", desk.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    page.fill("#id_code", current_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="ดำเนินการต่อ").click()
    assert page.url.endswith(url)
    assert page.locator(".checkin-item").count() == 4

    page.fill("#checkin-q", "มาลี")
    page.locator(".checkin-item").nth(1).wait_for(state="detached")
    assert page.locator(".checkin-item").count() == 1
    page.get_by_role("button", name="ลงทะเบียน", exact=True).click()
    page.locator(".checkin-item--done").wait_for()
    assert "นางมาลี ศรีสุข" in page.locator(".checkin-item--done").inner_text()
    assert page.evaluate("document.readyState") == "complete"
    assert Attendance.objects.get().representative.full_name == "นางมาลี ศรีสุข"
    shot(page, "events-checkin-phone")
