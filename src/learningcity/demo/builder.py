"""The demo data: a practice edition open now, people for every role, organisations.

Every function is idempotent: running the demo again updates rows in place and never
duplicates them. The practice edition's dates are re-anchored on "now" at every run, so
registration and submission are always open in the demo.
"""

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from learningcity.accounts.enums import MembershipRole, OrganisationKind, Role
from learningcity.accounts.models import Membership, Organisation, User
from learningcity.applications import services as applications
from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration
from learningcity.editions.enums import PhaseKind
from learningcity.editions.loading import copy_edition
from learningcity.editions.models import Edition, Phase
from learningcity.registry.models import LocalGovernment
from learningcity.thai.formatting import be_year

DEMO_EDITION_NUMBER = 99
DEMO_PASSWORD = "demo-2569"  # noqa: S105 - printed on purpose: these are public demo logins
DOMAIN = "demo.learningcity.in.th"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    role: str
    what: str
    is_staff: bool = False


@dataclass(frozen=True)
class DemoOrganisation:
    dla_code: str
    name: str
    kind: str
    coordinator: str
    head: str
    # The demo registration of this organisation in the practice edition, if any:
    # (category code, population, status).
    entry: tuple[str, int, str] | None = None


PEOPLE = [
    DemoPerson(
        f"secretariat@{DOMAIN}",
        "นางสาวมารศรี ทดลองระบบ",
        Role.SECRETARIAT,
        "ฝ่ายเลขานุการ (ผู้ดูแลระบบ)",
        is_staff=True,
    ),
    DemoPerson(
        f"judge1@{DOMAIN}", "รองศาสตราจารย์ ดร.สมศักดิ์ ผู้ทรงคุณวุฒิ", Role.JUDGE, "กรรมการ (ประธาน)"
    ),
    DemoPerson(f"judge2@{DOMAIN}", "ดร.วิภาวดี การเรียนรู้", Role.JUDGE, "กรรมการ"),
    DemoPerson(f"judge3@{DOMAIN}", "นายธนพล เมืองเรียนรู้", Role.JUDGE, "กรรมการ"),
]

ORGANISATIONS = [
    DemoOrganisation(
        "5810401",
        "เทศบาลตำบลคลองท่อมใต้",
        OrganisationKind.LOCAL_GOVERNMENT,
        "khlongthomtai",
        "นายกเทศมนตรีตำบลคลองท่อมใต้",
        entry=("YOUTH", 12480, RegistrationStatus.APPROVED),
    ),
    DemoOrganisation(
        "5560103",
        "เทศบาลตำบลแม่กา",
        OrganisationKind.LOCAL_GOVERNMENT,
        "maeka",
        "นายกเทศมนตรีตำบลแม่กา",
        entry=("EQUITY", 9310, RegistrationStatus.SUBMITTED),
    ),
    DemoOrganisation(
        "5630403",
        "เทศบาลตำบลแม่ระมาด",
        OrganisationKind.LOCAL_GOVERNMENT,
        "maeramat",
        "นายกเทศมนตรีตำบลแม่ระมาด",
        entry=("YOUTH", 6120, RegistrationStatus.REJECTED),
    ),
    DemoOrganisation(
        "5550501",
        "เทศบาลตำบลปัว",
        OrganisationKind.LOCAL_GOVERNMENT,
        "pua",
        "นายกเทศมนตรีตำบลปัว",
        entry=("EQUITY", 7845, RegistrationStatus.APPROVED),
    ),
    DemoOrganisation(
        "6302503",
        "องค์การบริหารส่วนตำบลวังน้ำเขียว",
        OrganisationKind.LOCAL_GOVERNMENT,
        "wangnamkhiao",
        "นายกองค์การบริหารส่วนตำบลวังน้ำเขียว",
    ),
    DemoOrganisation(
        "5630603",
        "มูลนิธิเด็กรักษ์ถิ่นแม่กุ",
        OrganisationKind.OTHER,
        "maeku-foundation",
        "นายกเทศมนตรีตำบลแม่กุ",
    ),
]


