"""The outbox: each message is claimed by one conditional UPDATE (queued → sending) before it is
sent, so two workers, or one task run twice, can never send the same message twice."""

import datetime as dt
import logging

from django.db.models import F, Q
from django.utils import timezone

from learningcity.mail import send_templated_email

from ..enums import OUTBOX_TRANSITIONS, OutboxStatus
from ..models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FIRST_RETRY_DELAY = dt.timedelta(minutes=1)
# A message left "sending" this long belongs to a worker that died mid-send: it may or may not
# have gone out, so it is marked failed rather than sent again.
STALE_SENDING = dt.timedelta(minutes=15)


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential backoff: 1, 4, 16, 64 minutes after the 1st, 2nd, 3rd, 4th failure."""
    return FIRST_RETRY_DELAY * 4 ** max(attempts - 1, 0)


def transition(
    message_id: int, source: OutboxStatus, target: OutboxStatus, *, when: Q | None = None, **fields
) -> bool:
    """Move one message from ``source`` to ``target`` if it is still in ``source`` (and matches
    ``when``); True only for the one caller whose UPDATE changed the row."""
    if target not in OUTBOX_TRANSITIONS[source]:
        raise ValueError(f"outbox: {source} → {target} is not allowed")
    queryset = OutboxMessage.objects.filter(pk=message_id, status=source)
    if when is not None:
        queryset = queryset.filter(when)
    return queryset.update(status=target, **fields) == 1


def deliver(message_id: int, now: dt.datetime | None = None) -> bool:
    """Send one due message if this call wins its claim; False if it was not due or taken."""
    now = now or timezone.now()
    claimed = transition(
        message_id,
        OutboxStatus.QUEUED,
        OutboxStatus.SENDING,
        when=Q(next_attempt_at__lte=now),
        attempts=F("attempts") + 1,
        claimed_at=now,
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        send_templated_email(
            "notices/email/notice",
            {"subject": message.subject, "body": message.body},
            [message.recipient],
            raise_errors=True,
        )
    except Exception as error:  # any mail failure is recorded and retried
        logger.warning("Outbox message %s failed: %s", message_id, error)
        error_text = f"{type(error).__name__}: {error}"[:500]
        if message.attempts >= MAX_ATTEMPTS:
            transition(message_id, OutboxStatus.SENDING, OutboxStatus.FAILED, last_error=error_text)
        else:
            transition(
                message_id,
                OutboxStatus.SENDING,
                OutboxStatus.QUEUED,
                last_error=error_text,
                next_attempt_at=timezone.now() + retry_delay(message.attempts),
            )
        return False
    transition(message_id, OutboxStatus.SENDING, OutboxStatus.SENT, sent_at=timezone.now())
    return True


def fail_stale(now: dt.datetime | None = None) -> int:
    """Mark messages stuck in "sending" (their worker died) as failed; never resend them."""
    now = now or timezone.now()
    stale = OutboxMessage.objects.filter(
        status=OutboxStatus.SENDING, claimed_at__lt=now - STALE_SENDING
    ).values_list("pk", flat=True)
    return sum(
        transition(
            pk,
            OutboxStatus.SENDING,
            OutboxStatus.FAILED,
            last_error="interrupted while sending; not retried so that it is never sent twice",
        )
        for pk in list(stale)
    )


def send_due_messages(notice_id: int | None = None, now: dt.datetime | None = None) -> int:
    """Send every queued message that is due (of one notice, or all); returns how many went."""
    now = now or timezone.now()
    fail_stale(now)
    due = OutboxMessage.objects.filter(status=OutboxStatus.QUEUED, next_attempt_at__lte=now)
    if notice_id is not None:
        due = due.filter(notice_id=notice_id)
    # The ids are read first and each one is claimed on its own: a message another worker
    # claimed meanwhile is skipped by its conditional UPDATE.
    return sum(deliver(pk, now) for pk in list(due.order_by("pk").values_list("pk", flat=True)))


def next_retry_at(notice_id: int | None = None) -> dt.datetime | None:
    """When the earliest queued message (of one notice, or all) becomes due."""
    queued = OutboxMessage.objects.filter(status=OutboxStatus.QUEUED)
    if notice_id is not None:
        queued = queued.filter(notice_id=notice_id)
    return queued.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
