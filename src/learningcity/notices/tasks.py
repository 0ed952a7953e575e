"""Background work of notices, run by the database worker (``learningcity worker``)."""

from django.tasks import task, task_backends

from .services import outbox
from .services.reminders import send_due_reminders


@task
def send_outbox(notice_id: int | None = None) -> int:
    """Send the due messages (of one notice, or all), then schedule the next retry if any."""
    sent = outbox.send_due_messages(notice_id)
    retry_at = outbox.next_retry_at(notice_id)
    # The immediate backend (tests) cannot defer: the periodic job picks retries up instead.
    if retry_at is not None and task_backends[send_outbox.backend].supports_defer:
        send_outbox.using(run_after=retry_at).enqueue(notice_id)
    return sent


@task
def run_periodic() -> dict[str, int]:
    """What the worker runs every few minutes: due reminders, then any due retry."""
    reminders = send_due_reminders()
    sent = outbox.send_due_messages()
    return {"reminders": reminders, "sent": sent}
