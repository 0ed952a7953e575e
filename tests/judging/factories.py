"""Factories for judging: submitted applications, judges, assignments with reviews."""

import itertools

import factory
from django.utils import timezone

from learningcity.accounts.enums import Role
from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Application
from learningcity.judging.models import Assignment, Judge, Review
from tests.applications.factories import RegistrationFactory
from tests.factories import EditionFactory, UserFactory

_references = itertools.count(1)


class SubmittedApplicationFactory(factory.django.DjangoModelFactory):
    """An application with status SUBMITTED, a reference and a submission time."""

    class Meta:
        model = Application

    registration = factory.SubFactory(RegistrationFactory)
    status = ApplicationStatus.SUBMITTED
    reference = factory.LazyFunction(lambda: f"LCA-T-{next(_references):05d}")
    submitted_at = factory.LazyFunction(timezone.now)


class JudgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Judge

    edition = factory.SubFactory(EditionFactory)
    user = factory.SubFactory(UserFactory, role=Role.JUDGE)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    judge = factory.SubFactory(JudgeFactory)
    application = factory.SubFactory(
        SubmittedApplicationFactory,
        registration__edition=factory.SelfAttribute("...judge.edition"),
    )


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    assignment = factory.SubFactory(AssignmentFactory)


def scored_review(judge, application, points, *, submit=True, at=None):
    """A review by the judge of the application with these points on criteria 1..6, through
    the services (assigned, scored, submitted) inside the judging phase."""
    from learningcity.judging import services
    from tests.factories import bangkok

    at = at or bangkok(2026, 8, 20, 10)
    assignment = services.assign(judge, application, actor=None)
    review = assignment.review
    criteria = list(judge.edition.criteria.order_by("number"))
    for criterion, value in zip(criteria, points, strict=True):
        services.save_score(review, criterion, value, "", judge.user, at=at)
    if submit:
        review = services.submit_review(review, judge.user, at=at)
    return review


def real_submitted_application(edition, **registration_kwargs):
    """A complete application (answers, rows, photos, map, presentation) submitted through
    the applicant's services inside the factory edition's submission phase."""
    from learningcity.applications import services as applications
    from tests.applications.factories import IN_SUBMISSION, complete_application

    application, coordinator = complete_application(edition=edition, **registration_kwargs)
    applications.submit_application(application, coordinator, at=IN_SUBMISSION)
    application.refresh_from_db()
    return application, coordinator
