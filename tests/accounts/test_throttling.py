"""Log-in throttling (django-axes): per address and IP address, with a cool-off."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.db.models import F
from django.urls import reverse

from learningcity.accounts import address_throttle
from tests.factories import PASSWORD, UserFactory

LOGIN = reverse("accounts:login")
LOCKED = "พยายามหลายครั้งเกินไป"


@pytest.fixture
def person(db):
    return UserFactory(email="somchai@example.org")


def without_nonces(response) -> str:
    """The page without what differs on every response (CSP nonces, CSRF tokens)."""
    content = re.sub(r'nonce="[^"]*"', 'nonce=""', response.content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", content)


def fail(client, email="somchai@example.org", times=5, **extra):
    for _attempt in range(times):
        response = client.post(LOGIN, {"username": email, "password": "wrong"}, **extra)
    return response


def test_throttling_five_failures_lock_the_address_from_that_ip(client, person):
    fourth_and_fifth = [fail(client, times=4), fail(client, times=1)]

    response = client.post(LOGIN, {"username": "somchai@example.org", "password": PASSWORD})

    assert [r.status_code for r in fourth_and_fifth] == [200, 429]
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "15 นาที" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_throttling_lockout_ignores_the_case_of_the_address(client, person):
    fail(client, email="SomChai@Example.org")

    response = client.post(LOGIN, {"username": "somchai@example.org", "password": PASSWORD})

    assert response.status_code == 429


def test_throttling_does_not_lock_the_owner_out_from_elsewhere(client, person):
    fail(client, REMOTE_ADDR="203.0.113.9")

    response = client.post(
        LOGIN,
        {"username": "somchai@example.org", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(person.pk)


def test_throttling_lock_ends_after_the_cool_off(client, person):
    fail(client)
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))

    response = client.post(LOGIN, {"username": "somchai@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(person.pk)


def test_throttling_still_locked_just_before_the_cool_off_ends(client, person):
    fail(client)
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=14))

    response = client.post(LOGIN, {"username": "somchai@example.org", "password": PASSWORD})

    assert response.status_code == 429


def test_throttling_unknown_address_is_locked_exactly_like_a_known_one(client, person):
    known = fail(client, email="somchai@example.org", times=6)
    # From another address: twelve failures from one address would slow it down as a whole.
    unknown = fail(client, email="nobody@example.org", times=6, REMOTE_ADDR="198.51.100.8")

    assert unknown.status_code == known.status_code == 429
    assert without_nonces(unknown) == without_nonces(known)


def test_throttling_success_forgets_earlier_failures(client, person):
    fail(client, times=4)
    client.post(LOGIN, {"username": "somchai@example.org", "password": PASSWORD})
    client.post(reverse("accounts:logout"))

    response = fail(client, times=4)

    assert response.status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 4


def test_password_reset_unknown_address_answers_like_a_known_one(client, person):
    known = client.post(reverse("accounts:password_reset"), {"email": "somchai@example.org"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert known.url == reverse("accounts:password_reset_done")


def test_throttling_behind_a_proxy_counts_the_address_the_proxy_added(client, person, settings):
    settings.BEHIND_PROXY = True
    forged = {"HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.9", "REMOTE_ADDR": "10.0.0.1"}
    fail(client, **forged)

    from_elsewhere = client.post(
        LOGIN,
        {"username": "somchai@example.org", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7",
        REMOTE_ADDR="10.0.0.1",
    )

    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    assert from_elsewhere.status_code == 302


# Per address (issue 14): many accounts from one address ------------------------------------

SPRAYER = "203.0.113.50"
SLOWED = "ระบบจึงชะลอการเข้าสู่ระบบ"
PAUSED = "หยุดรับการเข้าสู่ระบบจากการเชื่อมต่อของท่านชั่วคราว"


def _accounts(count: int) -> list[str]:
    return [UserFactory(email=f"staff{n}@example.org").email for n in range(count)]


def _wait_as_if(seconds: int) -> None:
    """As if ``seconds`` had passed: every recorded failure moves that far into the past."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(seconds=seconds))


def _try(client, email: str, password: str = "wrong", address: str = SPRAYER):  # noqa: S107
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def _spray(client, emails: list[str]) -> tuple[list[int], list[int]]:
    """One wrong password per account, waiting each time as long as the address is told to."""
    statuses, waited = [], []
    for email in emails:
        verdict = address_throttle.verdict(SPRAYER)
        if verdict.wait_seconds and not verdict.blocked:
            waited.append(verdict.wait_seconds)
            _wait_as_if(verdict.wait_seconds)
        statuses.append(_try(client, email).status_code)
    return statuses, waited


def test_throttling_27_accounts_from_one_address_slowed_then_refused(client, db):
    emails = _accounts(27)

    statuses, waited = _spray(client, emails)

    assert statuses == [200] * 20 + [429] * 7
    assert waited == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]
    assert address_throttle.verdict(SPRAYER).failures == 20
    last = _try(client, emails[0])
    assert PAUSED in last.content.decode()
    assert int(last["Retry-After"]) > 10 * 60


def test_throttling_address_in_a_hurry_is_slowed_without_a_password_check(client, db):
    emails = _accounts(11)
    for email in emails[:10]:
        _try(client, email)

    response = _try(client, emails[10], password=PASSWORD)

    assert response.status_code == 429
    assert SLOWED in response.content.decode()
    assert response["Retry-After"] == "1"
    assert SESSION_KEY not in client.session
    # A refused hurry is not a failure: the count stays at ten.
    assert address_throttle.verdict(SPRAYER).failures == 10


def test_throttling_blocked_address_refuses_even_the_right_password(client, db):
    emails = _accounts(21)
    _spray(client, emails[:20])

    response = _try(client, emails[20], password=PASSWORD)

    assert response.status_code == 429
    assert PAUSED in response.content.decode()
    assert SESSION_KEY not in client.session


def test_throttling_blocked_address_lets_others_in(client, db):
    emails = _accounts(21)
    _spray(client, emails[:20])

    response = _try(client, emails[20], password=PASSWORD, address="198.51.100.7")

    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_throttling_blocked_address_free_again_after_the_cooloff(client, db, settings):
    emails = _accounts(21)
    _spray(client, emails[:20])
    assert address_throttle.verdict(SPRAYER).blocked

    _wait_as_if(int(settings.AXES_COOLOFF_TIME.total_seconds()) + 1)
    response = _try(client, emails[20], password=PASSWORD)

    assert response.status_code == 302
