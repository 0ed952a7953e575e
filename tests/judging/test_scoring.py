"""Scores: who, when, how many points; the history of every change; submitting a review."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from learningcity.audit.models import AuditEntry
from learningcity.judging import services
from learningcity.judging.enums import ReviewStatus
from learningcity.judging.models import ScoreChange
from learningcity.judging.services.drafting import save_overall_comment
from tests.factories import UserFactory, bangkok

from .conftest import DURING_JUDGING
from .factories import scored_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(make_judge, make_application):
    judge = make_judge()
    return services.assign(judge, make_application(), actor=None).review


@pytest.fixture
def first(edition):
    return edition.criteria.get(number=1)  # max 15


def _save(review, criterion, points, at=DURING_JUDGING, comment=""):
    return services.save_score(
        review, criterion, points, comment, review.assignment.judge.user, at=at
    )


@pytest.mark.parametrize("points", ["-0.5", "15.5", "7.3", "abc", "NaN"])
def test_save_score_out_of_range_or_not_half_refused(review, first, points):
    with pytest.raises(ValidationError):
        _save(review, first, points)
    assert not review.scores.exists()


@pytest.mark.parametrize(("points", "stored"), [("7.5", 15), (0, 0), (15, 30), (Decimal("3"), 6)])
def test_save_score_whole_and_half_points_stored(review, first, points, stored):
    assert _save(review, first, points).half_points == stored


@pytest.mark.parametrize(
    ("at", "allowed"),
    [
        (bangkok(2026, 8, 18), True),  # the first second of judging
        (bangkok(2026, 8, 31, 23, 59, 59), True),  # the last second, bounds inclusive
        (bangkok(2026, 9, 1), False),  # one second after the end
        (bangkok(2026, 8, 17, 23, 59, 59), False),  # one second before the start
    ],
)
def test_save_score_only_while_judging_open(review, first, at, allowed):
    if allowed:
        assert _save(review, first, 10, at=at).half_points == 20
    else:
        with pytest.raises(ValidationError):
            _save(review, first, 10, at=at)


@pytest.mark.parametrize(
    ("points", "message"),
    [("7.3", "ครึ่งคะแนน"), ("15.5", "0 ถึง 15"), ("-0.5", "0 ถึง 15")],
)
def test_save_score_refusal_in_thai(review, first, points, message):
    with pytest.raises(ValidationError, match=message):
        _save(review, first, points)


def test_save_score_other_user_denied(review, first):
    with pytest.raises(PermissionDenied):
        services.save_score(review, first, 10, "", UserFactory(), at=DURING_JUDGING)


def test_save_score_criterion_of_other_edition_refused(review):
    from tests.factories import EditionFactory

    other = EditionFactory().criteria.get(number=1)
    with pytest.raises(ValidationError):
        _save(review, other, 1)


def test_save_score_history_old_to_new(review, first):
    _save(review, first, "7.5", comment="ดี")
    _save(review, first, 10, comment="ดีมาก")
    _save(review, first, 10, comment="ดีมาก")  # unchanged: no new history row
    changes = list(
        ScoreChange.objects.order_by("pk").values_list(
            "old_points", "new_points", "old_comment", "new_comment"
        )
    )
    assert changes == [
        (None, Decimal("7.5"), "", "ดี"),
        (Decimal("7.5"), Decimal("10.0"), "ดี", "ดีมาก"),
    ]
    assert AuditEntry.objects.filter(action="judging.score_saved").count() == 2


def test_submit_review_missing_criterion_refused(review, edition):
    for criterion in edition.criteria.exclude(number=6):
        _save(review, criterion, 5)
    with pytest.raises(ValidationError, match="6"):
        services.submit_review(review, review.assignment.judge.user, at=DURING_JUDGING)
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT


def test_submit_review_twice_refused_and_edits_keep_submitted(make_judge, make_application):
    review = scored_review(make_judge(), make_application(), [10, 10, 10, 10, 10, 10])
    assert (review.status, review.submitted_at) == (ReviewStatus.SUBMITTED, DURING_JUDGING)
    user = review.assignment.judge.user
    with pytest.raises(ValidationError, match="ส่งผลการพิจารณานี้ไปแล้ว"):
        services.submit_review(review, user, at=DURING_JUDGING)
    _save(review, review.assignment.judge.edition.criteria.get(number=1), 12)
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED
    assert AuditEntry.objects.filter(action="judging.review_status").count() == 1


def test_submit_review_other_user_denied(review):
    with pytest.raises(PermissionDenied):
        services.submit_review(review, UserFactory(), at=DURING_JUDGING)


def test_submit_review_after_judging_refused(make_judge, make_application):
    review = scored_review(make_judge(), make_application(), [1] * 6, submit=False)
    with pytest.raises(ValidationError):
        services.submit_review(review, review.assignment.judge.user, at=bangkok(2026, 9, 1))


@pytest.mark.parametrize(
    ("hide", "submitted", "sees"),
    [(True, False, False), (True, True, True), (False, False, True), (False, True, True)],
)
def test_may_see_others_by_setting_and_status(
    edition, make_judge, make_application, hide, submitted, sees
):
    edition.settings = {"hide_other_scores_until_submitted": hide}
    edition.save()
    judge, application = make_judge(), make_application()
    scored_review(judge, application, [1] * 6, submit=submitted)
    assert services.may_see_others(judge, application) is sees


def test_may_see_others_unassigned_false(make_judge, make_application):
    assert services.may_see_others(make_judge(), make_application()) is False


def test_comments_lose_nul_characters_that_postgresql_refuses(review, first):
    score = _save(review, first, "7", comment="ดี\x00มาก")
    save_overall_comment(review, "สรุป\x00", review.assignment.judge.user, at=DURING_JUDGING)

    score.refresh_from_db()
    review.refresh_from_db()
    assert (score.comment, review.overall_comment) == ("ดีมาก", "สรุป")