def demo_phases(now: dt.datetime) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    """Phase dates around ``now``: registration and submission open, training just held."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)

    def day(offset: int) -> dt.datetime:
        return today + dt.timedelta(days=offset)

    def end(offset: int) -> dt.datetime:
        return day(offset) + dt.timedelta(hours=23, minutes=59, seconds=59)

    return {
        PhaseKind.REGISTRATION: (day(-20), end(10)),
        PhaseKind.TRAINING: (day(-6), end(-4)),
        PhaseKind.SUBMISSION: (day(-14), end(21)),
        PhaseKind.PRESENTATION: (day(28), end(28)),
        PhaseKind.JUDGING: (day(29), end(42)),
        PhaseKind.CEREMONY: (day(45), end(45)),
    }


def ensure_demo_edition(source: Edition, now: dt.datetime | None = None) -> Edition:
    """The practice edition, copied from ``source`` once, its dates re-anchored on ``now``."""
    now = now or timezone.now()
    phases = demo_phases(now)
    year_be = be_year(now)
    edition = Edition.objects.filter(number=DEMO_EDITION_NUMBER).first()
    if edition is None:
        return copy_edition(
            source,
            number=DEMO_EDITION_NUMBER,
            year_be=year_be,
            title_th="รางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น — รอบสาธิต (ทดลองใช้งาน)",
            title_en="Local Learning City Award — practice edition",
            phases=phases,
            is_demo=True,
        )
    with transaction.atomic():
        for kind, (start, end) in phases.items():
            Phase.objects.update_or_create(
                edition=edition, kind=kind, defaults={"starts_at": start, "ends_at": end}
            )
    return edition


@cache
def _demo_password_hash() -> str:
    # One hash for every demo login: hashing is deliberately slow, and these are public.
    return make_password(DEMO_PASSWORD)


def _person(email: str, full_name: str, role: str, *, is_staff: bool = False) -> User:
    user, _created = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "role": role,
            "is_staff": is_staff,
            "is_superuser": is_staff,
            "is_active": True,
        },
    )
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
    user.password = _demo_password_hash()
    user.save()
    return user


def ensure_people() -> list[tuple[DemoPerson, User]]:
    return [(p, _person(p.email, p.full_name, p.role, is_staff=p.is_staff)) for p in PEOPLE]


def ensure_organisations() -> list[tuple[Organisation, User, User]]:
    """Each demo organisation with a coordinator and the head of its local government."""
    result = []
    for spec in ORGANISATIONS:
        local_government = LocalGovernment.objects.get(dla_code=spec.dla_code)
        organisation, _created = Organisation.objects.update_or_create(
            name=spec.name,
            local_government=local_government,
            defaults={"kind": spec.kind},
        )
        coordinator = _person(
            f"{spec.coordinator}@{DOMAIN}", f"ผู้ประสานงาน {spec.name}", Role.APPLICANT
        )
        head = _person(f"{spec.coordinator}-head@{DOMAIN}", spec.head, Role.APPLICANT)
        for user, role in ((coordinator, MembershipRole.COORDINATOR), (head, MembershipRole.HEAD)):
            Membership.objects.update_or_create(
                user=user, organisation=organisation, defaults={"role": role}
            )
        result.append((organisation, coordinator, head))
    return result


def ensure_registrations(
    edition: Edition, organisations: list[tuple[Organisation, User, User]], secretariat: User
) -> list[Registration]:
    """Registrations of the demo organisations in the practice edition, at several stages.

    They are made through the same services as a real applicant's, so they obey every rule.
    """
    specs = {spec.name: spec for spec in ORGANISATIONS}
    made = []
    for organisation, coordinator, head in organisations:
        spec = specs[organisation.name]
        if spec.entry is None:
            continue
        code, population, status = spec.entry
        registration = Registration.objects.filter(
            edition=edition, local_government=organisation.local_government
        ).first()
        if registration is None:
            registration = applications.register_area(
                user=coordinator,
                organisation=organisation,
                edition=edition,
                category=edition.categories.get(code=code),
                population=population,
                population_source="ทะเบียนราษฎร กรมการปกครอง",
                population_year_be=edition.year_be - 1,
                head_name=head.full_name,
                head_position=spec.head,
                coordinator_name=coordinator.full_name,
                coordinator_phone="081-234-5678",
                coordinator_email=coordinator.email,
                representatives=[
                    applications.RepresentativeDetails(
                        full_name=f"ตัวแทนคนที่ {slot} {organisation.name}",
                        position="นักวิชาการศึกษา",
                        phone=f"08{slot}-000-000{slot}",
                    )
                    for slot in (1, 2)
                ],
            )
        if registration.status != status:
            registration = applications.set_registration_status(
                registration,
                status,
                actor=secretariat,
                reason=""
                if status != RegistrationStatus.REJECTED
                else "ประชากรไม่ถึงเกณฑ์ตามเอกสารที่แนบ",
            )
        made.append(registration)
    return made


@dataclass
class DemoContext:
    """What the base demo made, handed to each app's own demo step."""

    source: Edition
    practice: Edition
    people: list[tuple[DemoPerson, User]]
    organisations: list[tuple[Organisation, User, User]]
    registrations: list[Registration]
    secretariat: User
    say: Callable[[str], None] = print
    # Lines an app step wants printed in the demo's summary.
    summary: list[str] = field(default_factory=list)

    def person(self, email_prefix: str) -> User:
        return next(user for _p, user in self.people if user.email.startswith(email_prefix + "@"))


def app_demo_steps() -> list[Callable[[DemoContext], None]]:
    """``build(context)`` of every installed app that has a ``demo`` module, in app order."""
    steps = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        ours = config.name.startswith("learningcity.") and config.name != "learningcity.demo"
        if ours and importlib.util.find_spec(name) is not None:
            steps.append(importlib.import_module(name).build)
    return steps
