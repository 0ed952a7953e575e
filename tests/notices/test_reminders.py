import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.notices.models import NoticeTemplate, OutboxMessage, Reminder
from learningcity.notices.services import outbox, send_due_reminders
from learningcity.notices.tasks import run_periodic
from tests.factories import bangkok
from tests.judging.factories import SubmittedApplicationFactory

pytestmark = pytest.mark.django_db

DEADLINE = bangkok(2026, 7, 31, 23, 59, 59)
SIX_DAYS_BEFORE = DEADLINE - dt.timedelta(days=6)
HALF_DAY_BEFORE = DEADLINE - dt.timedelta(hours=12)


def test_reminder_goes_once_to_each_incomplete_registration(
    make_registration, django_capture_on_commit_callbacks
):
    incomplete = make_registration("late@example.org")
    SubmittedApplicationFactory(registration=make_registration("done@example.org"))
    make_registration("out@example.org", status=RegistrationStatus.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(SIX_DAYS_BEFORE) == 1
        assert send_due_reminders(SIX_DAYS_BEFORE) == 0
        assert send_due_reminders(SIX_DAYS_BEFORE + dt.timedelta(hours=3)) == 0
    assert list(Reminder.objects.values_list("registration_id", "kind")) == [
        (incomplete.pk, "reminder-7d")
    ]
    outbox.send_due_messages()
    assert [m.to for m in mail.outbox] == [["late@example.org"]]
    assert "31 กรกฎาคม 2569" in mail.outbox[0].subject


def test_each_kind_is_sent_once_seven_then_one_day_before(make_registration):
    registration = make_registration("late@example.org")
    assert send_due_reminders(DEADLINE - dt.timedelta(days=8)) == 0
    assert send_due_reminders(SIX_DAYS_BEFORE) == 1
    assert send_due_reminders(HALF_DAY_BEFORE) == 1
    assert send_due_reminders(HALF_DAY_BEFORE + dt.timedelta(hours=1)) == 0
    assert send_due_reminders(DEADLINE + dt.timedelta(seconds=1)) == 0
    assert sorted(
        Reminder.objects.filter(registration=registration).values_list("kind", flat=True)
    ) == ["reminder-1d", "reminder-7d"]
    assert OutboxMessage.objects.count() == 2


def test_late_registration_gets_only_the_most_urgent_reminder(make_registration):
    registration = make_registration("late@example.org")
    assert send_due_reminders(HALF_DAY_BEFORE) == 1
    kinds = dict(
        Reminder.objects.filter(registration=registration).values_list("kind", "message_id")
    )
    assert set(kinds) == {"reminder-1d", "reminder-7d"}
    assert kinds["reminder-7d"] is None
    assert OutboxMessage.objects.get().notice.reminder_kind == "reminder-1d"


def test_reminder_days_come_from_the_edition_settings(edition, make_registration):
    edition.settings = {"reminder_days_before": [3]}
    edition.save()
    make_registration("late@example.org")
    assert send_due_reminders(SIX_DAYS_BEFORE) == 0
    assert send_due_reminders(DEADLINE - dt.timedelta(days=2)) == 1
    assert list(Reminder.objects.values_list("kind", flat=True)) == ["reminder-3d"]


def test_extended_deadline_moves_the_reminder(make_registration):
    registration = make_registration("late@example.org")
    SubmittedApplicationFactory(
        registration=registration,
        status=ApplicationStatus.DRAFT,
        reference=None,
        submitted_at=None,
        deadline_override=DEADLINE + dt.timedelta(days=10),
    )
    # Half a day before the edition's deadline is ten days before this one's: too early.
    assert send_due_reminders(HALF_DAY_BEFORE) == 0
    assert send_due_reminders(DEADLINE + dt.timedelta(days=4)) == 1
    assert list(Reminder.objects.values_list("kind", flat=True)) == ["reminder-7d"]


def test_reminder_uses_the_reminder_template_when_there_is_one(make_registration):
    NoticeTemplate.objects.create(
        key="reminder", name="เตือน", subject_th="เตือน {{ area }}", body_th="เหลือ {{ days_left }} วัน"
    )
    registration = make_registration("late@example.org")
    send_due_reminders(SIX_DAYS_BEFORE)
    message = OutboxMessage.objects.get()
    assert message.subject == f"เตือน {registration.local_government.full_name_th}"


def test_send_reminders_command_and_periodic_task(make_registration):
    make_registration("late@example.org")
    # Neither is inside a reminder window now (edition 1 dates are in 2026): they do nothing
    # but must run cleanly.
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == '{"reminders": 0, "sent": 0}'
    result = run_periodic.enqueue()
    assert result.return_value == {"reminders": 0, "sent": 0}


def test_worker_timer_enqueues_the_periodic_job(monkeypatch):
    import threading

    from learningcity.notices import tasks
    from learningcity.notices.management.commands import db_worker

    class StopAfterOneRound(threading.Event):
        rounds = 0

        def is_set(self):
            self.rounds += 1
            return self.rounds > 1

    ran = []
    monkeypatch.setattr(tasks, "send_due_reminders", lambda: ran.append("reminders") or 0)
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: ran.append("closed"))
    stop = StopAfterOneRound()
    db_worker._enqueue_periodically(0, stop)
    # The immediate backend ran the job in place; the timer tidied its connection after.
    assert ran == ["reminders", "closed"]
    assert stop.rounds == 2
