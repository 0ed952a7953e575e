"""The whole applicant's journey in one go, in a real browser, with Thai text and real photos:
log in as the coordinator → register the area → the secretariat approves → fill every section
→ upload the map, ten captioned photos (one a 4000×3000 phone photo the browser shrinks) and
the presentation → the head certifies from their own account → check → submit → receipt →
the whole application as a PDF."""

import io
import random

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageDraw, ImageFilter
from playwright.sync_api import expect

from learningcity.accounts.enums import MembershipRole, Role
from learningcity.applications import services
from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.applications.models import Application, Certification, Registration
from learningcity.attachments.models import Attachment
from learningcity.editions.enums import DocumentKind
from learningcity.thai.formatting import format_datetime
from tests.applications.factories import (
    open_registration_now,
    open_submission_now,
    train_representatives,
)
from tests.attachments.corpus import pdf_bytes
from tests.factories import (
    PASSWORD,
    EditionFactory,
    LocalGovernmentFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRAME = (1920, 1080)
with translation.override("th"):
    MAP, PHOTOS, PRESENTATION = (str(kind.label) for kind in DocumentKind)
PHONE = (4000, 3000)
CAPTIONS = [
    "เด็ก ๆ อ่านหนังสือที่ห้องสมุดตำบล",
    "ตลาดนัดชุมชนวันเสาร์",
    "ผู้สูงอายุสอนจักสานใบเตย",
    "ลานกีฬาหลังโรงเรียน",
    "ศูนย์เรียนรู้เกษตรอินทรีย์",
    "ประชุมคณะทำงานเมืองแห่งการเรียนรู้",
    "นักเรียนเก็บขยะริมคลอง",
    "อาสาสมัครสอนภาษาอังกฤษ",
    "เส้นทางปั่นจักรยานชมป่าชายเลน",
    "ถ่ายด้วยโทรศัพท์: เวทีแลกเปลี่ยนเรียนรู้",
]
# One row per table, as a person types it: field name → value (a choice's value, a tick).
ROWS = {
    "indicator": {
        "beneficiary_group": "เด็กอายุ 6–12 ปี",
        "baseline": "40",
        "result": "62.5",
        "unit": "ร้อยละ",
        "method": "แบบทดสอบการอ่านของครู",
        "period": "ปีการศึกษา 2568",
    },
    "learningplace": {
        "name": "ห้องสมุดประชาชนตำบลคลองท่อมใต้",
        "place_type": "ห้องสมุด",
        "address": "หมู่ 3 ถนนเพชรเกษม",
        "latitude": "7.936512",
        "longitude": "99.143217",
        "serves": "เด็ก เยาวชน ผู้สูงอายุ",
        "opening_hours": "จันทร์–เสาร์ 08:30–16:30",
        "cost": "ไม่เสียค่าใช้จ่าย",
        "accessibility": "ทางลาดสำหรับรถเข็น",
    },
    "partner": {
        "name": "โรงเรียนบ้านคลองท่อม",
        "sector": "education",
        "contribution": "ครูอาสาสอนอ่านทุกวันเสาร์",
        "amount_baht": "25000",
    },
    "workinggroupmember": {"name": "นายสมศักดิ์ ใจดี", "role": "ประธานคณะทำงาน"},
    "meeting": {
        # The Thai date field: day, month (a select), B.E. year.
        "held_on_0": "2",
        "held_on_1": "5",
        "held_on_2": "2569",
        "attendance": "18",
        "note": "วางแผนปีการศึกษาใหม่",
    },
    "casestudy": {
        "alias": "น้องเอ",
        "age_group": "youth",
        "before": "อ่านหนังสือไม่คล่อง",
        "after": "อ่านนิทานให้น้องฟังได้",
        "evidence": "บันทึกการอ่านของครู",
        "consent_to_publish": True,
    },
}


def camera_photo(size: tuple[int, int], seed: int) -> bytes:
    """A JPEG that compresses like a photo: gradients, shapes, blur and sensor grain."""
    rng = random.Random(seed)  # noqa: S311 - repeatable test pictures, not secrets
    sky = Image.linear_gradient("L").resize(size)
    base = Image.merge("RGB", (sky, sky.rotate(180).resize(size), Image.new("L", size, 90)))
    draw = ImageDraw.Draw(base)
    scale = size[0] // 400
    for _ in range(40):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse(
            (x, y, x + rng.randrange(10, 90) * scale, y + rng.randrange(10, 70) * scale),
            fill=colour,
        )
    base = base.filter(ImageFilter.GaussianBlur(2))
    grain = Image.effect_noise(size, 30).convert("RGB")
    out = io.BytesIO()
    Image.blend(base, grain, 0.3).save(out, "JPEG", quality=90)
    return out.getvalue()


def log_in_with_password(page, base_url: str, email: str, next_url: str) -> None:
    page.goto(f"{base_url}{reverse('accounts:login')}?next={next_url}")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()
    assert page.url == base_url + next_url, page.url


def register_the_area(page, base_url: str, edition, local_government) -> Registration:
    page.goto(base_url + reverse("applications:register", args=[edition.number]))
    # No organisation yet: create it, picking the local government from the registry.
    page.locator("#lg-q").press_sequentially("คลองท่อมใต้")
    choice = page.locator(f"input[name=dla_code][value='{local_government.dla_code}']")
    choice.wait_for(timeout=10_000)
    choice.check()
    with page.expect_navigation():
        page.locator("button[name=create_organisation]").click()

    category = edition.categories.get(code="YOUTH")
    page.locator(f"input[name=category][value='{category.pk}']").check()
    fields = {
        "population": "12840",
        "population_source": "ทะเบียนราษฎร กรมการปกครอง",
        "population_year_be": "2568",
        "head_name": "นายสมศักดิ์ ใจดี",
        "head_position": "นายกองค์การบริหารส่วนตำบลคลองท่อมใต้",
        "coordinator_name": "นางสาวสมหญิง ประสานงาน",
        "coordinator_phone": "081 234 5678",
        "coordinator_email": "somying@example.org",
        "rep1_full_name": "นายหนึ่ง ตัวแทน",
        "rep1_position": "นักวิชาการศึกษา",
        "rep1_phone": "081 111 1111",
        "rep1_email": "one@example.org",
        "rep2_full_name": "นางสาวสอง ตัวแทน",
        "rep2_position": "ครูชำนาญการ",
        "rep2_phone": "081 222 2222",
        "rep2_email": "two@example.org",
    }
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    with page.expect_navigation():
        page.locator("form.registration-form button[type=submit]").click()
    registration = Registration.objects.get(local_government=local_government)
    assert page.url == base_url + reverse("applications:registration", args=[registration.pk])
    return registration


def fill_every_section(page, base_url: str, registration: Registration) -> Application:
    page.goto(base_url + reverse("applications:application", args=[registration.pk]))
    application = registration.application
    for answer in services.answers_with_rows(application):
        number = answer.criterion.number
        section = page.locator(f"#section-{number}")
        section.locator(f"#narrative-{number}").fill(
            f"เกณฑ์ที่ {number}: เทศบาลร่วมกับโรงเรียนและชุมชนจัดการเรียนรู้ตลอดชีวิต ให้ทุกวัยเข้าถึงได้ใกล้บ้าน"
        )
        kinds = [model.kind() for model in services.row_models(answer.criterion)]
        for kind in kinds:
            for name, value in ROWS[kind].items():
                field = section.locator(f"#id_{kind}-0-{name}")
                tag = field.evaluate("element => element.tagName + ':' + element.type")
                if tag.startswith("SELECT"):
                    field.select_option(value)
                elif tag == "INPUT:checkbox":
                    field.check()
                else:
                    field.fill(value)
        section.locator(f"#evidence-{number}").check()
        section.locator("button.button[name=save]").click()
        for kind in kinds:
            # Saved rows come back with a fresh blank row under them.
            page.locator(f"#section-{number} #id_{kind}-1-{next(iter(ROWS[kind]))}").wait_for(
                timeout=10_000
            )
        expect(page.locator(f"#section-{number} .answer-status__saved")).to_be_visible(
            timeout=10_000
        )
    expect(page.locator("#progress .progress-item--done")).to_have_count(6, timeout=10_000)
    return application


def upload(page, slot_id: str, path, expected_document: str, caption: str | None = None) -> None:
    form = page.locator(f"#{slot_id} form[data-upload]")
    form.locator("input[type=file]").set_input_files(str(path))
    if caption is not None:
        form.locator("input[name=caption]").fill(caption)
    form.locator("button[type=submit]").click()
    # The list page reloads itself at the slot: wait for the page that says it is stored.
    number = slot_id.rsplit("-", 1)[1]
    expect(page.locator(".notice[role=status]").first).to_have_text(
        f"บันทึก “{path.name}” แล้ว ({expected_document} ไฟล์ที่ {number})", timeout=15_000
    )


def upload_the_evidence(page, base_url: str, application: Application, tmp_path) -> int:
    """Uploads every file; returns the bytes the browser sent for the 4000×3000 phone photo."""
    page.goto(base_url + reverse("attachments:list", args=[application.pk]))
    (tmp_path / "แผนที่เส้นทางเรียนรู้.pdf").write_bytes(pdf_bytes(b"/Lang (th)"))
    upload(page, "slot-map-1", tmp_path / "แผนที่เส้นทางเรียนรู้.pdf", MAP)
    for slot in range(1, 10):
        path = tmp_path / f"ภาพกิจกรรม{slot}.jpg"
        path.write_bytes(camera_photo(FRAME, slot))
        upload(page, f"slot-photos-{slot}", path, PHOTOS, CAPTIONS[slot - 1])
        expect(page.locator(f"#slot-photos-{slot}.slot--filled")).to_be_visible()

    phone = tmp_path / "IMG_20260612_093015.jpg"
    phone.write_bytes(camera_photo(PHONE, 10))
    form = page.locator("#slot-photos-10 form[data-upload]")
    form.locator("input[type=file]").set_input_files(str(phone))
    form.locator("input[name=caption]").fill(CAPTIONS[9])
    sent = []

    def measure(route):
        sent.append(len(route.request.post_data_buffer or b""))
        route.continue_()

    page.route("**/upload/", measure)
    with page.expect_navigation(url="**/pending/**"):
        form.locator("button[type=submit]").click()
    page.unroute("**/upload/", measure)
    page.wait_for_load_state("networkidle")
    with page.expect_navigation(url=lambda url: "/pending/" not in url):
        page.get_by_role("button", name="ครอบตัด").click()
    notice = page.locator(".notice[role=status]").first
    assert notice.inner_text() == "ปรับภาพเป็น 1920 × 1080 พิกเซลและบันทึกแล้ว"

    (tmp_path / "นำเสนอ.pdf").write_bytes(pdf_bytes(b"/Lang (th-TH)"))
    upload(page, "slot-presentation-1", tmp_path / "นำเสนอ.pdf", PRESENTATION)
    # The whole multipart body: the scaled JPEG plus the form's few fields.
    [body] = sent
    assert body < len(phone.read_bytes()) / 3, (body, len(phone.read_bytes()))
    print(f"4000×3000 phone photo: {len(phone.read_bytes())} bytes as taken, {body} sent")
    return body


def test_journey_register_fill_upload_certify_submit(live_server, page_factory, shot, tmp_path):
    base = live_server.url
    edition = open_submission_now(open_registration_now(EditionFactory()))
    local_government = LocalGovernmentFactory(
        name_th="คลองท่อมใต้", full_name_th="องค์การบริหารส่วนตำบลคลองท่อมใต้"
    )
    coordinator = UserFactory(full_name="นางสาวสมหญิง ประสานงาน")
    page = page_factory()

    # 1. Register the area.
    log_in_with_password(page, base, coordinator.email, reverse("applications:dashboard"))
    registration = register_the_area(page, base, edition, local_government)
    assert registration.population == 12840
    assert list(registration.representatives.values_list("full_name", flat=True)) == [
        "นายหนึ่ง ตัวแทน",
        "นางสาวสอง ตัวแทน",
    ]
    shot(page, "journey-registered")

    # The secretariat finds the area eligible; the head has an account in the organisation.
    services.set_registration_status(
        registration, RegistrationStatus.APPROVED, actor=UserFactory(role=Role.SECRETARIAT)
    )
    # Both representatives attended the training (checked in by the secretariat).
    train_representatives(registration)
    head = MembershipFactory(
        user=UserFactory(full_name="นายสมศักดิ์ ใจดี"),
        organisation=registration.organisation,
        role=MembershipRole.HEAD,
    ).user

    # 2. Fill every section, tables included.
    application = fill_every_section(page, base, registration)
    shot(page, "journey-application")

    # 3. The map, ten captioned photos and the presentation.
    phone_bytes = upload_the_evidence(page, base, application, tmp_path)
    photos = Attachment.objects.filter(application=application, kind="photos").order_by("slot")
    assert [(p.width, p.height) for p in photos] == [FRAME] * 10
    assert [p.caption for p in photos] == CAPTIONS
    assert Attachment.objects.filter(application=application).count() == 12
    assert phone_bytes > 0
    shot(page, "journey-files")

    # 4. The head certifies from their own account, typing the password again.
    check_url = reverse("applications:check", args=[application.pk])
    head_page = page_factory()
    log_in_with_password(head_page, base, head.email, check_url)
    head_page.fill("#id_password", PASSWORD)
    with head_page.expect_navigation():
        head_page.get_by_role("button", name="รับรองใบสมัคร").click()
    certification = Certification.objects.get(application=application)
    assert (certification.method, certification.certified_by) == ("account", head)
    assert head_page.console_errors == [], head_page.console_errors

    # 5. Check, submit, receipt.
    page.goto(base + check_url)
    expect(page.locator("#problems")).to_contain_text("ครบถ้วนแล้ว ส่งใบสมัครได้")
    shot(page, "journey-check")
    with page.expect_navigation():
        page.locator("#submit button[type=submit]").click()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert page.url == base + reverse("applications:receipt", args=[application.pk])
    assert page.locator(".receipt-reference").inner_text() == application.reference
    with translation.override("th"):
        submitted_at = format_datetime(application.submitted_at)
    assert "2569" in submitted_at
    assert submitted_at in page.locator(".receipt-facts").inner_text()
    shot(page, "journey-receipt")

    pdf_link = page.get_by_role("link", name="ดาวน์โหลดใบสมัครทั้งฉบับ (PDF)")
    response = page.request.get(base + pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    assert page.console_errors == [], page.console_errors
