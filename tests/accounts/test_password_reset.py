import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

RESET = reverse("accounts:password_reset")
RESET_DONE = reverse("accounts:password_reset_done")
NEW_PASSWORD = "phayao-lake-sunrise-2569"
LINK_FAILED = "ลิงก์ตั้งรหัสผ่านใหม่นี้หมดอายุแล้ว ถูกใช้ไปแล้ว หรือไม่สมบูรณ์ โปรดขอลิงก์ใหม่"


@pytest.fixture
def person(db):
    return UserFactory(email="somchai@example.org", full_name="สมชาย ลืมรหัส")


@pytest.fixture
def reset_path(client, person, links_in) -> str:
    client.post(RESET, {"email": "SOMCHAI@example.org"})
    (path, _site) = links_in(mail.outbox[0])
    return path


def test_password_reset_mails_a_thai_link(client, person, links_in):
    response = client.post(RESET, {"email": "SOMCHAI@example.org"})

    assert response.status_code == 302
    assert response.url == RESET_DONE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["somchai@example.org"]
    assert message.subject == "ตั้งรหัสผ่านใหม่ — แพลตฟอร์มเมืองแห่งการเรียนรู้ของประเทศไทย"
    assert "เรียน สมชาย ลืมรหัส" in message.body
    assert message.body.count("http://127.0.0.1:8000/accounts/password-reset/") == 1


def test_password_reset_full_flow_sets_the_new_password(client, person, reset_path):
    form_page = client.get(reset_path, follow=True)
    (set_password_path, status) = form_page.redirect_chain[0]
    assert status == 302
    assert "ตั้งรหัสผ่านใหม่" in form_page.content.decode()

    response = client.post(
        set_password_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    complete = client.get(response.url).content.decode()
    assert "บันทึกรหัสผ่านใหม่แล้ว" in complete
    assert client.login(username="somchai@example.org", password=NEW_PASSWORD)


def test_password_reset_unknown_email_shows_the_same_page_and_sends_nothing(client, db):
    response = client.post(RESET, {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response.url == RESET_DONE
    assert mail.outbox == []
    done = client.get(RESET_DONE).content.decode()
    assert "หากมีบัญชีที่ใช้อีเมลนี้ เราได้ส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปที่อีเมลนั้นแล้ว" in done


def test_password_reset_link_reused_is_refused_in_thai(client, person, reset_path):
    set_password_path = client.get(reset_path).url
    client.post(set_password_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(reset_path, follow=True)

    assert response.status_code == 200
    assert LINK_FAILED in response.content.decode()
    assert f'href="{RESET}"' in response.content.decode()


def test_password_reset_link_expired_is_refused_in_thai(client, person, reset_path, monkeypatch):
    later = dt.datetime.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)

    response = client.get(reset_path, follow=True)

    assert LINK_FAILED in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_password_reset_verifies_an_unverified_address(client, person, reset_path):
    person.email_verified_at = None
    person.save()
    set_password_path = client.get(reset_path).url

    client.post(set_password_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    person.refresh_from_db()
    assert person.email_verified_at is not None


def test_password_reset_weak_new_password_is_refused_in_thai(client, person, reset_path):
    set_password_path = client.get(reset_path).url

    response = client.post(set_password_path, {"new_password1": "1234", "new_password2": "1234"})

    assert response.context["form"].errors == {
        "new_password2": [
            "รหัสผ่านนี้สั้นเกินไป ต้องมีอย่างน้อย 8 ตัวอักษร",
            "รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไปเกินไป",
            "รหัสผ่านนี้เป็นตัวเลขล้วน",
        ]
    }
