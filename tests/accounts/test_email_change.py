"""Changing one's e-mail: password first, a link to the new address, the old one told."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from learningcity.accounts import second_factor
from learningcity.accounts.models import User
from learningcity.audit.models import AuditEntry
from tests.factories import UserFactory

CHANGE = reverse("accounts:change_email")


@pytest.fixture
def person(db):
    return UserFactory(email="somchai@example.org", full_name="สมชาย ย้ายอีเมล")


@pytest.fixture
def logged_in(client, person):
    client.force_login(person)
    return client


def test_email_change_asks_for_the_password_when_not_typed_recently(logged_in):
    session = logged_in.session
    session[second_factor.PASSWORD_CONFIRMED_AT] = time.time() - 11 * 60
    session.save()

    response = logged_in.get(CHANGE)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:confirm_password')}?next=%2Faccounts%2Femail%2F"


def test_email_change_sends_a_link_to_the_new_address_and_changes_nothing_yet(
    logged_in, person, links_in
):
    response = logged_in.post(CHANGE, {"email": "New@Example.org"})

    assert response.status_code == 200
    assert "new@example.org" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "somchai@example.org"
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    assert "เรียน สมชาย ย้ายอีเมล" in mail.outbox[0].body


def test_email_change_link_changes_the_address_and_tells_the_old_one(logged_in, person, links_in):
    logged_in.post(CHANGE, {"email": "new@example.org"})
    (link, _site) = links_in(mail.outbox[0])

    response = logged_in.get(link)

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "new@example.org"
    assert mail.outbox[-1].to == ["somchai@example.org"]
    assert "new@example.org" in mail.outbox[-1].body
    assert AuditEntry.objects.filter(action="account.email_changed").count() == 1
    assert logged_in.get(link).status_code == 400  # used once only


def test_email_change_to_a_taken_address_answers_the_same_and_warns_its_owner(logged_in, person):
    UserFactory(email="taken@example.org")

    taken = logged_in.post(CHANGE, {"email": "taken@example.org"})
    free = logged_in.post(CHANGE, {"email": "free@example.org"})

    assert taken.status_code == free.status_code == 200
    sent = "accounts/change_email_sent.html"
    assert sent in [t.name for t in taken.templates]
    assert sent in [t.name for t in free.templates]
    assert mail.outbox[0].to == ["taken@example.org"]
    assert "/accounts/email/confirm/" not in mail.outbox[0].body
    assert User.objects.get(pk=person.pk).email == "somchai@example.org"


def test_email_change_tampered_link_is_refused(client, person):
    response = client.get(reverse("accounts:confirm_email_change", args=["not-a-token"]))

    assert response.status_code == 400
    assert "ลิงก์นี้ใช้ไม่ได้" in response.content.decode()
