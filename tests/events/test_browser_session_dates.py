"""The secretariat adds a training session on a 360-px phone, typing Thai dates: nothing
overflows, no native date picker, and a Christian-era year is asked about before saving."""

import datetime as dt

import pytest

from learningcity.accounts.enums import Role
from learningcity.events.models import TrainingSession
from tests.browser.fixtures import screenshots_folder
from tests.factories import (
    BANGKOK,
    PASSWORD,
    EditionFactory,
    UserFactory,
    current_code,
    second_factor_device,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_360 = {"width": 360, "height": 800}
DOCS = screenshots_folder("issue-11")


def test_training_session_dates_typed_on_a_360_px_phone(live_server, page_factory):
    edition = EditionFactory()  # B.E. 2569
    desk = UserFactory(role=Role.SECRETARIAT)
    device = second_factor_device(desk)
    page = page_factory(viewport=PHONE_360)
    url = f"/events/editions/{edition.number}/training/"
    page.goto(f"{live_server.url}/accounts/login/?next={url}")
    page.fill("#id_username", desk.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()
    page.fill("#id_code", current_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="ดำเนินการต่อ").click()
    assert page.url.endswith(url)
    assert page.locator("input[type=date], input[type=datetime-local]").count() == 0

    page.get_by_text("เพิ่มรอบการอบรม", exact=True).click()
    page.fill("#id_title", "อบรมผู้จัดการเมืองแห่งการเรียนรู้")
    for name, time in [("starts_at", "9.00"), ("ends_at", "16.30")]:
        page.fill(f"#id_{name}_0", "19")
        page.select_option(f"#id_{name}_1", "6")
        page.fill(f"#id_{name}_2", "2026")
        page.fill(f"#id_{name}_3", time)
    page.fill("#id_place", "TK Park")
    with page.expect_navigation():
        page.locator("form:has(#id_title) button[type=submit]").click()
    assert page.locator("text=ปี พ.ศ. 2569 ใช่หรือไม่").count() == 2
    assert page.input_value("#id_starts_at_2") == "2569"
    assert page.input_value("#id_ends_at_2") == "2569"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_360["width"]
    assert TrainingSession.objects.count() == 0
    DOCS.mkdir(parents=True, exist_ok=True)
    page.locator("form:has(#id_title)").screenshot(path=str(DOCS / "date-field-training-phone.png"))

    with page.expect_navigation():
        page.locator("form:has(#id_title) button[type=submit]").click()
    session = TrainingSession.objects.get()
    assert session.starts_at == dt.datetime(2026, 6, 19, 9, 0, tzinfo=BANGKOK)
    assert session.ends_at == dt.datetime(2026, 6, 19, 16, 30, tzinfo=BANGKOK)
    assert page.console_errors == []
