"""E-mail subjects show names as typed; rendered outbox e-mails are erased after OUTBOX_KEEP."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from learningcity.applications.services import invite_member
from learningcity.mail import send_templated_email
from learningcity.notices.enums import OutboxStatus
from learningcity.notices.models import OutboxMessage
from learningcity.notices.services import create_notice
from learningcity.privacy.personal_data import ERASED
from learningcity.privacy.services import OUTBOX_KEEP, expire_outbox
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

QUOTED = 'ชมรม "รักการอ่าน" & เพื่อน <บ้าน>'


def test_invitation_subject_shows_organisation_name_as_typed(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name=QUOTED, kind="other")
    coordinator = MembershipFactory(organisation=organisation, role="coordinator").user

    with django_capture_on_commit_callbacks(execute=True):
        invite_member(organisation=organisation, email="friend@example.org", invited_by=coordinator)

    assert mail.outbox[-1].subject == f"คำเชิญเข้าร่วม {QUOTED}"
    assert "&quot;" not in mail.outbox[-1].body


def test_judges_reminder_subject_renders_without_entities():
    send_templated_email(
        "judging/email/reminder", {"pending": [1, 2], "judge": None}, ["j@example.org"]
    )

    assert "&" not in mail.outbox[-1].subject
    assert "2" in mail.outbox[-1].subject


def test_subject_template_with_quotes_in_context_is_not_escaped():
    send_templated_email(
        "notices/email/notice", {"subject": QUOTED, "body": QUOTED}, ["a@example.org"]
    )

    assert mail.outbox[-1].subject == QUOTED


def test_expire_outbox_erases_old_sent_messages_only(edition, secretariat, make_registration):
    registration = make_registration("old@example.org")
    notice = create_notice(
        edition=edition,
        template=None,
        registrations=[registration],
        user=secretariat,
        subject="ถึง {{ coordinator }}",
        body="เรียน {{ coordinator }}",
    )
    message = OutboxMessage.objects.get(notice=notice)
    sent_at = timezone.now() - OUTBOX_KEEP - dt.timedelta(days=1)
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.SENT, sent_at=sent_at)

    assert expire_outbox(now=sent_at + OUTBOX_KEEP - dt.timedelta(hours=1)) == 0
    assert expire_outbox() == 1

    message.refresh_from_db()
    assert (message.subject, message.body) == (ERASED, ERASED)
    assert message.recipient == f"anonymised-outboxmessage-{message.pk}@example.invalid"
    assert expire_outbox() == 0
