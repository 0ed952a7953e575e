from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionStatus(models.TextChoices):
    """Where the committee's decision on one category stands."""

    DRAFT = "draft", _("Draft")
    RECORDED = "recorded", _("Recorded")
    PUBLISHED = "published", _("Published")
    REOPENED = "reopened", _("Reopened")


# Every decision status change goes through services.set_decision_status, which checks this
# map. Recorded and published decisions lock the edition's scores; only the chair reopens.
TRANSITIONS: dict[str, set[str]] = {
    DecisionStatus.DRAFT: {DecisionStatus.RECORDED},
    DecisionStatus.RECORDED: {DecisionStatus.PUBLISHED, DecisionStatus.REOPENED},
    DecisionStatus.PUBLISHED: set(),
    DecisionStatus.REOPENED: {DecisionStatus.RECORDED},
}

LOCKING_STATUSES = (DecisionStatus.RECORDED, DecisionStatus.PUBLISHED)


class AwardLevel(models.TextChoices):
    """What an application received from the committee."""

    WINNER = "winner", _("Award winner")
    HONOURABLE_MENTION = "honourable", _("Honourable mention")
    PARTICIPANT = "participant", _("Participant")
