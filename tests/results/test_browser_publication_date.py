"""The secretariat types the publication date as a Thai person types it — day, Thai month,
Buddhist-era year, 24-hour time — and the results are on the public page at that moment.
(Seen before: 2569 typed into the native box was taken as the year 2569 CE, "6 ธันวาคม 3112",
and the category never appeared.)"""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from learningcity.results import services
from learningcity.results.enums import DecisionStatus
from learningcity.results.models import Decision
from learningcity.thai.formatting import format_datetime
from tests.browser.fixtures import DESKTOP, screenshots_folder
from tests.factories import PASSWORD, current_code, second_factor_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
PHONE_360 = {"width": 360, "height": 800}
DOCS = screenshots_folder("issue-11")


def _log_in(page, base, user, next_url):
    device = second_factor_device(user)
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()
    page.fill("#id_code", current_code(device))
    with page.expect_navigation():
        page.press("#id_code", "Enter")
    assert "/accounts/second-factor/" not in page.url


def _type_date(page, day, month, year, time):
    page.fill("#id_publish_at_0", day)
    page.select_option("#id_publish_at_1", month)
    page.fill("#id_publish_at_2", year)
    page.fill("#id_publish_at_3", time)


def _docs_shot(page, name):
    DOCS.mkdir(parents=True, exist_ok=True)
    page.locator("form:has(#id_publish_at_0)").screenshot(path=str(DOCS / f"{name}.png"))


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE_360), ("desktop", DESKTOP)])
def test_publication_date_typed_in_buddhist_era_shows_results_at_once(
    live_server, page_factory, edition, scored, secretariat, chair, size, viewport
):
    services.record_decision(
        services.decision_for(edition, edition.categories.get(code="YOUTH")),
        winners=[scored["A"]],
        honourable=[scored["B"]],
        note="มติเอกฉันท์",
        actor=secretariat,
        chair_approved=True,
    )
    winner = scored["A"].registration.local_government.full_name_th
    public = page_factory(viewport=PHONE_360)
    # Nothing is published yet: the edition's results page does not exist.
    assert public.goto(f"{live_server.url}/results/{edition.number}/").status == 404
    assert winner not in public.content()
    public.console_errors.clear()

    page = page_factory(viewport=viewport)
    manage = f"/results/manage/{edition.number}/YOUTH/"
    _log_in(page, live_server.url, secretariat, manage)
    page.goto(live_server.url + manage)
    assert page.locator("input[type=date], input[type=datetime-local]").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    # Now, to the minute, in Bangkok; first with the year as it is written in CE.
    now = timezone.now().astimezone(BANGKOK).replace(second=0, microsecond=0)
    _type_date(page, str(now.day), str(now.month), str(now.year), f"{now:%H.%M}")
    with page.expect_navigation():
        page.get_by_role("button", name="ประกาศผล", exact=True).click()
    question = f"ปี พ.ศ. {now.year + 543} ใช่หรือไม่"
    assert question in page.locator(".field:has(#id_publish_at_0) .errorlist").inner_text()
    assert page.input_value("#id_publish_at_2") == str(now.year + 543)
    assert page.input_value("#id_publish_at_0") == str(now.day)
    assert page.input_value("#id_publish_at_3") == f"{now:%H.%M}"
    assert Decision.objects.get(edition=edition, category__code="YOUTH").publish_at is None
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    _docs_shot(page, f"date-field-question-{size}")
    # The view answers a form with errors 400, which Chromium logs; nothing else may be logged.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    page.console_errors.clear()

    # Confirming is one click: the B.E. year is already in the box.
    with page.expect_navigation():
        page.get_by_role("button", name="ประกาศผล", exact=True).click()
    decision = Decision.objects.get(edition=edition, category__code="YOUTH")
    assert decision.status == DecisionStatus.PUBLISHED
    assert decision.publish_at == now
    assert f"เผยแพร่ตั้งแต่ {format_datetime(now)}" in page.locator("main").inner_text()
    assert page.console_errors == []

    assert public.goto(f"{live_server.url}/results/{edition.number}/").status == 200
    assert winner in public.content()
    assert public.console_errors == []


def test_publication_date_years_away_refused_in_thai(
    live_server, page_factory, edition, scored, secretariat, chair
):
    services.record_decision(
        services.decision_for(edition, edition.categories.get(code="YOUTH")),
        winners=[scored["A"]],
        honourable=[],
        note="",
        actor=secretariat,
        chair_approved=True,
    )
    page = page_factory(viewport=DESKTOP)
    manage = f"/results/manage/{edition.number}/YOUTH/"
    _log_in(page, live_server.url, secretariat, manage)
    page.goto(live_server.url + manage)
    _docs_shot(page, "date-field-empty-desktop")

    later = timezone.now().astimezone(BANGKOK) + dt.timedelta(days=3 * 366)
    _type_date(page, "1", str(later.month), str(later.year + 543), "9.00")
    with page.expect_navigation():
        page.get_by_role("button", name="ประกาศผล", exact=True).click()
    error = page.locator(".field:has(#id_publish_at_0) .errorlist").inner_text()
    assert error.startswith("วันที่ต้องไม่หลัง ")
    assert Decision.objects.get(edition=edition, category__code="YOUTH").publish_at is None

    _type_date(page, "31", "2", str(later.year + 543 - 3), "9.00")
    with page.expect_navigation():
        page.get_by_role("button", name="ประกาศผล", exact=True).click()
    error = page.locator(".field:has(#id_publish_at_0) .errorlist").inner_text()
    assert error == f"ไม่มีวันที่ 31 กุมภาพันธ์ {later.year + 543 - 3} ในปฏิทิน"
    _docs_shot(page, "date-field-impossible-desktop")
