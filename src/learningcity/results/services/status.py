"""A decision's status: the one function that changes it, and the score lock it implies."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.audit.services import record
from learningcity.editions.models import Edition

from ..enums import LOCKING_STATUSES, TRANSITIONS, DecisionStatus
from ..models import Decision

# Raised by judging's scoring services; kept here so that its wording lives with the results.
SCORES_LOCKED_MESSAGE = gettext_lazy(
    "The committee has recorded its decision: the scores of this edition are locked."
)


def scores_locked(edition: Edition) -> bool:
    """An edition's scores are locked once any of its decisions is recorded or published."""
    return Decision.objects.filter(edition=edition, status__in=LOCKING_STATUSES).exists()


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
