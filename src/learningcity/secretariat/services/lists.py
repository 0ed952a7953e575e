"""The registrations and applications of an edition, annotated with what each eligibility rule
says and filtered the way the secretariat asks; every list costs a fixed number of queries."""

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.applications.models import (
    Application,
    Certification,
    Registration,
    Representative,
)
from learningcity.editions.models import Edition
from learningcity.editions.services import current_edition
from learningcity.events.models import Attendance

from ..enums import Completeness, Eligibility


def edition_from(value: str | None) -> Edition | None:
    """The edition ``?edition=<number>`` names, else the current one, else the newest."""
    editions = Edition.objects.order_by("-number")
    if value and value.isdigit():
        chosen = editions.filter(number=int(value)).first()
        if chosen is not None:
            return chosen
    return current_edition() or editions.first()


def registrations(edition: Edition) -> QuerySet[Registration]:
    """The edition's registrations with their area, category and application, and per row the
    number of named and trained representatives, whether the head certified, and how many
    entries the same area has in the edition."""
    # Correlated subqueries rather than joins with GROUP BY: the database computes them for
    # the rows of one page only, and a count of the list can leave them out.
    same_area = _count(
        Registration.objects.filter(
            edition_id=OuterRef("edition_id"), local_government_id=OuterRef("local_government_id")
        )
    )
    mine = Representative.objects.filter(registration_id=OuterRef("pk"))
    return (
        Registration.objects.filter(edition=edition)
        .select_related(
            "organisation",
            "local_government__province",
            "category",
            "application",
            "edition",
        )
        .annotate(
            named_representatives=_count(mine.exclude(full_name="")),
            trained_representatives=_count(
                mine.filter(Exists(Attendance.objects.filter(representative_id=OuterRef("pk"))))
            ),
            is_certified=Exists(
                Certification.objects.filter(application__registration_id=OuterRef("pk"))
            ),
            area_entries=same_area,
        )
    )


def _count(queryset) -> Coalesce:
    # COUNT as a plain function, not an aggregate, so that Django adds no GROUP BY.
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@dataclass(frozen=True)
class Filters:
    """What the secretariat filters a list by; empty values filter nothing."""

    q: str = ""
    category: int | None = None
    province: str = ""
    lg_type: str = ""
    status: str = ""
    completeness: str = ""
    eligibility: str = ""
    # Only registrations waiting longer than this many days.
    waiting: int | None = None


def _completeness(prefix: str, value: str) -> Q:
    if value == Completeness.UNFINISHED:
        return ~Q(**{f"{prefix}application__status": ApplicationStatus.SUBMITTED}) | Q(
            **{f"{prefix}application__isnull": True}
        )
    if value == Completeness.NOT_STARTED:
        return Q(**{f"{prefix}application__isnull": True})
    return Q(**{f"{prefix}application__status": value})


def filter_registrations(queryset: QuerySet[Registration], filters: Filters):
    """``queryset`` narrowed by every filter that is set."""
    if filters.q:
        queryset = queryset.filter(
            Q(local_government__full_name_th__icontains=filters.q)
            | Q(organisation__name__icontains=filters.q)
            | Q(application__reference__icontains=filters.q)
        )
    if filters.category:
        queryset = queryset.filter(category_id=filters.category)
    if filters.province:
        queryset = queryset.filter(local_government__province__code=filters.province)
    if filters.lg_type:
        queryset = queryset.filter(local_government__type=filters.lg_type)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.completeness:
        queryset = queryset.filter(_completeness("", filters.completeness))
    if filters.eligibility:
        queryset = queryset.filter(_eligibility(filters.eligibility))
    if filters.waiting is not None:
        queryset = queryset.filter(
            created_at__lt=timezone.now() - dt.timedelta(days=filters.waiting)
        )
    return queryset


def _eligibility(value: str) -> Q:
    if value == Eligibility.POPULATION:
        return Q(population__lt=F("edition__min_population"))
    if value == Eligibility.REPRESENTATIVES:
        return Q(named_representatives__lt=F("edition__representatives_required"))
    if value == Eligibility.UNTRAINED:
        return Q(trained_representatives__lt=F("edition__representatives_required"))
    if value == Eligibility.UNCERTIFIED:
        return Q(is_certified=False)
    return (
        Q(population__gte=F("edition__min_population"))
        & Q(named_representatives__gte=F("edition__representatives_required"))
        & Q(is_certified=True)
    )


def applications(edition: Edition, filters: Filters) -> QuerySet[Application]:
    """The edition's applications, narrowed by the filters, with everything a row shows."""
    queryset = Application.objects.filter(registration__edition=edition).select_related(
        "registration__local_government__province",
        "registration__category",
        "registration__organisation",
        "certification",
    )
    if filters.q:
        queryset = queryset.filter(
            Q(registration__local_government__full_name_th__icontains=filters.q)
            | Q(registration__organisation__name__icontains=filters.q)
            | Q(reference__icontains=filters.q)
        )
    if filters.category:
        queryset = queryset.filter(registration__category_id=filters.category)
    if filters.province:
        queryset = queryset.filter(registration__local_government__province__code=filters.province)
    if filters.lg_type:
        queryset = queryset.filter(registration__local_government__type=filters.lg_type)
    if filters.status:
        queryset = queryset.filter(registration__status=filters.status)
    if filters.completeness == Completeness.UNFINISHED:
        queryset = queryset.exclude(status=ApplicationStatus.SUBMITTED)
    elif filters.completeness == Completeness.NOT_STARTED:
        queryset = queryset.none()
    elif filters.completeness:
        queryset = queryset.filter(status=filters.completeness)
    if filters.eligibility:
        # The same rule as the registrations list, applied through a subquery.
        eligible = filter_registrations(
            registrations(edition), Filters(eligibility=filters.eligibility)
        ).values("pk")
        queryset = queryset.filter(registration_id__in=eligible)
    return queryset.order_by(
        F("submitted_at").desc(nulls_last=True), "registration__local_government__full_name_th"
    )


def review_queue(edition: Edition, filters: Filters) -> QuerySet[Registration]:
    """The eligibility queue: registrations awaiting review, newest first, so that one that has
    just come in is at the top. A search without a chosen status looks through every status,
    those awaiting review still first."""
    if not filters.status and not filters.q:
        filters = dataclasses.replace(filters, status=RegistrationStatus.SUBMITTED)
    awaiting_first = Case(
        When(status=RegistrationStatus.SUBMITTED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        filter_registrations(registrations(edition), filters)
        .alias(awaiting_first=awaiting_first)
        .order_by("awaiting_first", "-created_at", "-pk")
    )


def awaiting_elsewhere(edition: Edition) -> list[tuple[Edition, int]]:
    """Other editions with registrations awaiting review, and how many, newest edition first."""
    counts = (
        Registration.objects.filter(status=RegistrationStatus.SUBMITTED)
        .exclude(edition=edition)
        .values("edition")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_edition = {row["edition"]: row["n"] for row in counts}
    editions = Edition.objects.filter(pk__in=by_edition).order_by("-number")
    return [(other, by_edition[other.pk]) for other in editions]
