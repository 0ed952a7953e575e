"""Rules about editions: which one is current, where it stands, whether its rubric is whole."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import PhaseKind
from .models import AwardCategory, Edition, Phase

RUBRIC_TOTAL = 100


def validate_rubric_points(points: list[int]) -> None:
    """An edition's criteria must total exactly 100 points."""
    total = sum(points)
    if total != RUBRIC_TOTAL:
        raise ValidationError(
            _(
                "The criteria total %(total)s points; an edition's criteria must total exactly "
                "%(required)s points."
            )
            % {"total": total, "required": RUBRIC_TOTAL},
            code="rubric_total",
        )


def rubric_total(edition: Edition) -> int:
    return edition.criteria.aggregate(total=Sum("max_points"))["total"] or 0


def current_edition() -> Edition | None:
    """The edition the public call shows: the newest published edition that is not a demo."""
    return Edition.objects.filter(is_published=True, is_demo=False).order_by("-number").first()


def demo_edition() -> Edition | None:
    return Edition.objects.filter(is_published=True, is_demo=True).order_by("-number").first()


def edition_for_call(number: int | None) -> Edition | None:
    """An edition with everything its call page shows, in a fixed number of queries."""
    editions = Edition.objects.filter(is_published=True).prefetch_related(
        "phases",
        "criteria",
        "documents",
        "prizes",
        "contacts",
        Prefetch("categories", queryset=AwardCategory.objects.order_by("order")),
    )
    if number is None:
        edition = current_edition()
        if edition is None:
            return None
        number = edition.number
    return editions.filter(number=number).first()


@dataclass(frozen=True)
class Standing:
    """Where an edition stands at a moment: the phases under way and the next one to come."""

    current: list[Phase]
    upcoming: Phase | None
    finished: bool

    @property
    def primary(self) -> Phase | None:
        # When phases overlap (training falls inside submission), the one that closes first
        # is the most pressing.
        return min(self.current, key=lambda p: p.ends_at) if self.current else None


def standing(edition: Edition, at: dt.datetime | None = None) -> Standing:
    at = at or timezone.now()
    phases = sorted(edition.phases.all(), key=lambda p: (p.starts_at, p.ends_at))
    current = [p for p in phases if p.starts_at <= at <= p.ends_at]
    upcoming = next((p for p in phases if p.starts_at > at), None)
    finished = bool(phases) and all(p.ends_at < at for p in phases)
    return Standing(current=current, upcoming=upcoming, finished=finished)


def days_left(phase: Phase, at: dt.datetime | None = None) -> int:
    """Whole days until the phase closes, counting today, in Asia/Bangkok (0 on the last day)."""
    at = at or timezone.now()
    return (timezone.localdate(phase.ends_at) - timezone.localdate(at)).days


def days_until(phase: Phase, at: dt.datetime | None = None) -> int:
    at = at or timezone.now()
    return (timezone.localdate(phase.starts_at) - timezone.localdate(at)).days


def phase_is_open(edition: Edition, kind: PhaseKind, at: dt.datetime | None = None) -> bool:
    """Whether the edition's phase of this kind is open at the moment (bounds inclusive)."""
    at = at or timezone.now()
    return edition.phases.filter(kind=kind, starts_at__lte=at, ends_at__gte=at).exists()
