"""The committee's ranking of a category: each application's raw mean of its judges' totals,
with the spread of those totals, an advisory normalised mean beside it, and the edition's
tie-break rules. Everything but the median is aggregated in the database, in a constant
number of queries."""

import hashlib
import json
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import (
    Avg,
    Count,
    F,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from learningcity.editions.models import AwardCategory, Edition

from .enums import ReviewStatus
from .models import Review, Score, TieBreakVote

DEFAULT_TIE_BREAK = ["sum_of_20_point_criteria", "count_of_top_scores", "committee_vote"]
DEFAULT_DISAGREEMENT_THRESHOLD = 20
# Means are compared at this precision so that 160/2 and 240/3 count as the same mean.
PRECISION = 9


@dataclass
class RankedApplication:
    application_id: int
    reference: str
    rank: int
    judges: int
    mean: float
    median: float
    minimum: float
    maximum: float
    spread: float
    stddev: float
    # Advisory only: judges' totals as z-scores, rescaled to the raw range; never replaces mean.
    normalised: float
    disagreement: bool
    twenty_point_mean: float
    top_scores_mean: float
    # The rule that put this application below the one ranked before it ("mean" when the means
    # differ, None for the first); "unresolved" means the committee still has to vote.
    separated_by: str | None = None
    votes: int = 0


# Every queryset below drops the models' default ordering (.order_by()): Score's Meta.ordering
# follows review → assignment → judge → edition, and each of those joins ran once per review
# inside the correlated subqueries (4× slower at 8,000 applications × 5 judges, bench/ranking.py).


def _score_sum(criterion_filter: dict | None = None) -> Subquery:
    scores = Score.objects.filter(review=OuterRef("pk"), **(criterion_filter or {})).order_by()
    return Coalesce(
        Subquery(scores.values("review").annotate(s=Sum("half_points")).values("s")),
        Value(0),
        output_field=IntegerField(),
    )


def _top_count() -> Subquery:
    scores = Score.objects.filter(review=OuterRef("pk"), half_points=F("max_points") * 2).order_by()
    return Coalesce(
        Subquery(scores.values("review").annotate(c=Count("pk")).values("c")),
        Value(0),
        output_field=IntegerField(),
    )


def submitted_reviews(edition: Edition) -> QuerySet[Review]:
    """Submitted reviews of the edition, each with its total in half points."""
    return (
        Review.objects.filter(status=ReviewStatus.SUBMITTED, assignment__judge__edition=edition)
        .annotate(total=_score_sum())
        .order_by()
    )


def _stats(queryset: QuerySet, **extra) -> QuerySet:
    return queryset.annotate(
        mean=Avg(Cast("total", FloatField())),
        mean_sq=Avg(Cast(F("total") * F("total"), FloatField())),
        n=Count("pk"),
        **extra,
    )


def _stddev(mean: float, mean_sq: float) -> float:
    # Population variance as E[x²] − E[x]²: SQLite has no STDDEV; rounding may dip below zero.
    return math.sqrt(max(mean_sq - mean * mean, 0.0))


def _normalised_totals(edition: Edition, totals: list[dict]) -> dict[int, float]:
    """Each judge's totals as z-scores over all their submitted reviews in the edition,
    rescaled to the whole committee's mean and spread, averaged per application (half points)."""
    judges = {
        row["assignment__judge"]: row
        for row in _stats(submitted_reviews(edition).values("assignment__judge"))
    }
    count = sum(j["n"] for j in judges.values())
    if not count:
        return {}
    overall_mean = sum(j["mean"] * j["n"] for j in judges.values()) / count
    overall_sq = sum(j["mean_sq"] * j["n"] for j in judges.values()) / count
    overall_sd = _stddev(overall_mean, overall_sq)
    rescaled = defaultdict(list)
    for row in totals:
        judge = judges[row["assignment__judge"]]
        sd = _stddev(judge["mean"], judge["mean_sq"])
        z = (row["total"] - judge["mean"]) / sd if sd else 0.0
        rescaled[row["assignment__application"]].append(overall_mean + z * overall_sd)
    return {app: sum(values) / len(values) for app, values in rescaled.items()}


def _rule_keys(row: RankedApplication) -> dict[str, object]:
    return {
        "sum_of_20_point_criteria": round(-row.twenty_point_mean, PRECISION),
        "count_of_top_scores": round(-row.top_scores_mean, PRECISION),
        "committee_vote": -row.votes,
    }


def ranking(edition: Edition, category: AwardCategory) -> list[RankedApplication]:
    """Applications of a category with at least one submitted review, best raw mean first,
    ties broken by the edition's tie_break rules in order."""
    top_criterion = edition.criteria.order_by("-max_points").values_list("max_points", flat=True)
    top_max = next(iter(top_criterion[:1]), 0)
    reviews = submitted_reviews(edition).filter(
        assignment__application__registration__category=category
    )
    per_application = _stats(
        reviews.annotate(twenty=_score_sum({"max_points": top_max}), top=_top_count()).values(
            "assignment__application", "assignment__application__reference"
        ),
        lowest=Min("total"),
        highest=Max("total"),
        twenty_mean=Avg(Cast("twenty", FloatField())),
        top_mean=Avg(Cast("top", FloatField())),
    ).order_by()
    totals = list(reviews.values("assignment__application", "assignment__judge", "total"))
    votes = dict(
        TieBreakVote.objects.filter(category=category).values_list("application_id", "votes")
    )
    by_application = defaultdict(list)
    for row in totals:
        by_application[row["assignment__application"]].append(row["total"])
    normalised = _normalised_totals(edition, totals)
    threshold = edition.settings.get("disagreement_threshold", DEFAULT_DISAGREEMENT_THRESHOLD)
    rows = []
    for agg in per_application:
        app = agg["assignment__application"]
        spread = (agg["highest"] - agg["lowest"]) / 2
        rows.append(
            RankedApplication(
                application_id=app,
                reference=agg["assignment__application__reference"] or "",
                rank=0,
                judges=agg["n"],
                mean=agg["mean"] / 2,
                median=statistics.median(by_application[app]) / 2,
                minimum=agg["lowest"] / 2,
                maximum=agg["highest"] / 2,
                spread=spread,
                stddev=_stddev(agg["mean"], agg["mean_sq"]) / 2,
                normalised=normalised[app] / 2,
                disagreement=spread > threshold,
                twenty_point_mean=agg["twenty_mean"] / 2,
                top_scores_mean=agg["top_mean"],
                votes=votes.get(app, 0),
            )
        )
    rules = edition.settings.get("tie_break", DEFAULT_TIE_BREAK)
    rows.sort(
        key=lambda r: (
            round(-r.mean, PRECISION),
            *(_rule_keys(r)[rule] for rule in rules),
            # A tie no rule settles is listed by reference until the committee votes.
            r.reference,
            r.application_id,
        )
    )
    for position, row in enumerate(rows, start=1):
        row.rank = position
        if position > 1:
            row.separated_by = _separating_rule(rows[position - 2], row, rules)
    return rows


def _separating_rule(above: RankedApplication, below: RankedApplication, rules: list[str]) -> str:
    if round(above.mean, PRECISION) != round(below.mean, PRECISION):
        return "mean"
    keys_above, keys_below = _rule_keys(above), _rule_keys(below)
    for rule in rules:
        if keys_above[rule] != keys_below[rule]:
            return rule
    return "unresolved"


RANKING_CACHE_SECONDS = 24 * 3600


def ranking_version(edition: Edition, category: AwardCategory) -> str:
    """What the ranking of a category depends on, in two aggregate queries: its submitted
    reviews (which ones and the latest submission: a review's scores change only while it is
    a draft, and submitting again moves submitted_at on), its tie-break votes, and the
    edition's rules. Any change gives another version, so another cache key."""
    reviews = (
        submitted_reviews(edition)
        .filter(assignment__application__registration__category=category)
        .aggregate(n=Count("pk"), keys=Sum("pk"), last=Max("submitted_at"))
    )
    votes = (
        TieBreakVote.objects.filter(category=category)
        .order_by()
        .aggregate(n=Count("pk"), total=Sum("votes"), last=Max("pk"))
    )
    rules = json.dumps(edition.settings, sort_keys=True, default=str)
    key = repr((reviews, votes, rules))
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def cached_ranking(edition: Edition, category: AwardCategory) -> list[RankedApplication]:
    """``ranking`` kept in the cache per category until a review or a vote changes (the
    version is read from the database, so every process and server agrees on it)."""
    key = f"ranking:{edition.pk}:{category.pk}:{ranking_version(edition, category)}"
    rows = cache.get(key)
    if rows is None:
        rows = ranking(edition, category)
        cache.set(key, rows, RANKING_CACHE_SECONDS)
    return rows
