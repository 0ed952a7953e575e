"""The database itself refuses what must never happen, whatever code writes the rows."""

import pytest
from django.db import IntegrityError, transaction

from learningcity.judging.enums import ReviewStatus
from learningcity.judging.models import Assignment, Conflict, Judge, Review, Score
from tests.factories import OrganisationFactory, ProvinceFactory

from .factories import AssignmentFactory, JudgeFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def _refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_judge_twice_in_one_edition_refused(edition):
    judge = JudgeFactory(edition=edition)
    _refused(lambda: Judge.objects.create(edition=edition, user=judge.user))


def test_judge_second_chair_refused(edition):
    JudgeFactory(edition=edition, is_chair=True)
    JudgeFactory(edition=edition, is_chair=False)
    _refused(lambda: JudgeFactory(edition=edition, is_chair=True))


def test_conflict_with_two_objects_refused(edition):
    judge = JudgeFactory(edition=edition)
    organisation = OrganisationFactory()
    _refused(
        lambda: Conflict.objects.create(
            judge=judge,
            organisation=organisation,
            province=ProvinceFactory(),
            declared_by=judge.user,
            reason="x",
        )
    )


def test_conflict_with_no_object_refused(edition):
    judge = JudgeFactory(edition=edition)
    _refused(lambda: Conflict.objects.create(judge=judge, declared_by=judge.user, reason="x"))


def test_assignment_twice_refused(edition):
    assignment = AssignmentFactory(judge__edition=edition)
    _refused(
        lambda: Assignment.objects.create(
            judge=assignment.judge, application=assignment.application
        )
    )


def test_review_submitted_without_time_refused(edition):
    assignment = AssignmentFactory(judge__edition=edition)
    _refused(lambda: Review.objects.create(assignment=assignment, status=ReviewStatus.SUBMITTED))


def test_review_unknown_status_refused(edition):
    assignment = AssignmentFactory(judge__edition=edition)
    _refused(lambda: Review.objects.create(assignment=assignment, status="lost"))


def test_score_above_max_refused(edition):
    review = ReviewFactory(assignment__judge__edition=edition)
    criterion = edition.criteria.get(number=1)
    _refused(
        lambda: Score.objects.create(
            review=review, criterion=criterion, half_points=31, max_points=15
        )
    )


def test_score_at_max_and_half_point_stored(edition):
    review = ReviewFactory(assignment__judge__edition=edition)
    criterion = edition.criteria.get(number=1)
    score = Score.objects.create(review=review, criterion=criterion, half_points=15, max_points=15)
    assert str(score.points) == "7.5"


def test_score_twice_per_criterion_refused(edition):
    review = ReviewFactory(assignment__judge__edition=edition)
    criterion = edition.criteria.get(number=1)
    Score.objects.create(review=review, criterion=criterion, half_points=2, max_points=15)
    _refused(
        lambda: Score.objects.create(
            review=review, criterion=criterion, half_points=4, max_points=15
        )
    )


def test_score_negative_refused(edition):
    review = ReviewFactory(assignment__judge__edition=edition)
    criterion = edition.criteria.get(number=1)
    _refused(
        lambda: Score.objects.create(
            review=review, criterion=criterion, half_points=-1, max_points=15
        )
    )
