"""Copies that expire on their own: export files and jobs after EXPORT_KEEP, and the rendered
outbox e-mails after OUTBOX_KEEP."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from learningcity.privacy.personal_data import ERASED

from . import copies

# An export is a working copy for the secretariat: a week is enough to open it.
EXPORT_KEEP = dt.timedelta(days=7)
# A sent e-mail's rendered text answers "what did we send?" for half a year.
OUTBOX_KEEP = dt.timedelta(days=180)


def expired_exports(now=None):
    from learningcity.exports.enums import ACTIVE_STATUSES
    from learningcity.exports.models import ExportJob

    now = now or timezone.now()
    return ExportJob.objects.filter(created_at__lt=now - EXPORT_KEEP).exclude(
        status__in=ACTIVE_STATUSES
    )


def expire_exports(now=None) -> int:
    """Remove the files and jobs of exports older than EXPORT_KEEP; how many went."""
    from learningcity.exports.models import ExportJob

    plan = copies.Plan()
    for job in expired_exports(now).order_by("pk"):
        plan.deletions.append(("exports.exportjob", job.pk))
        if job.stored_name:
            plan.files.append(
                copies.FileRemoval(
                    str(ExportJob._meta.verbose_name_plural),
                    job.stored_name,
                    "exports.exportjob",
                    job.pk,
                )
            )
    copies.carry_out(plan)
    return len(plan.deletions)


def expire_outbox(now=None) -> int:
    """Erase recipient, subject and body of e-mails sent or failed more than OUTBOX_KEEP ago."""
    from learningcity.notices.enums import OutboxStatus
    from learningcity.notices.models import OutboxMessage

    now = now or timezone.now()
    old = (
        OutboxMessage.objects.filter(status__in=[OutboxStatus.SENT, OutboxStatus.FAILED])
        .filter(
            Q(sent_at__lt=now - OUTBOX_KEEP)
            | Q(sent_at__isnull=True, next_attempt_at__lt=now - OUTBOX_KEEP)
        )
        .exclude(subject=ERASED)
    )
    plan = copies.Plan()
    plan.changes = copies.field_changes(
        old, {"recipient": copies.anonymous_email, "subject": ERASED, "body": ERASED}
    )
    copies.carry_out(plan)
    return len({change.pk for change in plan.changes})
