"""The application and certification PDFs: content, escaping, rendering, and who may download."""

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image, ImageFile

from learningcity.accounts.enums import MembershipRole, Role
from learningcity.applications.enums import AgeGroup, ApplicationStatus, PartnerSector
from learningcity.applications.models import (
    Answer,
    CaseStudy,
    Indicator,
    LearningPlace,
    Meeting,
    Partner,
    WorkingGroupMember,
)
from learningcity.applications.pdf import application_pdf, certification_pdf, render
from learningcity.attachments import storage
from learningcity.attachments.models import Attachment
from learningcity.attachments.names import storage_name
from learningcity.editions.enums import DocumentKind
from tests.applications.factories import RegistrationFactory, RepresentativeFactory
from tests.applications.factories import started_application as start
from tests.factories import MembershipFactory, UserFactory, bangkok, log_in

SHOTS = Path(__file__).resolve().parents[2] / "var" / "shots"
SCRIPT = "<script>alert('x')</script>"
# Long Thai without spaces, so that lines must break inside it at word boundaries.
LONG_THAI = (
    "เทศบาลร่วมกับโรงเรียนและชุมชนจัดตั้งศูนย์การเรียนรู้ตลอดชีวิตเพื่อให้เด็กและเยาวชน"
    "ได้เรียนรู้ภูมิปัญญาท้องถิ่นการจักสานผ้าทอมือและการทำเกษตรอินทรีย์จากผู้สูงอายุในหมู่บ้าน"
) * 3


def _require(binary: str) -> str:
    found = shutil.which(binary)
    if found:
        return found
    reason = f"{binary} not found: apt-get install -y poppler-utils"
    if os.environ.get("LEARNINGCITY_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)
    return ""  # pragma: no cover


def searchable(text: str) -> str:
    """The text without white space (lines wrap anywhere in Thai), and with SARA AM (and a tone
    mark before it) as SARA AA: WeasyPrint maps the glyphs HarfBuzz makes of SARA AM back to
    SARA AA alone, so the extracted text of "น้ำ" reads "นา" although it is drawn right."""
    return re.sub("[\u0e48-\u0e4b]?\u0e33", "\u0e32", "".join(text.split()))


def pdf_text(content: bytes) -> str:
    """The PDF's text in content order (``-layout`` sorts Thai marks by position and misplaces
    them), made ``searchable``."""
    binary = _require("pdftotext")
    done = subprocess.run(  # noqa: S603 - a fixed binary on bytes we made
        [binary, "-raw", "-", "-"], input=content, capture_output=True, check=True
    )
    return searchable(done.stdout.decode())


def page_count(content: bytes) -> int:
    binary = _require("pdfinfo")
    done = subprocess.run(  # noqa: S603 - a fixed binary on bytes we made
        [binary, "-"], input=content, capture_output=True, check=True
    )
    pages = next(line for line in done.stdout.decode().splitlines() if line.startswith("Pages:"))
    return int(pages.split()[1])


def _jpeg(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1920, 1080), colour).save(out, "JPEG")
    return out.getvalue()


def _attach(application, kind, slot, content, *, caption="", content_type="image/jpeg", ext=".jpg"):
    sha256 = hashlib.sha256(content).hexdigest()
    name = storage_name(sha256, ext)
    storage.write_atomically(name, content)
    return Attachment.objects.create(
        application=application,
        kind=kind,
        slot=slot,
        caption=caption,
        display_name=f"{kind}-{slot}{ext}",
        stored_name=name,
        sha256=sha256,
        size=len(content),
        content_type=content_type,
        width=1920 if content_type == "image/jpeg" else None,
        height=1080 if content_type == "image/jpeg" else None,
    )


