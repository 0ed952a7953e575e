"""The audit log keeps who did what and when; personal values inside it can be redacted, and
new entries do not store contact values at all."""

import pytest

from learningcity.audit.models import AuditEntry
from learningcity.audit.services import CHANGED, PERSONAL, record
from tests.factories import EditionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_record_stores_markers_instead_of_contact_values():
    edition = EditionFactory(full=False)

    entry = record(
        UserFactory(),
        "registration.updated",
        edition,
        before={"coordinator_email": "a@example.org", "phone": "081", "population": 1},
        after={"coordinator_email": "b@example.org", "phone": "081", "population": 2},
    )

    assert entry.before == {"coordinator_email": PERSONAL, "phone": PERSONAL, "population": 1}
    assert entry.after == {"coordinator_email": CHANGED, "phone": PERSONAL, "population": 2}


def test_record_keeps_empty_contact_values_empty():
    entry = record(None, "x.y", EditionFactory(full=False), after={"email": "", "phone": None})

    assert entry.after == {"email": "", "phone": None}


def test_audit_redact_changes_values_only():
    entry = record(None, "x.y", EditionFactory(full=False), summary="นางสาวสมหญิง", after={"a": 1})
    entries = AuditEntry.objects.filter(pk=entry.pk)

    assert entries.redact(summary="[ลบแล้ว]", after={"a": "[ลบแล้ว]"}) == 1
    with pytest.raises(PermissionError):
        entries.redact(action="changed")
    with pytest.raises(PermissionError):
        entries.redact(actor=None)
    with pytest.raises(PermissionError):
        entries.update(summary="x")

    entry.refresh_from_db()
    assert (entry.action, entry.summary, entry.after) == ("x.y", "[ลบแล้ว]", {"a": "[ลบแล้ว]"})
