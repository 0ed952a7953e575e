"""The committee's ranking of a category: each application's raw mean of its judges' totals,
with the spread of those totals, an advisory normalised mean beside it, and the edition's
tie-break rules. Each review's sums are aggregated in the database in one query; the
per-application statistics are then taken in Python from those few integers per review."""

import datetime
import hashlib
import json
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from operator import itemgetter

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone

from learningcity.applications.models import Application, Registration
from learningcity.editions.models import AwardCategory, Edition

from .enums import ReviewStatus
from .models import Assignment, Judge, Review, Score, ScoreChange, TieBreakVote

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


# Each submitted review of an edition with its sums in half points: application, judge,
# category, reference, total, points on the highest-weighted criteria, how many criteria got
# full marks, how many scores, and the latest change of its scores as text (only compared).
# The scores are summed per review first (one pass over the Score table, kept to the
# edition's submitted reviews), then joined to their application: the ORM can only join
# before it groups, 1.5–2× slower at 240,000 scores. Rows stay plain tuples: 40,000 named
# tuples cost 20–40 ms more to build, and as many date-times 45 ms to parse (bench/ranking.py).
_REVIEW_TOTALS_SQL = """
SELECT a.application_id, a.judge_id, reg.category_id, app.reference,
       COALESCE(s.total, 0), COALESCE(s.twenty, 0), COALESCE(s.top, 0),
       COALESCE(s.n, 0), CAST(s.last_change AS TEXT)
FROM {review} r
JOIN {assignment} a ON a.id = r.assignment_id
JOIN {judge} j ON j.id = a.judge_id
JOIN {application} app ON app.id = a.application_id
JOIN {registration} reg ON reg.id = app.registration_id
LEFT JOIN (
    SELECT sc.review_id,
           SUM(sc.half_points) AS total,
           SUM(CASE WHEN sc.max_points = %(top_max)s THEN sc.half_points ELSE 0 END) AS twenty,
           SUM(CASE WHEN sc.half_points = 2 * sc.max_points THEN 1 ELSE 0 END) AS top,
           COUNT(*) AS n,
           MAX(sc.updated_at) AS last_change
    FROM {score} sc
    WHERE sc.review_id IN (
        SELECT r2.id FROM {review} r2
        JOIN {assignment} a2 ON a2.id = r2.assignment_id
        JOIN {judge} j2 ON j2.id = a2.judge_id
        WHERE r2.status = %(status)s AND j2.edition_id = %(edition)s
    )
    GROUP BY sc.review_id
) s ON s.review_id = r.id
WHERE r.status = %(status)s AND j.edition_id = %(edition)s
"""

# The same figures of the scores as _REVIEW_TOTALS_SQL gives (so the driver's types agree):
# whether a submitted review's scores changed since the ranking was computed. The whole
# edition's, as every review weighs in its judge's normalisation, in every category.
_SCORES_KEY_SQL = """
SELECT COUNT(sc.id), COALESCE(SUM(sc.half_points), 0), CAST(MAX(sc.updated_at) AS TEXT)
FROM {score} sc
JOIN {review} r ON r.id = sc.review_id
JOIN {assignment} a ON a.id = r.assignment_id
JOIN {judge} j ON j.id = a.judge_id
WHERE r.status = %(status)s AND j.edition_id = %(edition)s
"""


def _tables() -> dict[str, str]:
    return {
        "score": Score._meta.db_table,
        "review": Review._meta.db_table,
        "assignment": Assignment._meta.db_table,
        "judge": Judge._meta.db_table,
        "application": Application._meta.db_table,
        "registration": Registration._meta.db_table,
    }


def _review_totals(edition: Edition, top_max: int) -> list[tuple]:
    """Every submitted review of the edition with its sums, in one query."""
    sql = _REVIEW_TOTALS_SQL.format(**_tables())  # table names only; values are parameters
    status = str(ReviewStatus.SUBMITTED)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"top_max": top_max, "status": status, "edition": edition.pk})
        return cursor.fetchall()


def _stddev(mean: float, mean_sq: float) -> float:
    # Population variance as E[x²] − E[x]²: SQLite has no STDDEV; rounding may dip below zero.
    return math.sqrt(max(mean_sq - mean * mean, 0.0))


