import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from learningcity.accounts import services
from learningcity.accounts.tokens import email_verification_token
from tests.factories import UserFactory

RESEND = reverse("accounts:resend_verification")
RESEND_DONE = reverse("accounts:resend_verification_done")
LINK_FAILED = "ลิงก์ยืนยันอีเมลนี้หมดอายุแล้ว ถูกใช้ไปแล้ว หรือไม่สมบูรณ์"


@pytest.fixture
def unverified(db):
    return UserFactory(email="new@example.org", email_verified_at=None)


@pytest.fixture
def verify_path(unverified, links_in) -> str:
    services.send_verification_email(unverified)
    (path, _site) = links_in(mail.outbox.pop())
    return path


def travel(monkeypatch, seconds: int) -> None:
    """Make the token generator believe ``seconds`` have passed since the link was made."""
    later = dt.datetime.now() + dt.timedelta(seconds=seconds)
    monkeypatch.setattr(email_verification_token, "_now", lambda: later)


def assert_link_refused(response) -> None:
    assert response.status_code == 200
    content = response.content.decode()
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in content
    assert LINK_FAILED in content
    assert f'href="{RESEND}"' in content


def test_verify_link_verifies_logs_in_and_welcomes(client, unverified, verify_path):
    old_session_key = client.session.session_key

    response = client.get(verify_path, follow=True)

    assert response.redirect_chain == [(reverse("accounts:home"), 302)]
    assert "ยืนยันอีเมลเรียบร้อยแล้ว ยินดีต้อนรับ!" in response.content.decode()
    unverified.refresh_from_db()
    assert unverified.email_verified_at is not None
    assert client.session[SESSION_KEY] == str(unverified.pk)
    assert client.session.session_key != old_session_key


def test_verify_link_reused_is_refused_in_thai(client, unverified, verify_path):
    client.get(verify_path)
    client.logout()
    verified_at = type(unverified).objects.get(pk=unverified.pk).email_verified_at

    response = client.get(verify_path)

    assert_link_refused(response)
    assert SESSION_KEY not in client.session
    unverified.refresh_from_db()
    assert unverified.email_verified_at == verified_at


def test_verify_link_expired_is_refused_in_thai(client, unverified, verify_path, monkeypatch):
    travel(monkeypatch, settings.PASSWORD_RESET_TIMEOUT + 1)

    response = client.get(verify_path)

    assert_link_refused(response)
    unverified.refresh_from_db()
    assert unverified.email_verified_at is None


def test_verify_link_still_works_on_its_last_day(client, unverified, verify_path, monkeypatch):
    travel(monkeypatch, settings.PASSWORD_RESET_TIMEOUT - 60)

    response = client.get(verify_path)

    assert response.status_code == 302
    unverified.refresh_from_db()
    assert unverified.email_verified_at is not None


def test_verify_link_tampered_is_refused_in_thai(client, unverified, verify_path):
    tampered = verify_path[:-2] + ("x/" if verify_path[-2] != "x" else "y/")

    assert_link_refused(client.get(tampered))
    unverified.refresh_from_db()
    assert unverified.email_verified_at is None


def test_verify_link_naming_nobody_is_refused_in_thai(client, db):
    response = client.get(reverse("accounts:verify_email", args=["bm9ib2R5", "abc-def"]))

    assert_link_refused(response)


def test_verify_link_of_a_deactivated_account_is_refused(client, unverified, verify_path):
    unverified.is_active = False
    unverified.save()

    assert_link_refused(client.get(verify_path))


def test_verify_link_stops_working_when_the_address_changes(unverified):
    token = email_verification_token.make_token(unverified)
    unverified.email = "other@example.org"

    assert email_verification_token.check_token(unverified, token) is False


def test_resend_verification_mails_a_new_link_to_an_unverified_account(
    client, unverified, links_in
):
    response = client.post(RESEND, {"email": "NEW@example.org"})

    assert response.status_code == 302
    assert response.url == RESEND_DONE
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    assert client.get(links_in(mail.outbox[0])[0]).status_code == 302


@pytest.mark.parametrize("email", ["nobody@example.org", "verified@example.org"])
def test_resend_verification_is_neutral_for_other_addresses(client, db, email):
    UserFactory(email="verified@example.org")

    response = client.post(RESEND, {"email": email})

    assert response.status_code == 302
    assert response.url == RESEND_DONE
    assert mail.outbox == []


def test_resend_verification_done_page_is_neutral(client, db):
    content = client.get(RESEND_DONE).content.decode()

    assert "หากมีบัญชีที่ใช้อีเมลนี้และยังรอการยืนยันอยู่" in content


def test_resend_verification_form_takes_the_address_from_the_login_page(client, db):
    response = client.get(RESEND, {"email": "new@example.org"})

    assert 'value="new@example.org"' in response.content.decode()
