"""Factories of the events app: sessions, and areas ready to present."""

import factory

from learningcity.accounts.enums import MembershipRole, Role
from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.events.models import TrainingSession
from tests.applications.factories import (
    RegistrationFactory,
    RepresentativeFactory,
    started_application,
)
from tests.factories import EditionFactory, MembershipFactory, UserFactory, bangkok


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"อบรมรุ่นที่ {n}")
    starts_at = bangkok(2026, 6, 19, 9, 0)
    ends_at = bangkok(2026, 6, 19, 16, 0)
    place = "TK Park"


def secretariat():
    return UserFactory(role=Role.SECRETARIAT)


def area(edition, *, code="YOUTH", status=RegistrationStatus.SUBMITTED, representatives=2):
    """A registration of a new area in ``edition`` with its named representatives."""
    registration = RegistrationFactory(
        edition=edition, category=edition.categories.get(code=code), status=status
    )
    for slot in range(1, representatives + 1):
        RepresentativeFactory(registration=registration, slot=slot)
    return registration


def presenting_area(edition, reference, *, code="YOUTH", status=RegistrationStatus.APPROVED):
    """An area whose application is submitted with ``reference`` (set directly: the
    submission rules are tested in the applications app)."""
    registration = area(edition, code=code, status=status)
    application = started_application(registration)
    application.status = ApplicationStatus.SUBMITTED
    application.reference = reference
    application.submitted_at = bangkok(2026, 7, 1, 10, 0)
    application.save()
    return registration


def coordinator_of(registration):
    return MembershipFactory(
        organisation=registration.organisation, role=MembershipRole.COORDINATOR
    ).user