def full_application(**registration_kwargs):
    """A submitted application with every kind of row, two photos, a map and a presentation."""
    registration = RegistrationFactory(**registration_kwargs)
    RepresentativeFactory(registration=registration, slot=1, full_name="นายหนึ่ง ตัวแทน")
    RepresentativeFactory(registration=registration, slot=2, full_name="นางสาวสอง ตัวแทน")
    application = start(registration)
    answers = {a.criterion.number: a for a in Answer.objects.filter(application=application)}
    for number, answer in answers.items():
        answer.narrative = f"คำตอบเกณฑ์ที่ {number}: {LONG_THAI}"
        answer.evidence_confirmed = number % 2 == 1
        answer.save()
    answers[1].narrative = f"ผู้สมัครพิมพ์ {SCRIPT} ไว้ในคำตอบ"
    answers[1].save()
    Indicator.objects.create(
        answer=answers[2],
        beneficiary_group="เยาวชนอายุ 15–24 ปี",
        baseline=Decimal(120),
        result=Decimal("345.50"),
        unit="คน",
        method="แบบสอบถาม",
        period="ปี 2568",
    )
    LearningPlace.objects.create(
        answer=answers[3],
        name="ห้องสมุดประชาชนตำบลน้ำใส",
        place_type="ห้องสมุด",
        address="หมู่ 3",
        latitude=Decimal("8.050000"),
        longitude=Decimal("98.900000"),
        serves="เด็กและผู้สูงอายุ",
    )
    Partner.objects.create(
        answer=answers[4],
        name="วิสาหกิจชุมชนผ้าทอ",
        sector=PartnerSector.COMMUNITY,
        contribution="วิทยากร",
        amount_baht=Decimal(30000),
    )
    WorkingGroupMember.objects.create(answer=answers[5], name="นางใจ ดีงาม", role="ประธาน")
    Meeting.objects.create(
        answer=answers[5], held_on=dt.date(2026, 3, 14), attendance=25, note="วางแผนงาน"
    )
    CaseStudy.objects.create(
        answer=answers[6],
        alias="น้องฟ้า",
        age_group=AgeGroup.YOUTH,
        before="ไม่กล้าพูด",
        after="เป็นผู้นำกิจกรรม",
        consent_to_publish=True,
    )
    _attach(application, DocumentKind.PHOTOS, 1, _jpeg("#3a7"), caption="กิจกรรมปลูกป่าชายเลน")
    _attach(application, DocumentKind.PHOTOS, 2, _jpeg("#37a"), caption="ตลาดนัดความรู้")
    _attach(
        application,
        DocumentKind.PRESENTATION,
        1,
        b"%PDF-1.4 presentation",
        content_type="application/pdf",
        ext=".pdf",
    )
    application.status = ApplicationStatus.SUBMITTED
    application.reference = f"LCA1-YOUTH-{application.pk:04d}"
    application.submitted_at = bangkok(2026, 7, 20, 14, 30)
    application.save()
    return application


@pytest.fixture
def application(db):
    return full_application()


@pytest.fixture
def member(application):
    return MembershipFactory(
        organisation=application.registration.organisation, role=MembershipRole.MEMBER
    ).user


def test_application_pdf_is_a_pdf_with_pages(application):
    content = application_pdf(application)

    assert content.startswith(b"%PDF-")
    assert page_count(content) >= 8  # cover, registration, six criteria, photos


def test_application_pdf_contains_the_application_in_thai(application):
    text = pdf_text(application_pdf(application))
    registration = application.registration

    for expected in (
        registration.edition.title_th,
        application.reference,
        registration.organisation.name,
        registration.local_government.full_name_th,
        "กระบี่",
        "เมืองสำหรับเด็กและเยาวชน",
        "20 กรกฎาคม 2569 เวลา 14:30 น.",
        "6,200 คน",
        "ทะเบียนราษฎร กรมการปกครอง",
        "นายสมศักดิ์ ใจดี",
        "นางสาวสมหญิง ประสานงาน",
        "นางสาวสอง ตัวแทน",
        "เกณฑ์ที่ 6",
        "คะแนนเต็ม 20 คะแนน",
        "เยาวชนอายุ 15–24 ปี",
        "345.50",
        "ห้องสมุดประชาชนตำบลน้ำใส",
        "30,000",
        "14 มีนาคม 2569",
        "น้องฟ้า",
        "ส่งหลักฐานประกอบแล้ว",
        "กิจกรรมปลูกป่าชายเลน",
        "presentation-1.pdf",
        "หน้า 2 / 9",
    ):
        assert searchable(expected) in text, expected


def test_application_pdf_keeps_applicant_html_as_text(application):
    content = application_pdf(application)

    assert searchable(SCRIPT) in pdf_text(content)
    assert b"/JavaScript" not in content
    assert b"/JS" not in content


def test_application_pdf_of_a_draft_has_no_reference_and_no_rows(db):
    application = start(RegistrationFactory())

    text = pdf_text(application_pdf(application))

    assert searchable("ยังไม่ได้ส่ง (ฉบับร่าง)") in text
    assert searchable("เลขที่ใบสมัคร") not in text
    assert searchable("ตัวชี้วัด") not in text
    assert searchable("(ยังไม่มีภาพประกอบ)") in text


