"""The committee's decision per category: recording it (which locks the edition's scores)
once every review is in, reopening it (the chair only), and scheduling its publication."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Application
from learningcity.audit.services import record
from learningcity.editions.models import Edition

from ..enums import AwardLevel, DecisionStatus
from ..models import Decision, Placing
from ..rules import is_chair_of
from .category import awards_per_category, chair_of, honourable_mentions_per_category
from .certificates import withdraw_certificates
from .completeness import check_fully_scored, check_reviews_in
from .publication import schedule_notification
from .status import set_decision_status


def _check_applications(decision: Decision, applications: list[Application]) -> None:
    ids = [a.pk for a in applications]
    if len(ids) != len(set(ids)):
        raise ValidationError(_("An application can receive only one award in a category."))
    valid = Application.objects.filter(
        pk__in=ids,
        status=ApplicationStatus.SUBMITTED,
        registration__edition=decision.edition,
        registration__category=decision.category,
    ).count()
    if valid != len(ids):
        raise ValidationError(_("Every awarded application must be submitted in this category."))


@transaction.atomic
def record_decision(
    decision: Decision,
    *,
    winners: list[Application],
    honourable: list[Application],
    note: str,
    actor,
    chair_approved: bool = False,
    override_reason: str | None = None,
    at: dt.datetime | None = None,
) -> Decision:
    """The committee's winners and honourable mentions, in order, as many as the edition
    allows, once every assigned review of the category is in (or, after the judging phase,
    with the chair's written ``override_reason``, audited); the chair records it or the
    secretariat with the chair's approval; the edition's scores are locked from then on."""
    at = at or timezone.now()
    edition = decision.edition
    if not actor.has_perm("results.manage_edition", edition):
        raise PermissionDenied
    chair = chair_of(edition)
    if chair is None:
        raise ValidationError(_("The committee has no chair: a decision needs the chair."))
    if chair.user_id != actor.pk and not chair_approved:
        raise ValidationError(_("A decision needs the approval of the committee's chair."))
    if decision.status not in (DecisionStatus.DRAFT, DecisionStatus.REOPENED):
        raise ValidationError(_("This decision has already been recorded."))
    awards = awards_per_category(edition)
    if not 1 <= len(winners) <= awards:
        raise ValidationError(_("Name between 1 and %(count)s award winners.") % {"count": awards})
    mentions = honourable_mentions_per_category(edition)
    if len(honourable) > mentions:
        raise ValidationError(
            _("At most %(count)s honourable mentions in this edition.") % {"count": mentions}
        )
    _check_applications(decision, [*winners, *honourable])
    reviews = check_reviews_in(decision, actor, override_reason, at)
    if reviews.complete:
        check_fully_scored(reviews, [*winners, *honourable])
    decision.placings.all().delete()
    Placing.objects.bulk_create(
        [
            *(
                Placing(decision=decision, application=a, level=AwardLevel.WINNER, place=n)
                for n, a in enumerate(winners, start=1)
            ),
            *(
                Placing(
                    decision=decision, application=a, level=AwardLevel.HONOURABLE_MENTION, place=n
                )
                for n, a in enumerate(honourable, start=1)
            ),
        ]
    )
    decision = set_decision_status(
        decision,
        DecisionStatus.RECORDED,
        actor,
        at,
        note=note,
        chair=chair,
        recorded_by=actor,
        recorded_at=at,
    )
    if not reviews.complete:
        record(
            actor,
            "results.decision_recorded_with_reviews_missing",
            decision,
            after={
                "submitted": reviews.submitted,
                "expected": reviews.expected,
                "missing": [str(m) for m in reviews.missing],
            },
            summary=override_reason.strip(),
        )
    return decision


@transaction.atomic
def reopen_decision(decision: Decision, actor, reason: str, at: dt.datetime | None = None):
    """Only the chair reopens a recorded, unpublished decision, with a reason; its certificates
    are withdrawn and the scores unlock unless another category is still recorded."""
    if not is_chair_of(actor, decision.edition):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening the decision."))
    decision = set_decision_status(decision, DecisionStatus.REOPENED, actor, at)
    withdraw_certificates(decision)
    record(actor, "results.decision_reopen_reason", decision, summary=reason)
    return decision


@transaction.atomic
def publish_decision(decision: Decision, publish_at: dt.datetime, actor) -> Decision:
    """A recorded decision becomes public at ``publish_at``; the applicants are e-mailed then."""
    if not actor.has_perm("results.manage_edition", decision.edition):
        raise PermissionDenied
    if publish_at is None or timezone.is_naive(publish_at):
        raise ValidationError(_("Choose the date and time of publication."))
    decision = set_decision_status(decision, DecisionStatus.PUBLISHED, actor, publish_at=publish_at)
    transaction.on_commit(lambda: schedule_notification(decision))
    return decision


def public_decisions(edition: Edition, at: dt.datetime | None = None):
    """The edition's decisions the public may see now, with their placings."""
    at = at or timezone.now()
    return (
        Decision.objects.filter(
            edition=edition, status=DecisionStatus.PUBLISHED, publish_at__lte=at
        )
        .select_related("category")
        .prefetch_related("placings__application__registration__local_government__province")
        .order_by("category__order")
    )
