"""Factories of the applications app: registrations and their representatives."""

import datetime as dt
import functools
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from learningcity.accounts.enums import MembershipRole
from learningcity.applications import services
from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration, Representative
from learningcity.applications.services import (
    RepresentativeDetails,
    get_or_start_application,
    signed_page,
)
from learningcity.attachments.services import store_attachment
from learningcity.editions.enums import DocumentKind, PhaseKind
from learningcity.editions.models import Criterion, Edition
from tests.attachments.corpus import jpeg_bytes, pdf_bytes
from tests.factories import (
    EditionFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    bangkok,
)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    local_government = factory.LazyAttribute(lambda o: o.organisation.local_government)
    category = factory.LazyAttribute(lambda o: o.edition.categories.get(code="YOUTH"))
    population = 6200
    population_source = "ทะเบียนราษฎร กรมการปกครอง"
    population_year_be = 2568
    head_name = "นายสมศักดิ์ ใจดี"
    head_position = "นายกองค์การบริหารส่วนตำบล"
    coordinator_name = "นางสาวสมหญิง ประสานงาน"
    coordinator_phone = "081 234 5678"
    coordinator_email = "coordinator@example.org"
    status = RegistrationStatus.SUBMITTED
    created_by = factory.SubFactory(UserFactory)


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    registration = factory.SubFactory(RegistrationFactory)
    slot = 1
    full_name = factory.Sequence(lambda n: f"ตัวแทน ที่{n}")
    position = "นักวิชาการศึกษา"
    phone = "089 000 0000"
    email = factory.Sequence(lambda n: f"rep{n}@example.org")


def two_representatives() -> list[RepresentativeDetails]:
    return [
        RepresentativeDetails("นายหนึ่ง ตัวแทน", "นักวิชาการศึกษา", "081 111 1111", "one@example.org"),
        RepresentativeDetails("นางสองร ตัวแทน", "ครู", "081 222 2222", "two@example.org"),
    ]


def open_registration_now(edition: Edition) -> Edition:
    """Move the edition's registration window around the present moment."""
    now = timezone.now()
    edition.phases.filter(kind=PhaseKind.REGISTRATION).update(
        starts_at=now - dt.timedelta(days=3), ends_at=now + dt.timedelta(days=3)
    )
    return edition


# Inside edition 1's submission phase (1 June – 31 July 2026, Bangkok).
IN_SUBMISSION = bangkok(2026, 6, 15, 10, 0)


def open_submission_now(edition: Edition) -> Edition:
    """Move the edition's submission window around the present moment."""
    now = timezone.now()
    edition.phases.filter(kind=PhaseKind.SUBMISSION).update(
        starts_at=now - dt.timedelta(days=3), ends_at=now + dt.timedelta(days=3)
    )
    return edition


def started_application(registration=None, **registration_kwargs):
    """The application of ``registration`` (a new one if none), with an answer per criterion."""
    return get_or_start_application(registration or RegistrationFactory(**registration_kwargs))


def edition_with_sections(*sections: str) -> Edition:
    """An edition-1-shaped edition whose criteria are replaced by one per section given."""
    edition = EditionFactory()
    edition.criteria.all().delete()
    for number, section in enumerate(sections, start=1):
        Criterion.objects.create(
            edition=edition,
            number=number,
            title_th=f"ข้อ {number}",
            short_title_th=f"ข้อ {number}",
            guidance_th=f"คำแนะนำข้อ {number}",
            max_points=10,
            section=section,
        )
    return edition


# A complete application (steps 2–4) -------------------------------------------------------

ROWS = {
    "indicator": {
        "beneficiary_group": "เด็กอายุ 6–12 ปี",
        "baseline": Decimal("40"),
        "result": Decimal("62.5"),
        "unit": "ร้อยละ",
        "method": "แบบทดสอบการอ่าน",
        "period": "ปี 2568",
    },
    "learningplace": {"name": "ห้องสมุดตำบล", "place_type": "ห้องสมุด", "serves": "เด็ก"},
    "partner": {"name": "โรงเรียนบ้านคลองท่อม", "sector": "education", "contribution": "ครูอาสา"},
    "workinggroupmember": {"name": "นายสมศักดิ์ ใจดี", "role": "ประธาน"},
    "meeting": {"held_on": dt.date(2026, 5, 2), "attendance": 18, "note": "วางแผน"},
    "casestudy": {
        "alias": "น้องเอ",
        "age_group": "youth",
        "before": "ไม่มีรายได้",
        "after": "มีรายได้",
        "consent_to_publish": True,
    },
}


