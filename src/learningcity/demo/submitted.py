"""Complete, certified, submitted applications for demos and benchmarks.

Everything goes through the applicant's real services (register, answer, attach, certify,
submit) at moments inside the edition's own phases, so the applications obey every rule.
Idempotent: an area that already has a submitted application in the edition is left alone.
"""

import datetime as dt
import functools
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from learningcity.accounts.enums import MembershipRole, OrganisationKind, Role
from learningcity.accounts.models import Membership, Organisation, User
from learningcity.applications import services as applications
from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.applications.models import Application, Registration
from learningcity.applications.services import signed_page
from learningcity.attachments.services import store_attachment
from learningcity.demo.builder import DOMAIN, _person
from learningcity.editions.enums import DocumentKind, PhaseKind
from learningcity.editions.models import Edition
from learningcity.events.services import record_demo_training
from learningcity.registry.models import LocalGovernment

# Photo palettes (sky, ground, sun); one JPEG per palette is drawn once and reused.
PALETTES = [
    ((135, 190, 230), (90, 150, 70), (250, 210, 80)),
    ((240, 180, 130), (150, 110, 70), (255, 240, 200)),
    ((170, 210, 200), (60, 120, 110), (255, 255, 255)),
]

CAPTIONS = [
    "เด็กและเยาวชนอ่านหนังสือที่ห้องสมุดตำบล",
    "ลานกิจกรรมวันเสาร์ของเยาวชน",
    "ผู้สูงอายุสอนทำขนมไทยให้เด็ก",
    "ศูนย์เรียนรู้เกษตรอินทรีย์ชุมชน",
    "ค่ายภาษาอังกฤษช่วงปิดภาคเรียน",
    "เวทีประชาคมวางแผนการเรียนรู้",
    "ตลาดนัดความรู้ของกลุ่มอาชีพ",
    "พิพิธภัณฑ์ท้องถิ่นต้อนรับนักเรียน",
    "อาสาสมัครสอนการบ้านยามเย็น",
    "กิจกรรมปลูกป่าชายเลนร่วมกับโรงเรียน",
]

NARRATIVES = [
    "{name} วางนโยบายให้การเรียนรู้ตลอดชีวิตเป็นวาระของท้องถิ่น มีแผนพัฒนาสามปีและงบประมาณรองรับ",
    "คณะทำงานจากหลายภาคส่วนประชุมทุกเดือน ติดตามผลด้วยตัวชี้วัดที่ตกลงร่วมกัน",
    "เด็กและเยาวชนเข้าถึงแหล่งเรียนรู้ได้ใกล้บ้าน ห้องสมุดเปิดถึงสองทุ่มและไม่มีค่าใช้จ่าย",
    "ภาคีเครือข่ายทั้งโรงเรียน วัด และภาคเอกชนร่วมจัดกิจกรรมและสนับสนุนงบประมาณ",
    "ผลลัพธ์วัดได้จากคะแนนการอ่านที่สูงขึ้นและจำนวนผู้ใช้แหล่งเรียนรู้ที่เพิ่มขึ้นทุกปี",
    "แผนต่อยอดคือขยายศูนย์เรียนรู้ไปทุกหมู่บ้านและสร้างเยาวชนแกนนำรุ่นต่อไป",
]


def _rows(criterion_number: int, name: str) -> dict[str, dict]:
    return {
        "indicator": {
            "beneficiary_group": "เด็กอายุ 6–12 ปี",
            "baseline": Decimal("40"),
            "result": Decimal(55 + criterion_number),
            "unit": "ร้อยละ",
            "method": "แบบทดสอบการอ่าน",
            "period": "ปี 2568",
        },
        "learningplace": {
            "name": f"ห้องสมุดประชาชน{name}",
            "place_type": "ห้องสมุด",
            "address": f"หมู่ 1 {name}",
            "serves": "เด็ก เยาวชน และผู้สูงอายุ",
            "opening_hours": "08:30–20:00",
            "cost": "ไม่มีค่าใช้จ่าย",
        },
        "partner": {
            "name": "โรงเรียนประจำตำบล",
            "sector": "education",
            "contribution": "ครูอาสาและสถานที่",
        },
        "workinggroupmember": {"name": "นายสมชาย รักถิ่น", "role": "ประธานคณะทำงาน"},
        "meeting": {"held_on": dt.date(2026, 5, 2), "attendance": 18, "note": "วางแผนประจำปี"},
        "casestudy": {
            "alias": "น้องเอ",
            "age_group": "youth",
            "before": "ไม่ได้เรียนต่อและไม่มีรายได้",
            "after": "เป็นวิทยากรเยาวชนและมีรายได้จากงานฝีมือ",
            "consent_to_publish": True,
        },
    }


@functools.cache
def photo_jpeg(palette: int = 0) -> bytes:
    """A 1920 × 1080 landscape JPEG drawn with Pillow (made once per palette)."""
    sky, ground, sun = PALETTES[palette % len(PALETTES)]
    image = Image.new("RGB", (1920, 1080), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 700, 1920, 1080), fill=ground)
    draw.ellipse((1450, 120, 1690, 360), fill=sun)
    for left in range(100, 1800, 360):
        draw.polygon([(left, 700), (left + 160, 430), (left + 320, 700)], fill=ground)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def minimal_pdf(catalog_extra: bytes = b"", *, objects: tuple[bytes, ...] = ()) -> bytes:
    """A minimal one-page PDF with a correct cross-reference table (``objects`` are added
    after the page, numbered from 4)."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


@functools.cache
def tiny_pdf(marker: bytes = b"") -> bytes:
    """The demo's map, presentation and signed page: a one-page PDF in Thai."""
    return minimal_pdf(b"/Lang (th) " + marker)


