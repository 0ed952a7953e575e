"""Scoring: a judge's points on each criterion, the review's status, and who sees what."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.applications.models import Application
from learningcity.audit.services import record
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Criterion
from learningcity.editions.services import phase_is_open
from learningcity.results.services import SCORES_LOCKED_MESSAGE, scores_locked

from ..enums import TRANSITIONS, ReviewStatus
from ..models import Judge, Review, Score, ScoreChange
from ..rules import is_review_judge
from .conflicts import is_conflicted


def _check_judging_open(review: Review, at: dt.datetime) -> None:
    edition = review.assignment.judge.edition
    if not phase_is_open(edition, PhaseKind.JUDGING, at):
        raise ValidationError(_("Scores can only be changed while the judging phase is open."))
    if scores_locked(edition):
        raise ValidationError(SCORES_LOCKED_MESSAGE)


def _half_points(points, criterion: Criterion) -> int:
    try:
        value = Decimal(str(points))
    except InvalidOperation:
        raise ValidationError(_("Points must be a number.")) from None
    if not value.is_finite() or value < 0 or value > criterion.max_points:
        raise ValidationError(
            _("Points for this criterion must be between 0 and %(max)s.")
            % {"max": criterion.max_points}
        )
    doubled = value * 2
    if doubled != doubled.to_integral_value():
        raise ValidationError(_("Points must be whole or half points, e.g. 7 or 7.5."))
    return int(doubled)


def plain_text(text: str) -> str:
    """A comment as it can be stored: NUL characters (which no keyboard types, and which
    PostgreSQL refuses in text) are dropped."""
    return text.replace("\x00", "")


@transaction.atomic
def save_score(
    review: Review,
    criterion: Criterion,
    points,
    comment: str,
    user,
    at: dt.datetime | None = None,
) -> Score:
    """Only the assigned judge sets 0..max points (halves allowed) on a criterion of the
    edition while judging is open; submitted reviews stay editable then, and every change is
    kept."""
    at = at or timezone.now()
    if not is_review_judge(user, review):
        raise PermissionDenied
    if criterion.edition_id != review.assignment.judge.edition_id:
        raise ValidationError(_("This criterion belongs to another edition."))
    _check_judging_open(review, at)
    half_points = _half_points(points, criterion)
    comment = plain_text(comment)
    score = Score.objects.select_for_update().filter(review=review, criterion=criterion).first()
    old_points, old_comment = (score.points, score.comment) if score else (None, "")
    if score is None:
        score = Score(review=review, criterion=criterion, max_points=criterion.max_points)
    elif score.half_points == half_points and score.comment == comment:
        return score
    score.half_points = half_points
    score.comment = comment
    score.updated_at = at
    score.save()
    ScoreChange.objects.create(
        score=score,
        changed_by=user,
        changed_at=at,
        old_points=old_points,
        new_points=score.points,
        old_comment=old_comment,
        new_comment=comment,
    )
    record(
        user,
        "judging.score_saved",
        score,
        before=None if old_points is None else {"points": str(old_points)},
        after={"points": str(score.points)},
        summary=f"{criterion}: {old_points} → {score.points}",
    )
    return score


@transaction.atomic
def set_review_status(
    review: Review, status: ReviewStatus, user, at: dt.datetime | None = None
) -> Review:
    """The one way a review changes status: only along TRANSITIONS, logged."""
    at = at or timezone.now()
    review = Review.objects.select_for_update().get(pk=review.pk)
    if status not in TRANSITIONS[review.status]:
        if review.status == ReviewStatus.SUBMITTED:
            raise ValidationError(_("This review has already been submitted."))
        raise ValidationError(_("This review cannot change to that status."))
    before = review.status
    review.status = status
    if status == ReviewStatus.SUBMITTED:
        review.submitted_at = at
    review.save(update_fields=["status", "submitted_at"])
    record(
        user, "judging.review_status", review, before={"status": before}, after={"status": status}
    )
    return review


def submit_review(review: Review, user, at: dt.datetime | None = None) -> Review:
    """The assigned judge submits a review once, while judging is open and when every
    criterion of the edition has a score."""
    at = at or timezone.now()
    if not is_review_judge(user, review):
        raise PermissionDenied
    _check_judging_open(review, at)
    edition = review.assignment.judge.edition
    missing = edition.criteria.exclude(pk__in=review.scores.values("criterion_id"))
    if missing.exists():
        numbers = ", ".join(str(c.number) for c in missing.order_by("number"))
        raise ValidationError(
            _("Every criterion needs a score before submitting; missing: %(numbers)s.")
            % {"numbers": numbers}
        )
    return set_review_status(review, ReviewStatus.SUBMITTED, user, at)


def may_see_others(judge: Judge, application: Application) -> bool:
    """A judge sees the other judges' scores of an application they are assigned to and not
    conflicted with, and — when the edition hides them — only after submitting their own."""
    review = (
        Review.objects.filter(assignment__judge=judge, assignment__application=application)
        .select_related("assignment__judge__edition")
        .first()
    )
    if review is None or is_conflicted(judge, application):
        return False
    if not judge.edition.settings.get("hide_other_scores_until_submitted", False):
        return True
    return review.status == ReviewStatus.SUBMITTED
