"""Factories shared by the whole suite: people, organisations, the registry, editions."""

import datetime as dt
import zoneinfo

import factory
from django.utils import timezone

from learningcity.accounts.enums import MembershipRole, OrganisationKind, Role
from learningcity.accounts.models import Membership, Organisation, User
from learningcity.editions.enums import AnswerSection, DocumentKind, PhaseKind
from learningcity.editions.models import (
    AwardCategory,
    Criterion,
    Edition,
    Phase,
    RequiredDocument,
)
from learningcity.registry.enums import LocalGovernmentType
from learningcity.registry.models import LocalGovernment, Province

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"สมชาย ทดสอบ{n}")
    role = Role.APPLICANT
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password(PASSWORD)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "81"
    name_th = "กระบี่"
    name_en = "Krabi"


class LocalGovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGovernment

    dla_code = factory.Sequence(lambda n: f"6{n:06d}")
    type = LocalGovernmentType.SUBDISTRICT_ADMIN_ORG
    name_th = factory.Sequence(lambda n: f"ทดสอบ{n}")
    full_name_th = factory.LazyAttribute(lambda o: f"องค์การบริหารส่วนตำบล{o.name_th}")
    province = factory.SubFactory(ProvinceFactory)
    district_th = "คลองท่อม"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"องค์กรทดสอบ {n}")
    kind = OrganisationKind.LOCAL_GOVERNMENT
    local_government = factory.SubFactory(LocalGovernmentFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.COORDINATOR


def bangkok(year: int, month: int, day: int, hour=0, minute=0, second=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=BANGKOK)


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition shaped like edition 1: two categories, six criteria (100 points), 3 documents."""

    class Meta:
        model = Edition
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: 100 + n)
    year_be = 2569
    title_th = factory.LazyAttribute(lambda o: f"รางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น ครั้งที่ {o.number}")
    title_en = factory.LazyAttribute(lambda o: f"Local Learning City Award {o.number}")
    is_published = True

    @factory.post_generation
    def full(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        phases = [
            (PhaseKind.REGISTRATION, bangkok(2026, 5, 5), bangkok(2026, 5, 29, 23, 59, 59)),
            (PhaseKind.SUBMISSION, bangkok(2026, 6, 1), bangkok(2026, 7, 31, 23, 59, 59)),
            (PhaseKind.TRAINING, bangkok(2026, 6, 19), bangkok(2026, 6, 21, 23, 59, 59)),
            (PhaseKind.PRESENTATION, bangkok(2026, 8, 17), bangkok(2026, 8, 17, 23, 59, 59)),
            (PhaseKind.JUDGING, bangkok(2026, 8, 18), bangkok(2026, 8, 31, 23, 59, 59)),
            (PhaseKind.CEREMONY, bangkok(2026, 9, 1), bangkok(2026, 9, 1, 23, 59, 59)),
        ]
        for kind, start, end in phases:
            Phase.objects.create(edition=self, kind=kind, starts_at=start, ends_at=end)
        AwardCategory.objects.create(
            edition=self,
            code="YOUTH",
            order=1,
            name_th="เมืองสำหรับเด็กและเยาวชน",
            name_en="Learning City for YOUTH",
            sdgs=[4, 10, 13],
        )
        AwardCategory.objects.create(
            edition=self,
            code="EQUITY",
            order=2,
            name_th="เมืองลดความเหลื่อมล้ำ",
            name_en="Learning City for EQUITY",
            sdgs=[1, 4, 5, 10, 11],
        )
        sections = [
            AnswerSection.NARRATIVE,
            AnswerSection.INDICATORS,
            AnswerSection.LEARNING_PLACES,
            AnswerSection.PARTNERS,
            AnswerSection.WORKING_GROUP,
            AnswerSection.CASE_STUDIES,
        ]
        for number, (points, section) in enumerate(
            zip([15, 20, 20, 15, 15, 15], sections, strict=True), start=1
        ):
            Criterion.objects.create(
                edition=self,
                number=number,
                title_th=f"เกณฑ์ที่ {number}",
                short_title_th=f"เกณฑ์ที่ {number}",
                max_points=points,
                section=section,
            )
        RequiredDocument.objects.create(
            edition=self,
            kind=DocumentKind.MAP,
            order=1,
            title_th="แผนที่เมือง",
            max_bytes=10 * 1024 * 1024,
            content_types=["image/jpeg", "image/png", "application/pdf"],
        )
        RequiredDocument.objects.create(
            edition=self,
            kind=DocumentKind.PHOTOS,
            order=2,
            title_th="ภาพประกอบ 10 ภาพ",
            min_count=10,
            max_count=10,
            width_px=1920,
            height_px=1080,
            max_bytes=5 * 1024 * 1024,
            content_types=["image/jpeg", "image/png"],
            caption_required=True,
        )
        RequiredDocument.objects.create(
            edition=self,
            kind=DocumentKind.PRESENTATION,
            order=3,
            title_th="ไฟล์นำเสนอ",
            max_bytes=50 * 1024 * 1024,
            content_types=["application/pdf"],
        )


def second_factor_device(user):
    """A confirmed TOTP device for a judge or the secretariat (django-otp)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="ทดสอบ", defaults={"confirmed": True}
    )
    return device


def current_code(device) -> str:
    """The TOTP code a person's authenticator app shows now for ``device``."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def log_in(client, user):
    """Log ``user`` in on a test client; judges and the secretariat with a verified second
    factor."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    if user.is_superuser or user.role in (Role.JUDGE, Role.SECRETARIAT):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = second_factor_device(user).persistent_id
        session.save()
    return client