def test_certification_pdf_is_one_page_letter(application):
    content = certification_pdf(application)
    text = pdf_text(content)
    registration = application.registration

    assert content.startswith(b"%PDF-")
    assert page_count(content) == 1
    for expected in (
        "หนังสือรับรองการสมัครรางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น",
        registration.edition.title_th,
        registration.organisation.name,
        registration.local_government.full_name_th,
        "เมืองสำหรับเด็กและเยาวชน",
        "ลงชื่อ ........................................",
        "( นายสมศักดิ์ ใจดี )",
        "ตำแหน่ง นายกองค์การบริหารส่วนตำบล",
        "วันที่ ....... เดือน ................ พ.ศ. ........",
        f"รหัสใบสมัครในระบบ: {application.pk}",
        application.reference,
        "อัปโหลดกลับเข้าสู่ระบบ",
    ):
        assert searchable(expected) in text, expected


def test_certification_pdf_escapes_the_head_name(db):
    application = start(RegistrationFactory(head_name=SCRIPT))

    content = certification_pdf(application)

    assert searchable(SCRIPT) in pdf_text(content)
    assert b"/JavaScript" not in content


@pytest.mark.parametrize(
    ("render", "name"),
    [(application_pdf, "application-pdf-1"), (certification_pdf, "certification-pdf-1")],
)
def test_pdf_first_page_renders_to_png(application, render, name):
    binary = _require("pdftoppm")
    SHOTS.mkdir(parents=True, exist_ok=True)
    prefix = SHOTS / name
    subprocess.run(  # noqa: S603 - a fixed binary on bytes we made
        [binary, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-", str(prefix)],
        input=render(application),
        check=True,
    )

    with Image.open(f"{prefix}.png") as image:
        assert image.size == (662, 936)  # A4 at 80 dpi
        # Text was drawn: the page is not blank.
        assert image.convert("L").getextrema()[0] < 100


def _url(name, application):
    return reverse(f"applications:{name}", kwargs={"pk": application.pk})


@pytest.mark.parametrize(
    ("name", "filename"),
    [("application_pdf", "application"), ("certification_pdf", "certification")],
)
def test_pdf_download_by_member(client, application, member, name, filename):
    log_in(client, member)

    response = client.get(_url(name, application))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{filename}-{application.pk}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    # A submitted application's PDF is streamed from storage (applications/pdf/stored.py).
    assert response.getvalue().startswith(b"%PDF-")


@pytest.mark.parametrize("name", ["application_pdf", "certification_pdf"])
@pytest.mark.parametrize(
    ("who", "status"),
    [("secretariat", 200), ("other_organisation", 404), ("judge", 404)],
)
def test_pdf_download_access(client, application, name, who, status):
    users = {
        "secretariat": lambda: UserFactory(role=Role.SECRETARIAT),
        "other_organisation": lambda: MembershipFactory().user,
        "judge": lambda: UserFactory(role=Role.JUDGE),
    }
    log_in(client, users[who]())

    response = client.get(_url(name, application))

    assert response.status_code == status


@pytest.mark.parametrize("name", ["application_pdf", "certification_pdf"])
def test_pdf_download_anonymous_goes_to_login(client, application, name):
    response = client.get(_url(name, application))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["application_pdf", "certification_pdf"])
def test_pdf_download_of_missing_application_is_404(client, member, name):
    log_in(client, member)

    response = client.get(reverse(f"applications:{name}", kwargs={"pk": 999999}))

    assert response.status_code == 404


def test_pdf_download_refuses_post(client, application, member):
    log_in(client, member)

    response = client.post(_url("application_pdf", application))

    assert response.status_code == 405


def test_pdf_rendering_leaves_pillow_strict_about_truncated_images(application):
    application_pdf(application)

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_pdf_fetcher_refuses_files_outside_fonts_and_media(settings):
    _html, fetcher_class = render._weasyprint()
    fetcher = fetcher_class((render.FONT_DIR, Path(settings.MEDIA_ROOT)))

    with pytest.raises(ValueError, match="Not an allowed file"):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch("https://example.org/tracker.png")
    assert fetcher.fetch(render.font_urls()["regular"]).url.startswith("file:")
