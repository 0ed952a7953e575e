import datetime as dt

import pytest
from django.urls import reverse

from learningcity.audit.models import AuditEntry
from learningcity.secretariat.services.audit_search import AuditQuery, search
from tests.factories import BANGKOK, EditionFactory, UserFactory, log_in

from .helpers import secretariat_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    edition = EditionFactory()
    alice = UserFactory(full_name="อลิสา ผู้ตรวจ", email="alice@example.org")
    bob = UserFactory(full_name="บุญมี ผู้ดูแล", email="bob@example.org")
    made = []
    for actor, action, at in [
        (alice, "registration.status_changed", dt.datetime(2026, 5, 10, 23, 30, tzinfo=BANGKOK)),
        (bob, "application.deadline_extended", dt.datetime(2026, 5, 11, 0, 30, tzinfo=BANGKOK)),
        (alice, "prize.status_changed", dt.datetime(2026, 5, 12, 9, 0, tzinfo=BANGKOK)),
    ]:
        made.append(
            AuditEntry.objects.create(
                actor=actor,
                action=action,
                object_type="editions.edition",
                object_id=str(edition.pk),
                at=at,
            )
        )
    return made


def _actions(query):
    return [e.action for e in search(query)]


def test_search_by_who(entries):
    assert _actions(AuditQuery(who="อลิสา")) == [
        "prize.status_changed",
        "registration.status_changed",
    ]
    assert _actions(AuditQuery(who="bob@")) == ["application.deadline_extended"]


def test_search_by_action_prefix(entries):
    assert _actions(AuditQuery(action="application.")) == ["application.deadline_extended"]


def test_search_by_bangkok_days(entries):
    # 23:30 on the 10th in Bangkok is the 10th, though 16:30 UTC; 00:30 on the 11th is the 11th.
    day = dt.date(2026, 5, 10)
    assert _actions(AuditQuery(since=day, until=day)) == ["registration.status_changed"]
    assert _actions(AuditQuery(since=dt.date(2026, 5, 11))) == [
        "prize.status_changed",
        "application.deadline_extended",
    ]


def test_search_by_object(entries):
    object_id = entries[0].object_id
    assert len(_actions(AuditQuery(object_type="editions.edition", object_id=object_id))) == 3
    assert _actions(AuditQuery(object_type="applications.registration")) == []


def test_audit_page_shows_buddhist_era_bangkok_times(client, entries):
    log_in(client, secretariat_user())
    response = client.get(reverse("secretariat:audit"), {"who": "bob"})
    body = response.content.decode()
    assert "2569" in body
    assert "00:30" in body
    assert [e.action for e in response.context["page"]] == ["application.deadline_extended"]


def test_changes_pair_before_and_after_by_name():
    from learningcity.secretariat.services.audit_search import changes

    entry = AuditEntry(before={"status": "submitted"}, after={"status": "approved", "note": "x"})
    assert changes(entry) == [("status", "submitted", "approved"), ("note", "", "x")]