def _normalised_totals(reviews: list[tuple], ranked: list[tuple]) -> dict[int, float]:
    """Each judge's totals as z-scores over all their submitted reviews in the edition,
    rescaled to the whole committee's mean and spread, averaged per application of the
    ``ranked`` reviews (half points)."""
    sums: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, Σx, Σx²
    for _app, judge_id, _category, _reference, total, *_rest in reviews:
        judge = sums[judge_id]
        judge[0] += 1
        judge[1] += total
        judge[2] += total * total
    # Integer sums divided once: the same floats as the database's AVG of the totals.
    judges = {pk: (n, s / n, sq / n) for pk, (n, s, sq) in sums.items()}
    count = sum(n for n, _mean, _sq in judges.values())
    if not count:
        return {}
    overall_mean = sum(mean * n for n, mean, _sq in judges.values()) / count
    overall_sq = sum(sq * n for n, _mean, sq in judges.values()) / count
    overall_sd = _stddev(overall_mean, overall_sq)
    scale = {pk: (mean, _stddev(mean, sq)) for pk, (_n, mean, sq) in judges.items()}
    rescaled = defaultdict(list)
    for app, judge_id, _category, _reference, total, *_rest in ranked:
        mean, sd = scale[judge_id]
        z = (total - mean) / sd if sd else 0.0
        rescaled[app].append(overall_mean + z * overall_sd)
    return {app: sum(values) / len(values) for app, values in rescaled.items()}


# Each tie-break rule as a sort key: the better application first.
RULE_KEYS = {
    "sum_of_20_point_criteria": lambda row: round(-row.twenty_point_mean, PRECISION),
    "count_of_top_scores": lambda row: round(-row.top_scores_mean, PRECISION),
    "committee_vote": lambda row: -row.votes,
}


def _top_max(edition: Edition) -> int:
    top_criterion = edition.criteria.order_by("-max_points").values_list("max_points", flat=True)
    return next(iter(top_criterion[:1]), 0)


def ranking(edition: Edition, category: AwardCategory) -> list[RankedApplication]:
    """Applications of a category with at least one submitted review, best raw mean first,
    ties broken by the edition's tie_break rules in order."""
    return _rankings_and_scores_key(edition, [category.pk])[0].get(category.pk, [])


def _rankings_and_scores_key(
    edition: Edition, category_ids: list[int] | None = None
) -> tuple[dict[int, list[RankedApplication]], tuple]:
    """The ranking of each category (those given, or every one with a submitted review),
    from one query of the edition's reviews, and the key of the scores they were read from."""
    reviews = _review_totals(edition, _top_max(edition))
    wanted = None if category_ids is None else set(category_ids)
    votes = TieBreakVote.objects.filter(category__edition=edition)
    if category_ids is not None:
        votes = votes.filter(category__in=category_ids)
    votes = dict(votes.values_list("application_id", "votes"))
    # application → [category, reference, totals, Σ 20-point criteria, Σ full marks]
    by_application: dict[int, list] = {}
    scores, points, changes, ranked = 0, 0, [], []
    for review in reviews:
        app, _judge, category, reference, total, twenty, top, n, last_change = review
        scores += n
        points += total
        if last_change is not None:
            changes.append(last_change)
        if wanted is not None and category not in wanted:
            continue
        ranked.append(review)
        entry = by_application.get(app)
        if entry is None:
            by_application[app] = [category, reference, [total], twenty, top]
        else:
            entry[2].append(total)
            entry[3] += twenty
            entry[4] += top
    normalised = _normalised_totals(reviews, ranked)
    threshold = edition.settings.get("disagreement_threshold", DEFAULT_DISAGREEMENT_THRESHOLD)
    rows = defaultdict(list)
    for app, (category, reference, totals, twenty, top) in by_application.items():
        n = len(totals)
        lowest, highest = min(totals), max(totals)
        mean, mean_sq = sum(totals) / n, sum(t * t for t in totals) / n
        spread = (highest - lowest) / 2
        rows[category].append(
            RankedApplication(
                application_id=app,
                reference=reference or "",
                rank=0,
                judges=n,
                mean=mean / 2,
                median=statistics.median(totals) / 2,
                minimum=lowest / 2,
                maximum=highest / 2,
                spread=spread,
                stddev=_stddev(mean, mean_sq) / 2,
                normalised=normalised[app] / 2,
                disagreement=spread > threshold,
                twenty_point_mean=twenty / n / 2,
                top_scores_mean=top / n,
                votes=votes.get(app, 0),
            )
        )
    rules = edition.settings.get("tie_break", DEFAULT_TIE_BREAK)
    ranked = {category: _ordered(unordered, rules) for category, unordered in rows.items()}
    return ranked, (scores, points, max(changes, default=None))


