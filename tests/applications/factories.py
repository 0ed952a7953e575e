"""Factories of the applications app: registrations and their representatives."""

import datetime as dt

import factory
from django.utils import timezone

from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration, Representative
from learningcity.applications.services import RepresentativeDetails, get_or_start_application
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Criterion, Edition
from tests.factories import EditionFactory, OrganisationFactory, UserFactory, bangkok


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
