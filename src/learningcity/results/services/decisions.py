"""The committee's decision per category: recording it (which locks the edition's scores),
reopening it (the chair only), and scheduling its publication."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Application
from learningcity.audit.services import record
from learningcity.editions.models import AwardCategory, Edition
from learningcity.judging.models import Judge

from ..enums import LOCKING_STATUSES, TRANSITIONS, AwardLevel, DecisionStatus
from ..models import Certificate, Decision, Placing
from ..rules import is_chair_of

# Raised by judging's scoring services; kept here so that its wording lives with the results.
SCORES_LOCKED_MESSAGE = gettext_lazy(
    "The committee has recorded its decision: the scores of this edition are locked."
)
DEFAULT_AWARDS = 1
DEFAULT_HONOURABLE_MENTIONS = 0


def awards_per_category(edition: Edition) -> int:
    return int(edition.settings.get("awards_per_category", DEFAULT_AWARDS))


def honourable_mentions_per_category(edition: Edition) -> int:
    return int(
        edition.settings.get("honourable_mentions_per_category", DEFAULT_HONOURABLE_MENTIONS)
    )


def scores_locked(edition: Edition) -> bool:
    """An edition's scores are locked once any of its decisions is recorded or published."""
    return Decision.objects.filter(edition=edition, status__in=LOCKING_STATUSES).exists()


def decision_for(edition: Edition, category: AwardCategory) -> Decision:
    """The category's decision, a draft until the committee records it."""
    decision, _created = Decision.objects.get_or_create(edition=edition, category=category)
    return decision


def chair_of(edition: Edition) -> Judge | None:
    return Judge.objects.filter(edition=edition, is_chair=True).select_related("user").first()


@transaction.atomic
def set_decision_status(
    decision: Decision, status: DecisionStatus, actor, at: dt.datetime | None = None, **changes
) -> Decision:
    """The one way a decision changes status: only along TRANSITIONS, logged."""
    at = at or timezone.now()
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if status not in TRANSITIONS[decision.status]:
        raise ValidationError(
            _("The decision is %(status)s and cannot change to that status.")
            % {"status": decision.get_status_display()}
        )
    before = decision.status
    decision.status = status
    for name, value in changes.items():
        setattr(decision, name, value)
    decision.save()
    record(
        actor,
        f"results.decision_{status}",
        decision,
        before={"status": before},
        after={"status": status, **{k: str(v) for k, v in changes.items() if k != "chair"}},
        summary=f"{decision}: {before} → {status}",
    )
    return decision


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
    at: dt.datetime | None = None,
) -> Decision:
    """The committee's winners and honourable mentions, in order, as many as the edition
    allows; the chair records it or the secretariat with the chair's approval; the edition's
    scores are locked from then on."""
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
    return set_decision_status(
        decision,
        DecisionStatus.RECORDED,
        actor,
        at,
        note=note,
        chair=chair,
        recorded_by=actor,
        recorded_at=at,
    )


@transaction.atomic
def reopen_decision(decision: Decision, actor, reason: str, at: dt.datetime | None = None):
    """Only the chair reopens a recorded, unpublished decision, with a reason; its certificates
    are withdrawn and the scores unlock unless another category is still recorded."""
    if not is_chair_of(actor, decision.edition):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening the decision."))
    from .certificates import withdraw_certificates

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
    from .publication import schedule_notification

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


def level_of(decision: Decision, application: Application) -> str:
    placing = next((p for p in decision.placings.all() if p.application_id == application.pk), None)
    return placing.level if placing else AwardLevel.PARTICIPANT


def category_applications(decision: Decision):
    return (
        Application.objects.filter(
            status=ApplicationStatus.SUBMITTED,
            registration__edition=decision.edition,
            registration__category=decision.category,
        )
        .select_related("registration__local_government", "registration__organisation")
        .order_by("reference")
    )


def certificates_of(decision: Decision):
    return Certificate.objects.filter(decision=decision).select_related(
        "application__registration__local_government"
    )
