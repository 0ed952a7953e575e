"""Sessions: a new one at log-in, ended at log-out and on disabling, idle and absolute limits."""

import time

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse

from learningcity.accounts import second_factor
from tests.factories import PASSWORD, UserFactory

HOME = reverse("accounts:home")
LOGIN = reverse("accounts:login")


@pytest.fixture
def person(db):
    return UserFactory(email="somchai@example.org")


def set_session(client, **values) -> None:
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def test_session_login_issues_a_new_session_key(client, person):
    set_session(client, language_hint="th")  # an anonymous session exists before log-in
    before = client.session.session_key

    client.post(LOGIN, {"username": person.email, "password": PASSWORD})

    after = client.session.session_key
    assert before
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_session_logout_deletes_the_stored_session(client, person):
    client.post(LOGIN, {"username": person.email, "password": PASSWORD})
    key = client.session.session_key

    client.post(reverse("accounts:logout"))

    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(HOME).status_code == 302


def test_session_of_a_disabled_account_ends_at_the_next_request(client, person):
    client.force_login(person)
    key = client.session.session_key
    assert client.get(HOME).status_code == 200

    person.is_active = False
    person.save()
    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert not Session.objects.filter(session_key=key).exists()


def test_session_settings_expire_the_cookie_after_30_idle_minutes(client, person):
    client.force_login(person)
    set_session(client, **{second_factor.LAST_SEEN_AT: time.time() - 61})

    response = client.get(HOME)

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 1800


def test_session_is_written_at_most_once_a_minute(client, person):
    client.force_login(person)
    client.get(HOME)  # the first request starts the idle clock and writes the session
    set_session(client, **{second_factor.LAST_SEEN_AT: time.time() - 30})

    quiet = client.get(HOME)
    set_session(client, **{second_factor.LAST_SEEN_AT: time.time() - 61})
    moved = client.get(HOME)

    assert settings.SESSION_COOKIE_NAME not in quiet.cookies
    assert moved.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 1800


def test_session_idle_for_31_minutes_is_logged_out(client, person):
    client.force_login(person)
    set_session(client, **{second_factor.LAST_SEEN_AT: time.time() - 31 * 60})

    response = client.get(HOME)

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_session_idle_for_29_minutes_stays_and_is_extended(client, person):
    client.force_login(person)
    set_session(client, **{second_factor.LAST_SEEN_AT: time.time() - 29 * 60})

    response = client.get(HOME)

    assert response.status_code == 200
    assert time.time() - client.session[second_factor.LAST_SEEN_AT] < 60


def test_session_older_than_12_hours_is_logged_out_even_when_active(client, person):
    client.force_login(person)
    set_session(client, **{second_factor.LOGGED_IN_AT: time.time() - 12 * 3600 - 1})

    response = client.get(HOME, follow=True)

    assert response.redirect_chain[0][0].startswith(LOGIN)
    assert SESSION_KEY not in client.session
    assert "หมดเวลาใช้งาน" in response.content.decode()


def test_session_younger_than_12_hours_stays(client, person):
    client.force_login(person)
    set_session(client, **{second_factor.LOGGED_IN_AT: time.time() - 11 * 3600})

    assert client.get(HOME).status_code == 200


def test_private_pages_are_not_stored(client, person):
    client.force_login(person)

    response = client.get(HOME)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_public_pages_for_anonymous_visitors_keep_their_cache_headers(client, db):
    response = client.get(reverse("editions:call"))

    assert "no-store" not in response.get("Cache-Control", "")
