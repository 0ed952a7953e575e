"""A page still open when its session ends: scripts get a machine-readable answer (401, or
403 "csrf_failed"), never the log-in page; the session endpoint gives a fresh token and keeps
the session alive; logging in again works without leaving the page."""

import json
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from learningcity.accounts import second_factor
from learningcity.accounts.enums import MembershipRole, Role
from learningcity.applications.models import Answer
from tests.applications.factories import (
    RegistrationFactory,
    open_submission_now,
    started_application,
)
from tests.factories import PASSWORD, EditionFactory, MembershipFactory, UserFactory, log_in

HTMX = {"HTTP_HX_REQUEST": "true"}
SESSION = reverse("accounts:session")
SESSION_LOGIN = reverse("accounts:session_login")


@pytest.fixture
def member(db):
    return MembershipFactory(role=MembershipRole.MEMBER)


@pytest.fixture
def application(member):
    edition = open_submission_now(EditionFactory())
    registration = RegistrationFactory(edition=edition, organisation=member.organisation)
    return started_application(registration)


def section_url(application, number: int = 1) -> str:
    return reverse("applications:save_section", args=[application.pk, number])


def autosave(client, application, text: str, **headers):
    return client.post(section_url(application), {"narrative": text, "version": 0}, **headers)


def test_autosave_after_log_out_elsewhere_answers_401_not_login_page(client, member, application):
    log_in(client, member.user)
    other_tab = Client()
    other_tab.cookies = client.cookies  # the same browser: logging out there ends this session
    other_tab.post(reverse("accounts:logout"))

    response = autosave(client, application, "ข้อความที่ยังพิมพ์อยู่", **HTMX)

    assert response.status_code == 401
    assert response["HX-Reswap"] == "none"
    assert response["X-Learningcity-Error"] == "session-ended"
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["error"] == "session_ended"
    assert body["login_url"] == reverse("accounts:login")
    assert "id_password" not in response.text
    assert Answer.objects.get(application=application, criterion__number=1).narrative == ""


def test_autosave_after_idle_timeout_answers_401(client, member, application):
    log_in(client, member.user)
    session = client.session
    session[second_factor.LAST_SEEN_AT] = time.time() - settings.SESSION_IDLE_SECONDS - 5
    session.save()

    response = autosave(client, application, "ข้อความ", **HTMX)

    assert response.status_code == 401
    assert json.loads(response.content)["error"] == "session_ended"


def test_plain_save_after_session_ended_still_redirects_to_login(client, application):
    response = autosave(client, application, "ข้อความ")

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_fetch_request_after_session_ended_answers_401(client, application):
    response = autosave(client, application, "ข้อความ", HTTP_X_REQUESTED_WITH="fetch")

    assert response.status_code == 401


def test_judge_without_second_factor_htmx_answers_401(client, db):
    judge = UserFactory(role=Role.JUDGE)
    client.force_login(judge)

    response = client.get(reverse("judging:home"), **HTMX)

    assert response.status_code == 401


def test_stale_csrf_on_htmx_answers_403_csrf_failed(member, application):
    client = Client(enforce_csrf_checks=True)
    log_in(client, member.user)
    client.get(SESSION)  # the browser holds a token cookie

    response = client.post(
        section_url(application),
        {"narrative": "ข้อความ", "version": 0, "csrfmiddlewaretoken": "x" * 64},
        **HTMX,
    )

    assert response.status_code == 403
    assert response["X-Learningcity-Error"] == "csrf-failed"
    assert json.loads(response.content)["error"] == "csrf_failed"


def test_stale_csrf_plain_post_answers_thai_page(member, application):
    client = Client(enforce_csrf_checks=True)
    log_in(client, member.user)
    client.get(SESSION)

    response = client.post(section_url(application), {"csrfmiddlewaretoken": "x" * 64})

    assert response.status_code == 403
    assert '<html lang="th">' in response.text
    assert "หน้านี้หมดอายุแล้ว" in response.text
    assert f'href="{reverse("editions:call")}"' in response.text
    assert f'href="{reverse("accounts:home")}"' in response.text


def test_session_status_logged_in_gives_token_and_time_left(client, member):
    log_in(client, member.user)

    body = client.get(SESSION).json()

    assert body["authenticated"] is True
    assert len(body["csrf_token"]) == 64
    expected = settings.SESSION_ABSOLUTE_SECONDS
    assert expected - 5 <= body["seconds_left"] <= expected


def test_session_status_anonymous_is_not_authenticated(client, db):
    body = client.get(SESSION).json()

    assert body == {"authenticated": False, "csrf_token": body["csrf_token"], "seconds_left": None}


def test_session_status_moves_the_idle_clock(client, member):
    log_in(client, member.user)
    session = client.session
    session[second_factor.LAST_SEEN_AT] = time.time() - 20 * 60
    session.save()

    client.get(SESSION)

    assert time.time() - client.session[second_factor.LAST_SEEN_AT] < 5


def test_session_status_judge_before_second_factor_is_not_authenticated(client, db):
    client.force_login(UserFactory(role=Role.JUDGE))

    response = client.get(SESSION)

    assert response.status_code == 200
    assert response.json()["authenticated"] is False


def test_session_login_then_save_with_the_fresh_token(member, application):
    client = Client(enforce_csrf_checks=True)
    token = client.get(SESSION).json()["csrf_token"]

    response = client.post(
        SESSION_LOGIN,
        {"username": member.user.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        HTTP_X_REQUESTED_WITH="fetch",
    )

    assert response.status_code == 200
    fresh = response.json()["csrf_token"]
    assert response.json()["authenticated"] is True
    assert fresh != token  # log-in rotates the token: the page must take the new one
    saved = client.post(
        section_url(application),
        {"narrative": "กลับมาบันทึก", "version": 0, "csrfmiddlewaretoken": fresh},
        **HTMX,
    )
    assert saved.status_code == 200
    assert Answer.objects.get(application=application, criterion__number=1).narrative == (
        "กลับมาบันทึก"
    )


def test_session_login_wrong_password_answers_400_in_thai(client, member):
    response = client.post(SESSION_LOGIN, {"username": member.user.email, "password": "nope"})

    assert response.status_code == 400
    assert response.json()["authenticated"] is False
    assert response.json()["errors"] == ["อีเมลหรือรหัสผ่านไม่ถูกต้อง"]


def test_session_login_judge_is_sent_to_the_second_factor(client, db):
    judge = UserFactory(role=Role.JUDGE)

    body = client.post(SESSION_LOGIN, {"username": judge.email, "password": PASSWORD}).json()

    assert body["authenticated"] is False
    back = reverse("accounts:session_back")
    assert body["second_factor_url"] == f"{reverse('accounts:second_factor')}?next={back}"
