"""In a real browser: a person sees every copy of their data and their consents, asks for
erasure; the secretariat reads the dry run and carries it out."""

import os
import shutil
from pathlib import Path

import pytest

from learningcity.accounts.enums import Role
from learningcity.privacy import services
from learningcity.privacy.enums import ConsentPurpose, ErasureStatus
from learningcity.privacy.models import ErasureRequest
from tests.applications.factories import complete_application
from tests.browser.fixtures import DESKTOP, screenshots_folder
from tests.factories import PASSWORD, UserFactory, current_code, second_factor_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}
DOCS = screenshots_folder("16")


def _log_in(page, base, user, next_url):
    device = second_factor_device(user) if user.role == Role.SECRETARIAT else None
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.press("#id_password", "Enter")
    if user.role == Role.SECRETARIAT:
        page.fill("#id_code", current_code(device))
        with page.expect_navigation():
            page.press("#id_code", "Enter")


def _keep(path: Path) -> None:
    """Copy a screenshot into the docs only when asked (a test run leaves the tree as it is)."""
    if os.environ.get("LEARNINGCITY_DOCS_SHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, DOCS / path.name)


def test_person_asks_for_erasure_and_secretariat_carries_it_out(live_server, page_factory, shot):
    application, coordinator = complete_application(coordinator_email="x@example.org")
    staff = UserFactory(role=Role.SECRETARIAT)
    services.give_consent(
        application, ConsentPurpose.PUBLISH_PHOTOS, user=staff, on_behalf_of="นายกเทศมนตรี"
    )
    phone = page_factory(viewport=PHONE)
    _log_in(phone, live_server.url, coordinator, "/privacy/me/")
    phone.goto(live_server.url + "/privacy/my-consents/")
    assert "รูปถ่ายที่อัปโหลดพร้อมใบสมัคร" in phone.content()
    _keep(shot(phone, "privacy-my-consents-phone"))
    phone.goto(live_server.url + "/privacy/me/")
    phone.fill("#id_reason", "ย้ายงานแล้ว")
    with phone.expect_navigation():
        phone.click("form[action$='/erasure/request/'] button[type=submit]")
    assert "ส่งคำขอแล้ว" in phone.content()
    _keep(shot(phone, "privacy-me-phone"))
    assert phone.console_errors == []

    desk = page_factory(viewport=DESKTOP)
    request = ErasureRequest.objects.get()
    _log_in(desk, live_server.url, staff, f"/privacy/erasure/{request.pk}/")
    desk.goto(f"{live_server.url}/privacy/erasure/{request.pk}/")
    assert "ทดลองก่อน" in desk.content()
    _keep(shot(desk, "privacy-erasure-review-desktop"))
    desk.check("input[value=carried_out]")
    with desk.expect_navigation():
        desk.click("form.privacy__decision button[type=submit]")

    request.refresh_from_db()
    assert request.status == ErasureStatus.CARRIED_OUT
    assert desk.console_errors == []
