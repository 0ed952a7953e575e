"""The figures of the secretariat's dashboard: counts, the map of registered areas, and what
is overdue; each figure carries the filters of the list behind it."""

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.applications.models import Registration
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Edition
from learningcity.editions.services import standing
from learningcity.registry.enums import LocalGovernmentType

from ..enums import Completeness

# Registrations waiting longer than this for a decision are overdue.
REVIEW_DAYS = 7
# Approved areas whose application is unfinished this close to the deadline are at risk.
DEADLINE_WARNING_DAYS = 7

# Thailand, with a margin: the frame of the map (degrees).
MAP_BOUNDS = {"lat_min": 5.4, "lat_max": 20.6, "lon_min": 97.2, "lon_max": 105.8}
MAP_SCALE = 40  # SVG units per degree


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    url: str


@dataclass
class Overdue:
    awaiting_review: Figure
    unfinished: Figure | None
    deadline: dt.datetime | None
    days_to_deadline: int | None


@dataclass
class MapPoint:
    x: float
    y: float
    name: str
    category: str
    status: str
    url: str


@dataclass
class Dashboard:
    edition: Edition
    total: Figure
    by_status: list[Figure] = field(default_factory=list)
    by_completeness: list[Figure] = field(default_factory=list)
    by_category: list[Figure] = field(default_factory=list)
    by_province: list[Figure] = field(default_factory=list)
    by_type: list[Figure] = field(default_factory=list)
    points: list[MapPoint] = field(default_factory=list)
    overdue: Overdue | None = None
    phases: list = field(default_factory=list)
    current_phases: list = field(default_factory=list)
    map_width: float = 0
    map_height: float = 0
    grid: list = field(default_factory=list)


def list_url(edition: Edition, name: str = "registrations", **filters) -> str:
    query = {"edition": edition.number, **{k: v for k, v in filters.items() if v not in ("", None)}}
    return reverse(f"secretariat:{name}") + "?" + urlencode(query)


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular projection into the SVG frame; north up."""
    x = (lon - MAP_BOUNDS["lon_min"]) * MAP_SCALE
    y = (MAP_BOUNDS["lat_max"] - lat) * MAP_SCALE
    return round(x, 1), round(y, 1)


def _counts(queryset, key: str) -> dict:
    return {row[key]: row["n"] for row in queryset.values(key).annotate(n=Count("pk")).order_by()}


def build_dashboard(edition: Edition, at: dt.datetime | None = None) -> Dashboard:
    """Every figure of the dashboard of ``edition`` in a fixed number of queries."""
    at = at or timezone.now()
    base = Registration.objects.filter(edition=edition)
    total = base.count()
    board = Dashboard(
        edition=edition,
        total=Figure("", total, list_url(edition)),
        map_width=(MAP_BOUNDS["lon_max"] - MAP_BOUNDS["lon_min"]) * MAP_SCALE,
        map_height=(MAP_BOUNDS["lat_max"] - MAP_BOUNDS["lat_min"]) * MAP_SCALE,
    )
    by_status = _counts(base, "status")
    board.by_status = [
        Figure(status.label, by_status.get(status.value, 0), list_url(edition, status=status))
        for status in RegistrationStatus
    ]
    by_application = _counts(base, "application__status")
    board.by_completeness = [
        Figure(
            Completeness.NOT_STARTED.label,
            by_application.get(None, 0),
            list_url(edition, completeness=Completeness.NOT_STARTED),
        )
    ] + [
        Figure(
            status.label,
            by_application.get(status.value, 0),
            list_url(edition, completeness=status),
        )
        for status in ApplicationStatus
    ]
    by_category = _counts(base, "category_id")
    board.by_category = [
        Figure(
            category.name_th,
            by_category.get(category.pk, 0),
            list_url(edition, category=category.pk),
        )
        for category in edition.categories.order_by("order")
    ]
    provinces = (
        base.values("local_government__province__code", "local_government__province__name_th")
        .annotate(n=Count("pk"))
        .order_by("-n", "local_government__province__thai_order")
    )
    board.by_province = [
        Figure(
            row["local_government__province__name_th"],
            row["n"],
            list_url(edition, province=row["local_government__province__code"]),
        )
        for row in provinces
    ]
    by_type = _counts(base, "local_government__type")
    board.by_type = [
        Figure(kind.label, by_type[kind.value], list_url(edition, lg_type=kind))
        for kind in LocalGovernmentType
        if by_type.get(kind.value)
    ]
    rows = base.filter(
        local_government__lat__isnull=False, local_government__lon__isnull=False
    ).values(
        "pk",
        "status",
        "category__code",
        "local_government__full_name_th",
        "local_government__lat",
        "local_government__lon",
    )
    board.grid = [
        {"y": project(lat, MAP_BOUNDS["lon_min"])[1], "label": f"{lat}°N"}
        for lat in (6, 10, 14, 18)
    ]
    for row in rows:
        x, y = project(float(row["local_government__lat"]), float(row["local_government__lon"]))
        board.points.append(
            MapPoint(
                x,
                y,
                row["local_government__full_name_th"],
                row["category__code"].lower(),
                row["status"],
                reverse("secretariat:review", kwargs={"pk": row["pk"]}),
            )
        )
    board.phases = sorted(edition.phases.all(), key=lambda p: (p.starts_at, p.ends_at))
    board.current_phases = standing(edition, at).current
    board.overdue = _overdue(edition, base, board.phases, at)
    return board


def _overdue(edition, base, phases, at: dt.datetime) -> Overdue:
    waited = at - dt.timedelta(days=REVIEW_DAYS)
    awaiting = base.filter(status=RegistrationStatus.SUBMITTED, created_at__lt=waited).count()
    submission = next((p for p in phases if p.kind == PhaseKind.SUBMISSION), None)
    unfinished = None
    days = None
    if submission is not None and at >= submission.ends_at - dt.timedelta(
        days=DEADLINE_WARNING_DAYS
    ):
        count = (
            base.filter(status=RegistrationStatus.APPROVED)
            .exclude(Q(application__status=ApplicationStatus.SUBMITTED))
            .count()
        )
        unfinished = Figure(
            "",
            count,
            list_url(
                edition, status=RegistrationStatus.APPROVED, completeness=Completeness.UNFINISHED
            ),
        )
        days = (timezone.localdate(submission.ends_at) - timezone.localdate(at)).days
    return Overdue(
        awaiting_review=Figure(
            "",
            awaiting,
            list_url(edition, status=RegistrationStatus.SUBMITTED, waiting=REVIEW_DAYS),
        ),
        unfinished=unfinished,
        deadline=submission.ends_at if submission else None,
        days_to_deadline=days,
    )
