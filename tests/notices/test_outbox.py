import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from learningcity.audit.models import AuditEntry
from learningcity.notices import services
from learningcity.notices.enums import OutboxStatus
from learningcity.notices.models import NoticeTemplate, OutboxMessage
from learningcity.notices.services import outbox
from learningcity.notices.tasks import send_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(edition):
    return NoticeTemplate.objects.create(
        key="welcome",
        name="ต้อนรับ",
        subject_th="ถึง {{ area }}",
        body_th="เรียน {{ coordinator }}\nกำหนดส่ง {{ deadline }}",
    )


def _queue(edition, template, registrations, user, capture):
    with capture(execute=False):
        return services.create_notice(
            edition=edition, template=template, registrations=registrations, user=user
        )


def test_create_notice_queues_one_rendered_message_per_address(
    edition, template, make_registration, secretariat, django_capture_on_commit_callbacks
):
    make_registration("one@example.org")
    make_registration("ONE@example.org ")  # the same address: queued once
    make_registration("two@example.org")
    notice = _queue(
        edition,
        template,
        edition.registrations.all(),
        secretariat,
        django_capture_on_commit_callbacks,
    )
    messages = list(notice.messages.order_by("recipient"))
    assert [m.recipient for m in messages] == ["one@example.org", "two@example.org"]
    assert {m.status for m in messages} == {OutboxStatus.QUEUED}
    one = messages[0]
    assert one.subject.startswith("ถึง ")
    assert "กำหนดส่ง 31 กรกฎาคม 2569 เวลา 23:59 น." in one.body
    entry = AuditEntry.objects.get(action="notice.queued")
    assert entry.after["recipients"] == 2


def test_create_notice_enqueues_sending_on_commit(
    edition, template, make_registration, secretariat, django_capture_on_commit_callbacks
):
    make_registration("one@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.create_notice(
            edition=edition,
            template=template,
            registrations=edition.registrations.all(),
            user=secretariat,
        )
    assert services.progress(notice)["sent"] == 1
    assert [m.to for m in mail.outbox] == [["one@example.org"]]
    assert mail.outbox[0].subject.startswith("ถึง ")


def test_outbox_unique_constraint_refuses_a_second_row_for_a_recipient(
    edition, template, make_registration, secretariat, django_capture_on_commit_callbacks
):
    make_registration("one@example.org")
    notice = _queue(
        edition,
        template,
        edition.registrations.all(),
        secretariat,
        django_capture_on_commit_callbacks,
    )
    with pytest.raises(IntegrityError):
        OutboxMessage.objects.create(
            notice=notice, recipient="one@example.org", subject="s", body="b"
        )


def test_send_task_run_twice_sends_each_message_once(
    edition, template, make_registration, secretariat, django_capture_on_commit_callbacks
):
    for n in range(3):
        make_registration(f"r{n}@example.org")
    notice = _queue(
        edition,
        template,
        edition.registrations.all(),
        secretariat,
        django_capture_on_commit_callbacks,
    )
    send_outbox.enqueue(notice.pk)
    send_outbox.enqueue(notice.pk)
    assert outbox.send_due_messages(notice.pk) == 0
    assert sorted(m.to[0] for m in mail.outbox) == [
        "r0@example.org",
        "r1@example.org",
        "r2@example.org",
    ]
    assert services.progress(notice)["sent"] == 3


def test_deliver_claimed_by_another_worker_is_not_sent_again(
    edition, template, make_registration, secretariat, django_capture_on_commit_callbacks
):
    make_registration("one@example.org")
    notice = _queue(
        edition,
        template,
        edition.registrations.all(),
        secretariat,
        django_capture_on_commit_callbacks,
    )
    message = notice.messages.get()
    # A concurrent worker read the same id and claimed it first (queued → sending).
    assert outbox.transition(message.pk, OutboxStatus.QUEUED, OutboxStatus.SENDING)
    assert outbox.deliver(message.pk) is False
    assert outbox.send_due_messages(notice.pk) == 0
    assert mail.outbox == []


