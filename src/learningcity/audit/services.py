"""The append-only audit log: every state change, decision and score change is recorded here."""

from typing import Any

from django.db import models

from .models import AuditEntry

# Contact values the log does not need: the row keeps them, and its history says that they
# changed. Values under these keys are stored as PERSONAL (or CHANGED where before and after
# differ), so the log holds no copy for retention to miss.
PERSONAL_KEYS = frozenset(
    {
        "coordinator_name",
        "coordinator_phone",
        "coordinator_email",
        "head_name",
        "representatives",
        "email",
        "phone",
        "full_name",
        "given_by",
        "on_behalf_of",
        "recipient",
    }
)
PERSONAL = "[ข้อมูลส่วนบุคคล]"
CHANGED = "[ข้อมูลส่วนบุคคล: แก้ไข]"


def without_personal_values(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """``before`` and ``after`` with the values of PERSONAL_KEYS replaced by a marker."""

    def mark(values, other):
        if values is None:
            return None
        marked = {}
        for key, value in values.items():
            if key not in PERSONAL_KEYS or value in (None, "", []):
                marked[key] = value
            elif other is not None and key in other and other[key] != value:
                marked[key] = CHANGED
            else:
                marked[key] = PERSONAL
        return marked

    return mark(before, None), mark(after, before)


def record(
    actor,
    action: str,
    obj: models.Model,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    summary: str = "",
) -> AuditEntry:
    """Append one entry; call it inside the transaction that makes the change."""
    before, after = without_personal_values(before, after)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[:300],
        before=before,
        after=after,
    )


def history(obj: models.Model):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
