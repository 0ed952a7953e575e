"""Automatic reminders before the submission deadline to areas whose application is not
submitted: each kind (e.g. 7 and 1 days before) goes at most once to each registration."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from learningcity.applications.enums import RegistrationStatus
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Phase

from ..enums import Completeness
from ..models import Notice, NoticeTemplate, OutboxMessage, Reminder
from ..recipients import registrations as filter_registrations
from .sending import preview, start_sending

DEFAULT_DAYS_BEFORE = (7, 1)
REMINDER_TEMPLATE_KEY = "reminder"
# A registration whose deadline the secretariat extended may still be reminded for this long
# after the edition's own deadline.
GRACE_AFTER_DEADLINE = dt.timedelta(days=60)
OPEN_STATUSES = (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)


def days_before(edition) -> list[int]:
    """The edition's reminder days (``settings["reminder_days_before"]``), most distant first."""
    days = edition.settings.get("reminder_days_before", DEFAULT_DAYS_BEFORE)
    return sorted({int(day) for day in days if int(day) > 0}, reverse=True)


def kind_for(days: int) -> str:
    return f"reminder-{days}d"


def _default_text() -> tuple[str, str]:
    with translation.override("th"):
        subject = _("Reminder: submit your application by {{ deadline }}")
        body = _(
            "Dear {{ coordinator }},\n\n"
            "The application of {{ area }} ({{ category }}) for {{ edition }} has not been "
            "submitted yet. The deadline is {{ deadline }} ({{ days_left }} days left).\n\n"
            "Please complete and submit it at {{ site_url }}\n\n"
            "The secretariat of the Local Learning City Award"
        )
    return subject, body


def _reminder_notice(edition, kind: str) -> Notice:
    template = (
        NoticeTemplate.objects.filter(key=REMINDER_TEMPLATE_KEY, edition=edition).first()
        or NoticeTemplate.objects.filter(key=REMINDER_TEMPLATE_KEY, edition=None).first()
    )
    subject, body = (template.subject_th, template.body_th) if template else _default_text()
    notice, _created = Notice.objects.get_or_create(
        edition=edition,
        reminder_kind=kind,
        defaults={"template": template, "subject_th": subject, "body_th": body},
    )
    return notice


def _due_day(deadline: dt.datetime, now: dt.datetime, days: list[int]) -> int | None:
    """The most urgent reminder whose time has come, or None before the first / after the end."""
    if now > deadline:
        return None
    due = [day for day in days if now >= deadline - dt.timedelta(days=day)]
    return min(due) if due else None


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """Queue the reminders that are due; returns how many e-mails were queued.

    Only the most urgent due reminder is e-mailed; the earlier kinds it supersedes are recorded
    as done without an e-mail, so an area registered late never gets two at once.
    """
    now = now or timezone.now()
    queued = 0
    phases = Phase.objects.filter(
        kind=PhaseKind.SUBMISSION, starts_at__lte=now, ends_at__gte=now - GRACE_AFTER_DEADLINE
    ).select_related("edition")
    for phase in phases:
        days = days_before(phase.edition)
        if not days:
            continue
        done = set(
            Reminder.objects.filter(registration__edition=phase.edition).values_list(
                "registration_id", "kind"
            )
        )
        candidates = filter_registrations(
            phase.edition, completeness=Completeness.INCOMPLETE
        ).filter(status__in=OPEN_STATUSES)
        for registration in candidates:
            application = getattr(registration, "application", None)
            deadline = (application.deadline_override if application else None) or phase.ends_at
            day = _due_day(deadline, now, days)
            if day is None or (registration.pk, kind_for(day)) in done:
                continue
            queued += _remind(registration, day, days, done)
    if queued:
        start_sending(None)
    return queued


def _remind(registration, day: int, days: list[int], done: set) -> int:
    kind = kind_for(day)
    notice = _reminder_notice(registration.edition, kind)
    recipient = registration.coordinator_email.strip().lower()
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.filter(notice=notice, recipient=recipient).first()
            created = message is None
            if created:
                subject, body = preview(notice.subject_th, notice.body_th, registration)
                message = OutboxMessage.objects.create(
                    notice=notice,
                    registration=registration,
                    recipient=recipient,
                    subject=subject[:300],
                    body=body,
                )
            # The unique (registration, kind) constraint makes a second run, or a concurrent
            # one, fail here and queue nothing.
            Reminder.objects.create(registration=registration, kind=kind, message=message)
            for earlier in days:
                if earlier > day and (registration.pk, kind_for(earlier)) not in done:
                    Reminder.objects.get_or_create(
                        registration=registration, kind=kind_for(earlier)
                    )
    except IntegrityError:
        return 0
    return int(created)
