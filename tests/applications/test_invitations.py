"""Inviting a co-worker into an organisation by e-mail, and accepting the invitation."""

import datetime as dt
import hashlib
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from learningcity.accounts.enums import MembershipRole
from learningcity.accounts.models import Membership
from learningcity.applications import services
from learningcity.applications.models import Invitation
from tests.factories import MembershipFactory, UserFactory, bangkok

SENT_AT = bangkok(2026, 5, 10, 9, 0)


def token_in(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def sent(db, settings):
    settings.SITE_URL = "https://learningcity.example"
    coordinator = MembershipFactory(role=MembershipRole.COORDINATOR)
    invitation = services.invite_member(
        organisation=coordinator.organisation,
        email="Friend@Example.org",
        invited_by=coordinator.user,
        at=SENT_AT,
    )
    return {
        "coordinator": coordinator,
        "invitation": invitation,
        "token": token_in(mail.outbox[-1]),
    }


def test_invite_member_sends_thai_email_with_link(sent):
    message = mail.outbox[0]

    assert message.to == ["Friend@Example.org"]
    assert message.subject == f"คำเชิญเข้าร่วม {sent['coordinator'].organisation.name}"
    assert f"https://learningcity.example/apply/invitations/{sent['token']}/" in message.body


def test_invite_member_stores_only_token_hash(sent):
    invitation = Invitation.objects.get()

    assert invitation.token_hash == hashlib.sha256(sent["token"].encode()).hexdigest()
    assert sent["token"] not in invitation.token_hash
    assert invitation.expires_at == SENT_AT + dt.timedelta(days=7)


def test_invite_member_same_pending_email_not_duplicated(sent):
    services.invite_member(
        organisation=sent["coordinator"].organisation,
        email="friend@example.org",
        invited_by=sent["coordinator"].user,
        at=SENT_AT + dt.timedelta(days=1),
    )

    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 2
    # The first link no longer works: only the newest token's hash is kept.
    assert services.find_invitation(sent["token"]) is None
    assert services.find_invitation(token_in(mail.outbox[1])) == sent["invitation"]


def test_invite_member_by_non_member_refused(db):
    outsider = UserFactory()
    organisation = MembershipFactory().organisation

    with pytest.raises(ValidationError) as caught:
        services.invite_member(
            organisation=organisation, email="a@example.org", invited_by=outsider
        )

    assert caught.value.messages == ["คุณไม่ได้เป็นผู้ประสานงานหรือสมาชิกขององค์กรนี้"]
    assert mail.outbox == []


def test_accept_invitation_makes_member(sent):
    friend = UserFactory(email="friend@example.org")

    membership = services.accept_invitation(sent["token"], friend, at=SENT_AT)

    assert (membership.organisation, membership.role) == (
        sent["coordinator"].organisation,
        MembershipRole.MEMBER,
    )
    invitation = Invitation.objects.get()
    assert (invitation.accepted_by, invitation.accepted_at) == (friend, SENT_AT)


def test_accept_invitation_second_time_refused(sent):
    friend = UserFactory(email="friend@example.org")
    services.accept_invitation(sent["token"], friend, at=SENT_AT)

    with pytest.raises(ValidationError) as caught:
        services.accept_invitation(sent["token"], friend, at=SENT_AT)

    assert caught.value.messages == ["ลิงก์คำเชิญนี้ถูกใช้ไปแล้ว"]


def test_accept_invitation_last_second_accepted(sent):
    friend = UserFactory(email="friend@example.org")

    services.accept_invitation(sent["token"], friend, at=SENT_AT + dt.timedelta(days=7))

    assert Membership.objects.filter(user=friend).count() == 1


def test_accept_invitation_expired_refused(sent):
    friend = UserFactory(email="friend@example.org")

    with pytest.raises(ValidationError) as caught:
        services.accept_invitation(
            sent["token"], friend, at=SENT_AT + dt.timedelta(days=7, seconds=1)
        )

    assert caught.value.messages == ["คำเชิญนี้หมดอายุแล้ว กรุณาขอคำเชิญใหม่"]
    assert Membership.objects.filter(user=friend).count() == 0


def test_accept_invitation_wrong_email_refused(sent):
    stranger = UserFactory(email="stranger@example.org")

    with pytest.raises(ValidationError) as caught:
        services.accept_invitation(sent["token"], stranger, at=SENT_AT)

    assert caught.value.messages == ["คำเชิญนี้ส่งถึงอีเมลอื่น กรุณาเข้าสู่ระบบด้วยอีเมลที่ได้รับคำเชิญ"]
    assert Invitation.objects.get().accepted_at is None


def test_accept_invitation_unknown_token_refused(db):
    with pytest.raises(ValidationError) as caught:
        services.accept_invitation("no-such-token", UserFactory())

    assert caught.value.messages == ["ลิงก์คำเชิญนี้ไม่ถูกต้อง"]
