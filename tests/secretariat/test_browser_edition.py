"""The secretariat sets up the next edition from the last one and opens its call, in Thai, in
Chromium, without Django's admin. (Seen before: editing the next edition's phases, criteria,
documents or prizes opened /admin/editions/edition/N/change/: partly English, Gregorian dates,
174 unlabelled fields.)"""

import pytest
from playwright.sync_api import expect

from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import EditionStatus, PhaseKind
from learningcity.editions.models import Contact, Edition, Prize
from learningcity.secretariat.views.edition_sections import SECTIONS
from tests.browser.fixtures import DESKTOP, screenshots_folder
from tests.factories import PASSWORD, EditionFactory, bangkok, current_code, second_factor_device

from .helpers import secretariat_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_360 = {"width": 360, "height": 800}
DOCS = screenshots_folder("issue-11")


def _last_edition() -> Edition:
    edition = EditionFactory(number=1, year_be=2569, title_th="รางวัลเมืองแห่งการเรียนรู้ ครั้งที่ 1")
    edition.title_en = "Local Learning City Award, edition 1"
    edition.settings = {
        "awards_per_category": 1,
        "honourable_mentions_per_category": 2,
        "hide_other_scores_until_submitted": True,
        "tie_break": ["sum_of_20_point_criteria", "count_of_top_scores", "committee_vote"],
        "signatories": [{"name_th": "ศาสตราจารย์ ดร.ผู้ลงนาม", "position_th": "อธิการบดี"}],
    }
    edition.save()
    Prize.objects.create(edition=edition, order=1, title_th="โล่รางวัลพร้อมใบประกาศนียบัตร")
    Prize.objects.create(edition=edition, order=2, title_th="งบดำเนินงาน", amount_baht=30000)
    Contact.objects.create(edition=edition, order=1, name_th="คุณประสานงาน", phone="054-466-666")
    return edition


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


def _no_admin_and_thai(page, width):
    assert page.locator("a[href*='/admin/']").count() == 0, page.url
    assert page.get_attribute("html", "lang") == "th"
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _save(page):
    with page.expect_navigation():
        page.get_by_role("button", name="บันทึก", exact=True).click()


def test_next_edition_set_up_from_the_last_and_its_call_opened_in_thai(live_server, page_factory):
    _last_edition()
    secretariat = secretariat_user()
    base = live_server.url
    public = page_factory(viewport=PHONE_360)
    page = page_factory(viewport=PHONE_360)
    _log_in(page, base, secretariat, "/secretariat/editions/next/?edition=1")
    _no_admin_and_thai(page, 360)

    # The next edition, proposed from the last one: number 2, B.E. 2571.
    expect(page.locator("#id_number")).to_have_value("2")
    expect(page.locator("#id_year_be")).to_have_value("2571")
    with page.expect_navigation():
        page.get_by_role("button", name="สร้างรางวัลครั้งใหม่").click()
    assert page.url == f"{base}/secretariat/editions/2/"
    expect(page.locator("#status .badge")).to_have_text("ฉบับร่าง (ยังไม่เผยแพร่)")
    _no_admin_and_thai(page, 360)
    new = Edition.objects.get(number=2)
    assert new.status == EditionStatus.DRAFT
    assert public.goto(f"{base}/editions/2/").status == 404

    # The criteria: a total of 101 is refused in Thai; 20 + 15 instead of 15 + 20 is saved.
    page.locator("#criteria").get_by_role("link", name="แก้ไข").click()
    _no_admin_and_thai(page, 360)
    page.fill("#id_criteria-0-max_points", "16")
    _save(page)
    expect(page.locator(".errorlist.nonform")).to_have_text(
        "เกณฑ์ทั้งหมดรวมได้ 101 คะแนน แต่เกณฑ์ของการประกวดแต่ละครั้งต้องรวมกันได้ 100 คะแนนพอดี"
    )
    page.fill("#id_criteria-0-max_points", "20")
    page.fill("#id_criteria-1-max_points", "15")
    _save(page)
    assert page.url == f"{base}/secretariat/editions/2/#criteria"
    expect(page.locator("#criteria")).to_contain_text("รวม 100 จาก 100 คะแนน")
    assert list(new.criteria.order_by("number").values_list("max_points", flat=True))[:2] == [
        20,
        15,
    ]

    # A phase's last day typed the Thai way: day, Thai month, B.E. year, 24-hour time.
    page.locator("#phases").get_by_role("link", name="แก้ไข").click()
    registration = page.locator("fieldset", has_text="เปิดรับสมัคร").first
    registration.locator("input[id$='ends_at_0']").fill("31")
    registration.locator("select[id$='ends_at_1']").select_option("5")
    registration.locator("input[id$='ends_at_2']").fill("2571")
    registration.locator("input[id$='ends_at_3']").fill("16.30")
    _no_admin_and_thai(page, 360)
    assert page.locator("input[type=date], input[type=datetime-local]").count() == 0
    DOCS.mkdir(parents=True, exist_ok=True)
    registration.screenshot(path=str(DOCS / "edition-phase-phone.png"))
    _save(page)
    phase = new.phases.get(kind=PhaseKind.REGISTRATION)
    assert phase.ends_at == bangkok(2028, 5, 31, 16, 30)

    # The committee: three honourable mentions per category.
    page.locator("#committee").get_by_role("link", name="แก้ไข").click()
    page.fill("#id_honourable_mentions_per_category", "3")
    _save(page)
    new.refresh_from_db()
    assert new.settings["honourable_mentions_per_category"] == 3
    assert new.settings["signatories"][0]["position_th"] == "อธิการบดี"

    # Every part of the edition on a 360-px phone: Thai, no admin link, nothing wider.
    for section in SECTIONS:
        page.goto(f"{base}/secretariat/editions/2/{section}/")
        _no_admin_and_thai(page, 360)
    page.goto(f"{base}/secretariat/editions/2/")
    page.screenshot(path=str(DOCS / "edition-workspace-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(DOCS / "edition-workspace-desktop.png"), full_page=True)
    _no_admin_and_thai(page, DESKTOP["width"])

    # The preview of the draft's call page, then the call opened.
    page.get_by_role("link", name="ดูตัวอย่างหน้าประกาศรับสมัคร").click()
    expect(page.locator(".banner-preview")).to_contain_text("ตัวอย่างสำหรับฝ่ายเลขานุการ")
    assert public.goto(f"{base}/editions/2/").status == 404
    page.get_by_role("link", name="กลับไปที่พื้นที่จัดการรางวัล").click()
    with page.expect_navigation():
        page.get_by_role("button", name="เปิดรับสมัครต่อสาธารณะ").click()
    expect(page.locator("#status .badge")).to_have_text("เปิดต่อสาธารณะ")
    expect(page.locator(".notice--success")).to_have_text("เปิดรับสมัครรางวัลครั้งนี้ต่อสาธารณะแล้ว")
    assert public.goto(f"{base}/editions/2/").status == 200
    expect(public.locator("h1")).to_have_text(new.title_th)

    actions = set(AuditEntry.objects.filter(object_id=str(new.pk)).values_list("action", flat=True))
    assert actions >= {
        "edition.copied",
        "edition.criteria.changed",
        "edition.phases.changed",
        "edition.settings.changed",
        "edition.opened",
    }
    # The refused total answered 400 (the form shown again with the message); nothing else.
    refused = "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    assert page.console_errors == [refused], page.console_errors
    assert (
        public.console_errors
        == ["Failed to load resource: the server responded with a status of 404 (Not Found)"] * 2
    ), public.console_errors