def _ordered(rows: list[RankedApplication], rules: list[str]) -> list[RankedApplication]:
    """Best raw mean first, then by each rule in order, with rank and separating rule."""
    keys = [RULE_KEYS[rule] for rule in rules]
    ordered = sorted(
        (
            (
                (
                    round(-row.mean, PRECISION),
                    *(key(row) for key in keys),
                    # A tie no rule settles is listed by reference until the committee votes.
                    row.reference,
                    row.application_id,
                ),
                row,
            )
            for row in rows
        ),
        key=itemgetter(0),
    )
    for position, (key, row) in enumerate(ordered, start=1):
        row.rank = position
        if position > 1:
            row.separated_by = _separating_rule(ordered[position - 2][0], key, rules)
    return [row for _key, row in ordered]


def _separating_rule(above: tuple, below: tuple, rules: list[str]) -> str:
    """The first of the sort keys (mean, then the rules) that differs."""
    for name, key_above, key_below in zip(["mean", *rules], above, below, strict=False):
        if key_above != key_below:
            return name
    return "unresolved"


RANKING_CACHE_SECONDS = 24 * 3600


def ranking_version(edition: Edition) -> str:
    """What the rankings of an edition depend on, apart from scores edited after submission
    (see ``cached_ranking``), in two small queries: the submitted reviews of each category
    (which ones, and the latest submission, as submitting again moves submitted_at on;
    every review weighs in its judge's normalisation, in every category), the tie-break
    votes, and the edition's rules. Any change gives another version."""
    category = "assignment__application__registration__category"
    reviews = list(
        _submitted_reviews(edition)
        .values(category)
        .annotate(n=Count("pk"), keys=Sum("pk"), last=Max("submitted_at"))
        .order_by(category)
        .values_list(category, "n", "keys", "last")
    )
    votes = sorted(
        TieBreakVote.objects.filter(category__edition=edition).values_list(
            "category_id", "application_id", "votes"
        )
    )
    rules = json.dumps(edition.settings, sort_keys=True, default=str)
    key = repr((reviews, votes, rules))
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _submitted_reviews(edition: Edition) -> QuerySet[Review]:
    return Review.objects.filter(status=ReviewStatus.SUBMITTED, assignment__judge__edition=edition)


def _submitted_scores_key(edition: Edition) -> tuple:
    """How many scores the edition's submitted reviews hold, their sum and latest change: a
    judge may still change them after submitting while judging is open (about 70 ms at
    8,000 × 5, so only asked when some score was saved since)."""
    sql = _SCORES_KEY_SQL.format(**_tables())  # table names only; values are parameters
    params = {"status": str(ReviewStatus.SUBMITTED), "edition": edition.pk}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(cursor.fetchone())


def _submitted_score_changed_since(edition: Edition, last_change: int) -> bool:
    # From the few changes after last_change (the primary key's index) to their reviews.
    return ScoreChange.objects.filter(
        pk__gt=last_change,
        score__review__status=ReviewStatus.SUBMITTED,
        score__review__assignment__judge__edition=edition,
    ).exists()


def _last_score_change() -> int:
    # Every score saved, in any review, adds a ScoreChange: its highest id is read from the
    # primary key's index at once, and says whether any score can have changed since.
    return ScoreChange.objects.aggregate(last=Max("pk"))["last"] or 0


@dataclass
class CachedRanking:
    version: str
    scores: tuple
    last_change: int
    computed_at: datetime.datetime
    rows: list[RankedApplication]


def cached_ranking(edition: Edition, category: AwardCategory) -> CachedRanking:
    """``ranking`` kept in the cache per category, never stale: the version (reviews, votes,
    rules) is read from the database on every request, so every process and server agrees;
    when any score was saved since, the scores of submitted reviews are compared too, and
    only a change there recomputes (drafts being scored do not)."""
    key = f"ranking:{edition.pk}:{category.pk}"
    # Both read before computing: a change made meanwhile makes the next request recompute.
    version, last_change = ranking_version(edition), _last_score_change()
    entry = cache.get(key)
    if entry is not None and entry.version == version:
        if entry.last_change == last_change:
            return entry
        # A newer change of a submitted score is found at once; only when there is none
        # (drafts being scored, or an older change committed late) are the scores compared.
        if not _submitted_score_changed_since(
            edition, entry.last_change
        ) and entry.scores == _submitted_scores_key(edition):
            entry.last_change = last_change
            cache.set(key, entry, RANKING_CACHE_SECONDS)
            return entry
    computed_at = timezone.now()
    # Only the category asked for: the others' rows would add 30–40 ms of CPU to this request.
    rankings, scores = _rankings_and_scores_key(edition, [category.pk])
    entry = CachedRanking(version, scores, last_change, computed_at, rankings.get(category.pk, []))
    cache.set(key, entry, RANKING_CACHE_SECONDS)
    return entry
