"""What each export holds: a header row, the number of rows, and the rows, read in chunks so
that memory stays flat however many applications there are."""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Avg, Count
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from learningcity.applications.models import Answer, Application, Registration
from learningcity.editions.models import Edition
from learningcity.judging.enums import ReviewStatus
from learningcity.judging.models import Review, Score
from learningcity.judging.ranking import ranking

CHUNK = 500


@dataclass
class Table:
    title: str
    headers: list[str]
    total: int
    rows: Iterator[list]


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _area_columns() -> list[str]:
    return [
        _("Local government"),
        _("Type"),
        _("Province"),
        _("Organisation"),
        _("Award category"),
    ]


def _area(registration: Registration) -> list:
    lg = registration.local_government
    return [
        lg.full_name_th,
        lg.get_type_display(),
        lg.province.name_th,
        registration.organisation.name,
        registration.category.name_th,
    ]


_REGISTRATION_RELATED = ("organisation", "category", "local_government__province")


def registrations(edition: Edition) -> Table:
    """One row per registration of the edition, with its application's status."""
    queryset = Registration.objects.filter(edition=edition)
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))

    def rows():
        for chunk in _chunks(ids):
            for r in (
                Registration.objects.filter(pk__in=chunk)
                .select_related(*_REGISTRATION_RELATED, "application")
                .order_by("pk")
            ):
                application = getattr(r, "application", None)
                yield [
                    r.pk,
                    *_area(r),
                    r.local_government.dla_code,
                    r.population,
                    r.population_source,
                    r.population_year_be,
                    r.head_name,
                    r.head_position,
                    r.coordinator_name,
                    r.coordinator_phone,
                    r.coordinator_email,
                    r.get_status_display(),
                    r.created_at,
                    application.get_status_display() if application else "",
                    application.reference if application else "",
                    application.submitted_at if application else None,
                ]

    headers = [
        _("Registration no."),
        *_area_columns(),
        _("DLA code"),
        _("Population"),
        _("Source of the population figure"),
        _("Year of the figure (B.E.)"),
        _("Head of the local government"),
        _("Position of the head"),
        _("Coordinator"),
        _("Coordinator's phone"),
        _("Coordinator's e-mail"),
        _("Registration status"),
        _("Registered at"),
        _("Application status"),
        _("Reference number"),
        _("Submitted at"),
    ]
    return Table(_("Registrations"), headers, len(ids), rows())


def applications(edition: Edition) -> Table:
    """One row per application: its registration's fields, then per criterion the narrative,
    the evidence tick and the judges' mean points."""
    criteria = list(edition.criteria.order_by("number"))
    ids = list(
        Application.objects.filter(registration__edition=edition)
        .order_by("pk")
        .values_list("pk", flat=True)
    )

    def rows():
        for chunk in _chunks(ids):
            answers = defaultdict(dict)
            for answer in Answer.objects.filter(application_id__in=chunk).only(
                "application_id", "criterion_id", "narrative", "evidence_confirmed"
            ):
                answers[answer.application_id][answer.criterion_id] = answer
            points = {
                (row["review__assignment__application"], row["criterion"]): row["mean"] / 2
                for row in Score.objects.filter(
                    review__assignment__application_id__in=chunk,
                    review__status=ReviewStatus.SUBMITTED,
                )
                .values("review__assignment__application", "criterion")
                .annotate(mean=Avg("half_points"))
                .order_by()
            }
            for application in (
                Application.objects.filter(pk__in=chunk)
                .select_related(*(f"registration__{name}" for name in _REGISTRATION_RELATED))
                .order_by("pk")
            ):
                registration = application.registration
                row = [
                    application.reference or "",
                    *_area(registration),
                    registration.population,
                    registration.coordinator_name,
                    registration.coordinator_email,
                    application.get_status_display(),
                    application.submitted_at,
                    application.deadline_override,
                ]
                for criterion in criteria:
                    answer = answers[application.pk].get(criterion.pk)
                    row.append(answer.narrative if answer else "")
                    row.append(bool(answer and answer.evidence_confirmed))
                    row.append(points.get((application.pk, criterion.pk)))
                yield row

    headers = [
        _("Reference number"),
        *_area_columns(),
        _("Population"),
        _("Coordinator"),
        _("Coordinator's e-mail"),
        _("Application status"),
        _("Submitted at"),
        _("Extended deadline"),
    ]
    for criterion in criteria:
        headers += [
            _("%(number)s. %(title)s — answer")
            % {"number": criterion.number, "title": criterion.short_title_th},
            _("%(number)s. evidence submitted") % {"number": criterion.number},
            _("%(number)s. mean points (of %(max)s)")
            % {"number": criterion.number, "max": criterion.max_points},
        ]
    return Table(_("Applications"), headers, len(ids), rows())


