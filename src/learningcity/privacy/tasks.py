"""The daily retention task (anonymise each confirmed edition whose period has ended) and the
hourly expiry of copies that do not outlive their use (export files, old outbox e-mails)."""

import datetime as dt
import logging

from django.tasks import task

from learningcity.privacy import services
from learningcity.privacy.models import EditionRetention

logger = logging.getLogger(__name__)

INTERVAL = dt.timedelta(days=1)
EXPIRY_INTERVAL = dt.timedelta(hours=1)


@task
def anonymise_expired_data(reschedule: bool = True) -> dict[str, int]:
    """Anonymise every edition past its retention date whose dry run has been confirmed."""
    from learningcity.operations.tasks import schedule_next

    done = {}
    pending = EditionRetention.objects.filter(
        confirmed_at__isnull=False, anonymised_at__isnull=True
    ).select_related("edition")
    for retention in pending:
        count = services.anonymise(retention.edition)
        if count or EditionRetention.objects.get(pk=retention.pk).anonymised_at:
            done[str(retention.edition.number)] = count
    logger.info("personal data anonymised: %s", done)
    if reschedule:
        schedule_next(anonymise_expired_data, INTERVAL)
    return done


@task
def expire_copies(reschedule: bool = True) -> dict[str, int]:
    """Remove export files and jobs older than EXPORT_KEEP and erase outbox e-mails older
    than OUTBOX_KEEP, every hour."""
    from learningcity.operations.tasks import schedule_next

    counts = {"exports": services.expire_exports(), "outbox": services.expire_outbox()}
    logger.info("expired copies removed: %s", counts)
    if reschedule:
        schedule_next(expire_copies, EXPIRY_INTERVAL)
    return counts
