import pytest

from learningcity.audit.models import AuditEntry
from learningcity.audit.services import history, record
from tests.factories import EditionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_record_keeps_who_what_before_after():
    user = UserFactory()
    edition = EditionFactory(full=False)

    entry = record(
        user,
        "edition.publish",
        edition,
        before={"published": False},
        after={"published": True},
        summary="เผยแพร่",
    )

    assert (entry.actor, entry.action, entry.object_type, entry.object_id) == (
        user,
        "edition.publish",
        "editions.edition",
        str(edition.pk),
    )
    assert (entry.before, entry.after) == ({"published": False}, {"published": True})
    assert list(history(edition)) == [entry]


def test_record_anonymous_actor_is_null():
    edition = EditionFactory(full=False)
    assert record(None, "edition.load", edition).actor is None


def test_audit_entry_cannot_be_changed():
    entry = record(None, "edition.load", EditionFactory(full=False))
    entry.summary = "แก้ไข"
    with pytest.raises(PermissionError):
        entry.save()


def test_audit_entry_cannot_be_deleted():
    entry = record(None, "edition.load", EditionFactory(full=False))
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(summary="x")
    assert AuditEntry.objects.count() == 1
