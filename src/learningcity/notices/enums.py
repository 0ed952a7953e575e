from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    """Where one e-mail of a notice stands in the outbox."""

    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


# Every status change of an outbox message goes through services.outbox.transition, a
# conditional UPDATE that checks this map: a row leaves "queued" once, so it is sent once.
OUTBOX_TRANSITIONS: dict[OutboxStatus, frozenset[OutboxStatus]] = {
    OutboxStatus.QUEUED: frozenset({OutboxStatus.SENDING}),
    # Back to "queued" for a retry after a failure; "failed" once attempts run out.
    OutboxStatus.SENDING: frozenset({OutboxStatus.SENT, OutboxStatus.QUEUED, OutboxStatus.FAILED}),
    OutboxStatus.SENT: frozenset(),
    OutboxStatus.FAILED: frozenset(),
}


class Completeness(models.TextChoices):
    """Whether an area's application has been submitted, for choosing recipients."""

    SUBMITTED = "submitted", _("Application submitted")
    INCOMPLETE = "incomplete", _("Application not yet submitted")
