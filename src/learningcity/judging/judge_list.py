"""The judge's list of assigned applications: a summary per edition and category, and the
rows of one category a page at a time.

At a thousand assignments the list was one 532 KB page building some 9,000 model objects
(each row decoding its edition's JSON again). Now: the summary is one aggregate query, the
rows are plain values of the columns shown, conflicted applications are left out in SQL, and
only the chosen category's page of rows is read — a fixed number of queries whatever the size.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum

from learningcity.editions.models import AwardCategory, Criterion

from .enums import ReviewStatus
from .models import Assignment, Conflict, Judge, Score

PAGE_SIZE = 100


@dataclass(frozen=True)
class Group:
    edition: object
    category: AwardCategory
    total: int
    submitted: int
    drafts: int
    criteria: int

    @property
    def key(self) -> str:
        return f"{self.edition.number}-{self.category.code}"


@dataclass(frozen=True)
class Row:
    application_id: int
    reference: str
    local_government: str
    province: str
    scored: int
    total: float
    status: str

    @property
    def status_label(self) -> str:
        return ReviewStatus(self.status).label if self.status else ""


def visible_assignments(seats: list[Judge]) -> QuerySet[Assignment]:
    """The seats' assignments, those touching a declared conflict left out (in SQL)."""
    registration = "application__registration__"
    conflicted = Conflict.objects.filter(judge=OuterRef("judge")).filter(
        Q(organisation=OuterRef(f"{registration}organisation"))
        | Q(local_government=OuterRef(f"{registration}local_government"))
        | Q(province=OuterRef(f"{registration}local_government__province"))
    )
    return Assignment.objects.filter(judge__in=seats).filter(~Exists(conflicted)).order_by()


def groups(seats: list[Judge]) -> list[Group]:
    """Per edition (the current round first) and category: how many, submitted, drafts."""
    editions = {seat.edition_id: seat.edition for seat in seats}
    counts = list(
        visible_assignments(seats)
        .values("judge__edition_id", "application__registration__category_id")
        .annotate(
            total=Count("pk"),
            submitted=Count("pk", filter=Q(review__status=ReviewStatus.SUBMITTED)),
            drafts=Count("pk", filter=Q(review__status=ReviewStatus.DRAFT)),
        )
    )
    categories = AwardCategory.objects.only("pk", "code", "order", "name_th", "edition_id").in_bulk(
        {row["application__registration__category_id"] for row in counts}
    )
    criteria = dict(
        Criterion.objects.filter(edition_id__in=editions)
        .order_by()
        .values("edition_id")
        .annotate(n=Count("pk"))
        .values_list("edition_id", "n")
    )
    result = [
        Group(
            edition=editions[row["judge__edition_id"]],
            category=categories[row["application__registration__category_id"]],
            total=row["total"],
            submitted=row["submitted"],
            drafts=row["drafts"],
            criteria=criteria.get(row["judge__edition_id"], 0),
        )
        for row in counts
    ]
    result.sort(key=lambda g: (-g.edition.number, g.category.order, g.category.pk))
    return result


def _scores(aggregate) -> Subquery:
    """An aggregate of the row's scores as a correlated subquery: evaluated for the page's
    rows only (after the sort and the limit), not grouped over the whole category."""
    scores = (
        Score.objects.filter(review__assignment=OuterRef("pk"))
        .order_by()
        .values("review__assignment")
        .annotate(value=aggregate)
        .values("value")
    )
    return Subquery(scores, output_field=IntegerField())


def rows_page(seats: list[Judge], group: Group, number) -> Page:
    """One page of the group's rows: only the columns shown, as plain values."""
    queryset = (
        visible_assignments(seats)
        .filter(judge__edition=group.edition, application__registration__category=group.category)
        .annotate(scored=_scores(Count("pk")), half_points=_scores(Sum("half_points")))
        .values(
            "application_id",
            "application__reference",
            "application__registration__local_government__full_name_th",
            "application__registration__local_government__province__name_th",
            "review__status",
            "scored",
            "half_points",
        )
        .order_by("application__reference", "pk")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(number)
    page.object_list = [
        Row(
            application_id=row["application_id"],
            reference=row["application__reference"] or "",
            local_government=row["application__registration__local_government__full_name_th"],
            province=row["application__registration__local_government__province__name_th"],
            scored=row["scored"] or 0,
            total=(row["half_points"] or 0) / 2,
            status=row["review__status"] or "",
        )
        for row in page.object_list
    ]
    return page
