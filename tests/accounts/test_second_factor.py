"""The second factor of judges, the secretariat and superusers (TOTP)."""

import re
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from learningcity.accounts import second_factor
from learningcity.accounts.enums import Role
from learningcity.audit.models import AuditEntry
from tests.factories import PASSWORD, UserFactory, current_code, log_in, second_factor_device

LOGIN = reverse("accounts:login")
START = reverse("accounts:second_factor")
VERIFY = reverse("accounts:second_factor_verify")
ENROL = reverse("accounts:second_factor_enrol")
CONFIRM_PASSWORD = reverse("accounts:confirm_password")
PROTECTED = ["/judging/", "/secretariat/", "/results/", "/exports/", "/notices/", "/events/"]


@pytest.fixture
def judge(db):
    return UserFactory(email="judge@example.org", role=Role.JUDGE)


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_superuser=True, is_staff=True)


def password_login(client, user, next_page=None):
    data = {"username": user.email, "password": PASSWORD}
    if next_page:
        data["next"] = next_page
    return client.post(LOGIN, data)


def code_for(device) -> str:
    device.refresh_from_db()
    return current_code(device)


@pytest.mark.parametrize(
    ("role", "superuser_flag", "required"),
    [
        (Role.APPLICANT, False, False),
        (Role.JUDGE, False, True),
        (Role.SECRETARIAT, False, True),
        (Role.APPLICANT, True, True),
    ],
)
def test_second_factor_required_for_judges_secretariat_and_superusers(
    db, role, superuser_flag, required
):
    user = UserFactory(role=role, is_superuser=superuser_flag)

    assert second_factor.requires_second_factor(user) is required


def test_second_factor_login_of_a_judge_goes_to_the_second_factor(client, judge):
    response = password_login(client, judge, next_page="/judging/")

    assert response.status_code == 302
    assert response.url == f"{START}?next=%2Fjudging%2F"
    assert client.get(response.url).url == f"{ENROL}?next=%2Fjudging%2F"


def test_second_factor_login_of_an_applicant_goes_straight_on(client, db):
    applicant = UserFactory(email="a@example.org")

    response = password_login(client, applicant)

    assert response.url == reverse("accounts:home")


@pytest.mark.parametrize("path", PROTECTED)
def test_second_factor_missing_redirects_from_protected_pages(client, judge, path):
    client.force_login(judge)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"{START}?next={path.replace('/', '%2F')}"


def test_second_factor_missing_redirects_the_superuser_from_admin(client, superuser):
    client.force_login(superuser)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith(START)


def test_second_factor_missing_still_allows_public_pages_and_logout(client, judge):
    client.force_login(judge)

    assert client.get(reverse("editions:call")).status_code == 200
    assert client.get(reverse("accounts:home")).status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_second_factor_verified_session_reaches_admin(client, superuser):
    log_in(client, superuser)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_second_factor_enrolment_shows_a_qr_code_and_the_secret(client, judge):
    client.force_login(judge)

    response = client.get(ENROL)

    content = response.content.decode()
    device = TOTPDevice.objects.get(user=judge)
    assert device.confirmed is False
    assert "<svg" in content
    assert second_factor.secret_text(device) in content
    assert re.fullmatch(r"([A-Z2-7]{4} )*[A-Z2-7]{1,4}", second_factor.secret_text(device))
    # Reloading shows the same secret, so a half-scanned code stays valid.
    assert second_factor.secret_text(device) in client.get(ENROL).content.decode()


def test_second_factor_enrolment_with_a_wrong_code_is_refused(client, judge):
    client.force_login(judge)
    client.get(ENROL)

    response = client.post(ENROL, {"code": "000000"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["รหัสไม่ถูกต้อง โปรดพิมพ์รหัสที่แอปแสดงอยู่ตอนนี้"]}
    assert TOTPDevice.objects.get(user=judge).confirmed is False


def test_second_factor_enrolment_with_the_right_code_verifies_the_session(client, judge):
    client.force_login(judge)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=judge)

    response = client.post(ENROL, {"code": code_for(device), "next": "/judging/"})

    assert response.status_code == 302
    assert response.url == "/judging/"
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    after = client.get("/judging/")
    assert not (after.status_code == 302 and after.url.startswith(START))
    assert AuditEntry.objects.filter(action="account.second_factor_enrolled").count() == 1


def test_second_factor_verification_after_login(client, judge):
    device = second_factor_device(judge)
    password_login(client, judge)
    assert client.get(START).url == f"{VERIFY}?next=%2Faccounts%2F"

    wrong = client.post(VERIFY, {"code": "123456"})
    assert wrong.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes one wait a second after a wrong code
    right = client.post(VERIFY, {"code": code_for(device), "next": "/judging/"})

    assert right.url == "/judging/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_second_factor_verification_is_throttled_after_wrong_codes(client, judge):
    device = second_factor_device(judge)
    client.force_login(judge)
    for _attempt in range(3):
        client.post(VERIFY, {"code": "000000"})

    response = client.post(VERIFY, {"code": code_for(device)})

    assert response.status_code == 200
    assert "ผิดหลายครั้งเกินไป" in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_second_factor_verify_refuses_next_to_another_site(client, judge):
    device = second_factor_device(judge)
    client.force_login(judge)

    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})

    assert response.url == reverse("accounts:home")


def test_second_factor_replacing_asks_for_the_password_first(client, judge):
    log_in(client, judge)
    session = client.session
    session[second_factor.PASSWORD_CONFIRMED_AT] = time.time() - 11 * 60
    session.save()

    response = client.get(ENROL)

    assert response.status_code == 302
    assert response.url.startswith(f"{CONFIRM_PASSWORD}?next=%2Faccounts%2Fsecond-factor%2Fenrol")
    wrong = client.post(response.url, {"password": "wrong"})
    assert wrong.status_code == 200
    right = client.post(response.url, {"password": PASSWORD})
    assert right.url == ENROL
    assert client.get(right.url).status_code == 200


def test_second_factor_replacement_removes_the_old_device(client, judge):
    old = second_factor_device(judge)
    log_in(client, judge)
    page = client.get(ENROL)
    assert page.status_code == 200, page
    new = TOTPDevice.objects.get(user=judge, confirmed=False)

    client.post(ENROL, {"code": code_for(new)})

    assert list(TOTPDevice.objects.filter(user=judge).values_list("pk", flat=True)) == [new.pk]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(action="account.second_factor_replaced").count() == 1


def test_second_factor_verification_issues_a_new_session_key(client, judge):
    device = second_factor_device(judge)
    client.force_login(judge)
    before = client.session.session_key

    client.post(VERIFY, {"code": code_for(device)})

    assert client.session.session_key != before
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