def _inside(edition: Edition, kind: str) -> dt.datetime:
    """Now if the phase is open, else a moment just inside it."""
    phase = edition.phases.get(kind=kind)
    now = timezone.now()
    if phase.starts_at <= now <= phase.ends_at:
        return now
    if now < phase.starts_at:
        return phase.starts_at + dt.timedelta(minutes=1)
    return phase.ends_at - dt.timedelta(minutes=1)


def _area(item) -> tuple[Organisation, User, str]:
    """The organisation, its coordinator and the head's name, from an organisation, a local
    government (an organisation is made for it) or a (organisation, coordinator, head) tuple."""
    if isinstance(item, tuple):
        organisation, coordinator, head = item
        return organisation, coordinator, head.full_name
    if isinstance(item, LocalGovernment):
        organisation, _created = Organisation.objects.get_or_create(
            name=item.full_name_th,
            local_government=item,
            defaults={"kind": OrganisationKind.LOCAL_GOVERNMENT},
        )
    else:
        organisation = item
    membership = (
        Membership.objects.filter(organisation=organisation, role=MembershipRole.COORDINATOR)
        .select_related("user")
        .first()
    )
    if membership is not None:
        return organisation, membership.user, f"นายก{organisation.local_government.name_th}"
    code = organisation.local_government.dla_code
    # A demo login like every other (same public demo password), made by the base demo.
    coordinator = _person(
        f"coordinator-{code}@{DOMAIN}", f"ผู้ประสานงาน {organisation.name}", Role.APPLICANT
    )
    Membership.objects.update_or_create(
        user=coordinator, organisation=organisation, defaults={"role": MembershipRole.COORDINATOR}
    )
    return organisation, coordinator, f"นายก{organisation.local_government.name_th}"


def _registration(edition, organisation, coordinator, head_name, category, secretariat):
    registration = Registration.objects.filter(
        edition=edition, local_government=organisation.local_government
    ).first()
    if registration is None:
        registration = applications.register_area(
            user=coordinator,
            organisation=organisation,
            edition=edition,
            category=category,
            population=max(edition.min_population, 8000),
            population_source="ทะเบียนราษฎร กรมการปกครอง",
            population_year_be=edition.year_be - 1,
            head_name=head_name,
            head_position=f"นายก{organisation.local_government.name_th}",
            coordinator_name=coordinator.full_name,
            coordinator_phone="081-234-5678",
            coordinator_email=coordinator.email,
            representatives=[
                applications.RepresentativeDetails(
                    full_name=f"ตัวแทนคนที่ {slot} {organisation.name}",
                    position="นักวิชาการศึกษา",
                    phone=f"08{slot}-000-000{slot}",
                )
                for slot in range(1, edition.representatives_required + 1)
            ],
            at=_inside(edition, PhaseKind.REGISTRATION),
        )
    if registration.status == RegistrationStatus.SUBMITTED:
        registration = applications.set_registration_status(
            registration, RegistrationStatus.APPROVED, actor=secretariat
        )
    return registration


def _fill(application: Application, user: User, at: dt.datetime, index: int) -> None:
    name = application.registration.local_government.name_th
    for answer in applications.answers_with_rows(application):
        number = answer.criterion.number
        rows = {
            model.kind(): [_rows(number, name)[model.kind()]]
            for model in applications.row_models(answer.criterion)
        }
        applications.save_section(
            application=application,
            criterion=answer.criterion,
            user=user,
            narrative=NARRATIVES[(number - 1) % len(NARRATIVES)].format(name=name),
            evidence_confirmed=True,
            rows=rows,
            base_version=answer.version,
            at=at,
        )
    criteria = list(application.registration.edition.criteria.order_by("number"))
    documents = {d.kind: d for d in application.registration.edition.documents.all()}
    for kind, document in documents.items():
        for slot in range(1, document.min_count + 1):
            if kind == DocumentKind.PHOTOS:
                upload = SimpleUploadedFile(f"photo{slot}.jpg", photo_jpeg(index + slot))
                caption = CAPTIONS[(slot - 1) % len(CAPTIONS)]
                # Each photo is evidence for one criterion, in turn.
                evidence = [criteria[(slot - 1) % len(criteria)]] if criteria else []
            else:
                upload = SimpleUploadedFile(f"{kind}.pdf", tiny_pdf())
                caption, evidence = "", []
            store_attachment(
                application=application,
                kind=kind,
                slot=slot,
                upload=upload,
                caption=caption,
                user=user,
                criteria=evidence,
                at=at,
            )


def ensure_submitted_applications(
    edition: Edition, organisations_or_lgs, secretariat: User, count: int
) -> list[Application]:
    """Up to ``count`` submitted applications of the given areas in ``edition``, alternating
    over its categories; areas already submitted are kept as they are."""
    categories = list(edition.categories.order_by("order", "pk"))
    submission_at = _inside(edition, PhaseKind.SUBMISSION)
    made = []
    for index, item in enumerate(list(organisations_or_lgs)[:count]):
        organisation, coordinator, head_name = _area(item)
        category = categories[index % len(categories)]
        registration = _registration(
            edition, organisation, coordinator, head_name, category, secretariat
        )
        application = applications.get_or_start_application(registration)
        if application.status != ApplicationStatus.SUBMITTED:
            record_demo_training(registration, secretariat, submission_at)
            _fill(application, coordinator, submission_at, index)
            applications.certify_by_upload(
                application,
                coordinator,
                SimpleUploadedFile("certification.pdf", signed_page.page_with_code(application)),
                at=submission_at,
            )
            application = applications.submit_application(
                application, coordinator, at=submission_at
            )
        made.append(application)
    return made
