"""Saving a whole scoring form at once: every criterion's points and comment, and the overall
comment; either everything is saved or, on any wrong value, nothing is."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.audit.services import record
from learningcity.editions.models import Criterion

from ..models import Review
from ..rules import is_review_judge
from .reviews import _check_judging_open, plain_text, save_score


@transaction.atomic
def save_overall_comment(review: Review, comment: str, user, at: dt.datetime | None = None):
    """Only the assigned judge changes the overall comment, while judging is open."""
    at = at or timezone.now()
    if not is_review_judge(user, review):
        raise PermissionDenied
    _check_judging_open(review, at)
    comment = plain_text(comment)
    if review.overall_comment == comment:
        return review
    before = review.overall_comment
    review.overall_comment = comment
    review.save(update_fields=["overall_comment"])
    record(
        user,
        "judging.overall_comment",
        review,
        before={"comment": before},
        after={"comment": comment},
    )
    return review


def save_review(
    review: Review,
    entries: dict[Criterion, tuple[str, str]],
    overall_comment: str,
    user,
    at: dt.datetime | None = None,
) -> dict[int, list[str]]:
    """Save the points and comment typed for each criterion (blank points are skipped) and the
    overall comment; returns the errors per criterion number, and saves nothing if any."""
    at = at or timezone.now()
    errors: dict[int, list[str]] = {}
    try:
        with transaction.atomic():
            if not is_review_judge(user, review):
                raise PermissionDenied
            _check_judging_open(review, at)
            for criterion, (points, comment) in entries.items():
                if not str(points).strip():
                    if comment.strip():
                        errors[criterion.number] = [_("Give points before a comment.")]
                    continue
                try:
                    save_score(review, criterion, str(points).strip(), comment, user, at=at)
                except ValidationError as error:
                    errors[criterion.number] = error.messages
            if errors:
                raise ValidationError("")
            save_overall_comment(review, overall_comment, user, at=at)
    except ValidationError as error:
        if not errors:
            errors[0] = error.messages
    return errors