def test_deliver_interleaved_workers_send_once(
    edition,
    template,
    make_registration,
    secretariat,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    """Worker A is inside the mail call when worker B tries the same message."""
    make_registration("one@example.org")
    notice = _queue(
        edition,
        template,
        edition.registrations.all(),
        secretariat,
        django_capture_on_commit_callbacks,
    )
    message = notice.messages.get()
    attempts_by_b = []
    real_send = outbox.send_templated_email

    def send_while_b_tries(*args, **kwargs):
        attempts_by_b.append(outbox.deliver(message.pk))
        return real_send(*args, **kwargs)

    monkeypatch.setattr(outbox, "send_templated_email", send_while_b_tries)
    assert outbox.deliver(message.pk) is True
    assert attempts_by_b == [False]
    assert len(mail.outbox) == 1


def test_failure_is_retried_with_backoff_then_sent(
    edition,
    template,
    make_registration,
    secretariat,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    make_registration("one@example.org")
    notice = _queue(
        edition,
        template,
        edition.registrations.all(),
        secretariat,
        django_capture_on_commit_callbacks,
    )
    message = notice.messages.get()
    real_send = outbox.send_templated_email

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(outbox, "send_templated_email", refuse)
    before = timezone.now()
    assert outbox.deliver(message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert message.attempts == 1
    assert message.last_error == "ConnectionRefusedError: smtp down"
    assert message.next_attempt_at >= before + dt.timedelta(minutes=1)
    # Not due yet: nothing happens.
    assert outbox.send_due_messages(notice.pk) == 0
    monkeypatch.setattr(outbox, "send_templated_email", real_send)
    later = message.next_attempt_at + dt.timedelta(seconds=1)
    assert outbox.send_due_messages(notice.pk, now=later) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)
    assert len(mail.outbox) == 1


def test_failure_after_max_attempts_is_final(
    edition,
    template,
    make_registration,
    secretariat,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    make_registration("one@example.org")
    notice = _queue(
        edition,
        template,
        edition.registrations.all(),
        secretariat,
        django_capture_on_commit_callbacks,
    )
    message = notice.messages.get()

    def refuse(*args, **kwargs):
        raise OSError("no route")

    monkeypatch.setattr(outbox, "send_templated_email", refuse)
    far = timezone.now() + dt.timedelta(days=30)
    for _attempt in range(outbox.MAX_ATTEMPTS + 2):
        outbox.send_due_messages(notice.pk, now=far)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, outbox.MAX_ATTEMPTS)
    assert services.progress(notice) == {
        "queued": 0,
        "sending": 0,
        "sent": 0,
        "failed": 1,
        "total": 1,
        "done": 1,
    }


def test_retry_delay_grows_exponentially():
    assert [outbox.retry_delay(n) for n in (1, 2, 3)] == [
        dt.timedelta(minutes=1),
        dt.timedelta(minutes=4),
        dt.timedelta(minutes=16),
    ]


def test_stale_sending_message_is_failed_not_resent(
    edition, template, make_registration, secretariat, django_capture_on_commit_callbacks
):
    make_registration("one@example.org")
    notice = _queue(
        edition,
        template,
        edition.registrations.all(),
        secretariat,
        django_capture_on_commit_callbacks,
    )
    message = notice.messages.get()
    long_ago = timezone.now() - dt.timedelta(hours=1)
    outbox.transition(message.pk, OutboxStatus.QUEUED, OutboxStatus.SENDING, claimed_at=long_ago)
    assert outbox.send_due_messages() == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert mail.outbox == []


def test_transition_refuses_a_move_outside_the_map():
    with pytest.raises(ValueError, match="not allowed"):
        outbox.transition(1, OutboxStatus.SENT, OutboxStatus.QUEUED)