@functools.cache
def photo_jpeg() -> bytes:
    """A 1920 × 1080 JPEG, the size edition 1 asks for, made with Pillow."""
    return jpeg_bytes((1920, 1080))


def answer_everything(application, user, at=IN_SUBMISSION) -> None:
    """Write every criterion's narrative, one row of each kind it takes, and the evidence tick."""
    for answer in services.answers_with_rows(application):
        rows = {
            model.kind(): [ROWS[model.kind()]] for model in services.row_models(answer.criterion)
        }
        services.save_section(
            application=application,
            criterion=answer.criterion,
            user=user,
            narrative=f"คำตอบเกณฑ์ที่ {answer.criterion.number}",
            evidence_confirmed=True,
            rows=rows,
            base_version=answer.version,
            at=at,
        )


def attach_everything(application, user, *, photos=10, at=IN_SUBMISSION) -> None:
    """The map, ``photos`` captioned photos and the presentation, through the attachment rules."""
    store_attachment(
        application=application,
        kind=DocumentKind.MAP,
        slot=1,
        upload=SimpleUploadedFile("map.pdf", pdf_bytes()),
        user=user,
        at=at,
    )
    for slot in range(1, photos + 1):
        store_attachment(
            application=application,
            kind=DocumentKind.PHOTOS,
            slot=slot,
            upload=SimpleUploadedFile(f"photo{slot}.jpg", photo_jpeg()),
            caption=f"กิจกรรมที่ {slot}",
            user=user,
            at=at,
        )
    store_attachment(
        application=application,
        kind=DocumentKind.PRESENTATION,
        slot=1,
        upload=SimpleUploadedFile("slides.pdf", pdf_bytes(b"/Lang (th)")),
        user=user,
        at=at,
    )


def complete_application(*, certify=True, **registration_kwargs):
    """A registration's application that lacks nothing for submission: answers and rows, the
    map, ten captioned photos, the presentation, and (unless ``certify`` is false) a signed
    certification page. Returns the application and its coordinator."""
    registration = RegistrationFactory(**registration_kwargs)
    coordinator = MembershipFactory(
        organisation=registration.organisation, role=MembershipRole.COORDINATOR
    ).user
    application = started_application(registration)
    train_representatives(registration)
    answer_everything(application, coordinator)
    attach_everything(application, coordinator)
    if certify:
        services.certify_by_upload(
            application,
            coordinator,
            SimpleUploadedFile("signed.pdf", signed_page.page_with_code(application)),
            at=IN_SUBMISSION,
        )
    return application, coordinator


def train_representatives(registration, count=None):
    """Name the area's representatives if it has none, and check ``count`` of them (all by
    default) in at a training session of the edition, so the training gate is passed."""
    from learningcity.accounts.enums import Role
    from learningcity.events import services as events
    from learningcity.events.models import TrainingSession

    required = registration.edition.representatives_required
    for slot in range(registration.representatives.count() + 1, required + 1):
        RepresentativeFactory(registration=registration, slot=slot)
    session = TrainingSession.objects.filter(edition=registration.edition).first()
    secretariat = UserFactory(role=Role.SECRETARIAT)
    if session is None:
        session = events.create_session(
            registration.edition,
            secretariat,
            title="อบรมหลักสูตรนักจัดการเมืองแห่งการเรียนรู้",
            starts_at=bangkok(2026, 6, 19, 9, 0),
            ends_at=bangkok(2026, 6, 19, 16, 0),
            place="TK Park",
        )
    representatives = list(registration.representatives.order_by("slot"))
    for representative in representatives[: required if count is None else count]:
        events.check_in(session, representative, secretariat, at=bangkok(2026, 6, 19, 9, 0))
    return session
