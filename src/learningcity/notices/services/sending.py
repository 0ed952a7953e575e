"""Sending a notice to a list of areas: one rendered outbox message per recipient."""

from django.db import transaction
from django.db.models import Count

from learningcity.audit import services as audit

from ..enums import OutboxStatus
from ..models import Notice, NoticeTemplate, OutboxMessage
from ..placeholders import context_for, render_text


def preview(subject: str, body: str, registration) -> tuple[str, str]:
    """The subject and body one registration's recipient would get."""
    context = context_for(registration)
    return " ".join(render_text(subject, context).split()), render_text(body, context)


def create_notice(
    *,
    edition,
    template: NoticeTemplate | None,
    registrations,
    user,
    subject: str | None = None,
    body: str | None = None,
    filters: dict | None = None,
    reminder_kind: str = "",
) -> Notice:
    """Queue one e-mail per recipient (coordinator's address, each address once) and start
    the sending task once the rows are committed."""
    subject = subject if subject is not None else template.subject_th
    body = body if body is not None else template.body_th
    with transaction.atomic():
        notice = Notice.objects.create(
            edition=edition,
            template=template,
            subject_th=subject,
            body_th=body,
            filters=filters or {},
            reminder_kind=reminder_kind,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        count = queue_messages(notice, registrations)
        audit.record(
            user,
            "notice.queued",
            notice,
            after={"recipients": count, "filters": filters or {}},
            summary=subject,
        )
    start_sending(notice.pk)
    return notice


def queue_messages(notice: Notice, registrations) -> int:
    """Add a rendered message for each registration whose address is not queued yet."""
    messages: dict[str, OutboxMessage] = {}
    for registration in registrations:
        recipient = registration.coordinator_email.strip().lower()
        if not recipient or recipient in messages:
            continue
        subject, body = preview(notice.subject_th, notice.body_th, registration)
        messages[recipient] = OutboxMessage(
            notice=notice,
            registration=registration,
            recipient=recipient,
            subject=subject[:300],
            body=body,
        )
    # The unique (notice, recipient) constraint is the last word: a recipient is never queued
    # twice for the same notice, even by two requests at once.
    OutboxMessage.objects.bulk_create(messages.values(), ignore_conflicts=True)
    return len(messages)


def start_sending(notice_id: int | None) -> None:
    from ..tasks import send_outbox

    transaction.on_commit(lambda: send_outbox.enqueue(notice_id))


def progress(notice: Notice) -> dict[str, int]:
    """How many of the notice's messages are queued, sending, sent and failed, and in all."""
    counts = dict.fromkeys(OutboxStatus.values, 0)
    for row in notice.messages.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts[status] for status in OutboxStatus.values)
    counts["done"] = counts[OutboxStatus.SENT] + counts[OutboxStatus.FAILED]
    return counts
