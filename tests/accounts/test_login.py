import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
WRONG = "อีเมลหรือรหัสผ่านไม่ถูกต้อง"


@pytest.fixture
def person(db):
    return UserFactory(email="somchai@example.org")


def test_login_with_email_and_password_opens_the_workspace(client, person):
    response = client.post(LOGIN, {"username": "somchai@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("accounts:home")
    assert client.session[SESSION_KEY] == str(person.pk)


def test_login_email_ignores_case(client, person):
    client.post(LOGIN, {"username": "SomChai@Example.ORG", "password": PASSWORD})

    assert client.session[SESSION_KEY] == str(person.pk)


def test_login_wrong_password_shows_one_thai_message(client, person):
    response = client.post(LOGIN, {"username": "somchai@example.org", "password": "nope"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [WRONG]
    assert WRONG in response.content.decode()
    assert SESSION_KEY not in client.session


def test_login_unknown_email_shows_the_identical_message(client, person):
    wrong_password = client.post(LOGIN, {"username": "somchai@example.org", "password": "nope"})
    unknown = client.post(LOGIN, {"username": "nobody@example.org", "password": "nope"})

    assert unknown.context["form"].errors == wrong_password.context["form"].errors
    assert unknown.context["form"].errors == {"__all__": [WRONG]}


def test_login_deactivated_account_shows_the_identical_message(client, person):
    person.is_active = False
    person.save()

    response = client.post(LOGIN, {"username": "somchai@example.org", "password": PASSWORD})

    assert response.context["form"].errors == {"__all__": [WRONG]}


def test_login_unverified_email_asks_to_verify_with_a_resend_link(client, db):
    UserFactory(email="new@example.org", email_verified_at=None)

    response = client.post(LOGIN, {"username": "new@example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "อีเมลของคุณยังไม่ได้รับการยืนยัน โปรดเปิดลิงก์ที่เราส่งไปให้ตอนสมัครสมาชิก แล้วเข้าสู่ระบบอีกครั้ง"
    ]
    content = response.content.decode()
    assert f'href="{reverse("accounts:resend_verification")}?email=new%40example.org"' in content
    assert SESSION_KEY not in client.session


def test_login_unverified_email_with_wrong_password_says_only_wrong(client, db):
    UserFactory(email="new@example.org", email_verified_at=None)

    response = client.post(LOGIN, {"username": "new@example.org", "password": "nope"})

    assert response.context["form"].errors == {"__all__": [WRONG]}
    assert reverse("accounts:resend_verification") + "?" not in response.content.decode()


def test_login_keeps_the_next_page(client, person):
    response = client.post(
        LOGIN, {"username": "somchai@example.org", "password": PASSWORD, "next": "/accounts/"}
    )

    assert response.url == "/accounts/"


def test_login_page_when_logged_in_goes_to_the_workspace(client, person):
    client.force_login(person)

    response = client.get(LOGIN)

    assert response.status_code == 302
    assert response.url == reverse("accounts:home")


def test_logout_by_get_is_refused(client, person):
    client.force_login(person)

    response = client.get(LOGOUT)

    assert response.status_code == 405
    assert client.session[SESSION_KEY] == str(person.pk)


def test_logout_by_post_ends_the_session_and_says_so_in_thai(client, person):
    client.force_login(person)

    response = client.post(LOGOUT, follow=True)

    assert response.redirect_chain == [(reverse("editions:call"), 302)]
    assert SESSION_KEY not in client.session
    assert "คุณออกจากระบบแล้ว" in response.content.decode()
