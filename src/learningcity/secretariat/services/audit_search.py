"""Searching the audit log by who, what, which object and when."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from learningcity.audit.models import AuditEntry


@dataclass(frozen=True)
class AuditQuery:
    who: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def _start_of(day: dt.date) -> dt.datetime:
    # Days are Bangkok days: the secretariat reads and types dates in Thai time.
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def search(query: AuditQuery) -> QuerySet[AuditEntry]:
    """The entries matching every part of ``query`` that is set, newest first; ``until`` is
    inclusive (the whole day)."""
    entries = AuditEntry.objects.select_related("actor")
    if query.who:
        entries = entries.filter(
            Q(actor__email__icontains=query.who) | Q(actor__full_name__icontains=query.who)
        )
    if query.action:
        entries = entries.filter(action__startswith=query.action)
    if query.object_type:
        entries = entries.filter(object_type=query.object_type)
    if query.object_id:
        entries = entries.filter(object_id=query.object_id)
    if query.since:
        entries = entries.filter(at__gte=_start_of(query.since))
    if query.until:
        entries = entries.filter(at__lt=_start_of(query.until + dt.timedelta(days=1)))
    return entries.order_by("-at", "-id")


def known_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())


def known_object_types() -> list[str]:
    return list(
        AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    )


def _short(value) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def changes(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """The entry's values as (name, before, after), one row per name in either side."""
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    names = list(dict.fromkeys([*before, *after]))
    return [
        (name, _short(before.get(name)) if name in before else "", _short(after.get(name)))
        for name in names
    ]