def scores(edition: Edition) -> Table:
    """One row per judge's review: the points on each criterion, the total and the comment."""
    criteria = list(edition.criteria.order_by("number"))
    reviews = Review.objects.filter(assignment__judge__edition=edition)
    ids = list(reviews.order_by("pk").values_list("pk", flat=True))

    def rows():
        for chunk in _chunks(ids):
            points = defaultdict(dict)
            for review_id, criterion_id, half in Score.objects.filter(
                review_id__in=chunk
            ).values_list("review_id", "criterion_id", "half_points"):
                points[review_id][criterion_id] = half / 2
            for review in (
                Review.objects.filter(pk__in=chunk)
                .select_related(
                    "assignment__judge__user",
                    *(f"assignment__application__registration__{n}" for n in _REGISTRATION_RELATED),
                )
                .order_by("pk")
            ):
                application = review.assignment.application
                given = points[review.pk]
                yield [
                    application.reference or "",
                    *_area(application.registration),
                    review.assignment.judge.user.full_name,
                    review.get_status_display(),
                    review.submitted_at,
                    *(given.get(criterion.pk) for criterion in criteria),
                    sum(given.values()),
                    review.overall_comment,
                ]

    headers = [
        _("Reference number"),
        *_area_columns(),
        _("Judge"),
        _("Review status"),
        _("Submitted at"),
        *(f"{criterion.number}. {criterion.short_title_th}" for criterion in criteria),
        _("Total"),
        _("Overall comment"),
    ]
    return Table(_("Scores per judge"), headers, len(ids), rows())


def aggregated(edition: Edition) -> Table:
    """Per category, the committee's ranking (judging.ranking) with its statistics."""
    categories = list(edition.categories.order_by("order"))
    total = (
        Review.objects.filter(
            assignment__judge__edition=edition, status=ReviewStatus.SUBMITTED
        ).aggregate(n=Count("assignment__application", distinct=True))["n"]
        or 0
    )

    def rows():
        for category in categories:
            ranked = ranking(edition, category)
            areas = {
                a.pk: a
                for a in Application.objects.filter(
                    pk__in=[row.application_id for row in ranked]
                ).select_related(*(f"registration__{name}" for name in _REGISTRATION_RELATED))
            }
            for row in ranked:
                yield [
                    category.name_th,
                    row.rank,
                    row.reference,
                    areas[row.application_id].registration.local_government.full_name_th,
                    row.judges,
                    row.mean,
                    row.median,
                    row.minimum,
                    row.maximum,
                    row.spread,
                    round(row.stddev, 2),
                    round(row.normalised, 2),
                    row.disagreement,
                    row.separated_by or "",
                    row.votes,
                ]

    headers = [
        _("Award category"),
        _("Rank"),
        _("Reference number"),
        _("Local government"),
        pgettext("count", "Judges"),
        _("Mean"),
        _("Median"),
        _("Lowest"),
        _("Highest"),
        _("Spread"),
        _("Standard deviation"),
        _("Normalised mean (advisory)"),
        _("Judges disagree"),
        _("Separated by"),
        _("Committee votes"),
    ]
    return Table(_("Ranking"), headers, total, rows())


BUILDERS: dict[str, Callable[[Edition], Table]] = {
    "registrations": registrations,
    "applications": applications,
    "scores": scores,
    "ranking": aggregated,
}
