"""The ranking aggregated in SQL gives exactly what the rules say when computed the plain way,
from the model objects in Python, on a random committee with ties, drafts, conflicts of
interest, votes and two categories."""

import math
import random
import statistics
from collections import defaultdict

import pytest
from django.utils import timezone

from learningcity.accounts.enums import Role
from learningcity.judging.enums import ReviewStatus
from learningcity.judging.models import Assignment, Conflict, Review, Score, TieBreakVote
from learningcity.judging.ranking import DEFAULT_TIE_BREAK, ranking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _plain_ranking(edition, category) -> list[dict]:
    """The rules of judging.ranking, computed one review object at a time."""
    top_max = max(c.max_points for c in edition.criteria.all())
    reviews = list(
        Review.objects.filter(
            status=ReviewStatus.SUBMITTED, assignment__judge__edition=edition
        ).select_related("assignment__application__registration")
    )
    scores = defaultdict(list)
    for score in Score.objects.filter(review__in=reviews):
        scores[score.review_id].append(score)
    total = {r.pk: sum(s.half_points for s in scores[r.pk]) for r in reviews}
    by_judge = defaultdict(list)
    for review in reviews:
        by_judge[review.assignment.judge_id].append(total[review.pk])
    everyone = [t for totals in by_judge.values() for t in totals]
    overall_mean = statistics.fmean(everyone)
    overall_sd = statistics.pstdev(everyone)
    normalised = defaultdict(list)
    rows = defaultdict(lambda: {"totals": [], "twenty": [], "top": []})
    votes = dict(
        TieBreakVote.objects.filter(category=category).values_list("application_id", "votes")
    )
    for review in reviews:
        application = review.assignment.application
        if application.registration.category_id != category.pk:
            continue
        mine = by_judge[review.assignment.judge_id]
        sd = statistics.pstdev(mine)
        z = (total[review.pk] - statistics.fmean(mine)) / sd if sd else 0.0
        normalised[application.pk].append(overall_mean + z * overall_sd)
        row = rows[application.pk]
        row["reference"] = application.reference
        row["totals"].append(total[review.pk])
        row["twenty"].append(
            sum(s.half_points for s in scores[review.pk] if s.max_points == top_max)
        )
        row["top"].append(sum(1 for s in scores[review.pk] if s.half_points == 2 * s.max_points))
    result = []
    for pk, row in rows.items():
        totals = row["totals"]
        result.append(
            {
                "application_id": pk,
                "reference": row["reference"],
                "judges": len(totals),
                "mean": statistics.fmean(totals) / 2,
                "median": statistics.median(totals) / 2,
                "minimum": min(totals) / 2,
                "maximum": max(totals) / 2,
                "stddev": statistics.pstdev(totals) / 2,
                "normalised": statistics.fmean(normalised[pk]) / 2,
                "twenty_point_mean": statistics.fmean(row["twenty"]) / 2,
                "top_scores_mean": statistics.fmean(row["top"]),
                "votes": votes.get(pk, 0),
            }
        )
    rules = edition.settings.get("tie_break", DEFAULT_TIE_BREAK)
    keys = {
        "sum_of_20_point_criteria": lambda r: -round(r["twenty_point_mean"], 9),
        "count_of_top_scores": lambda r: -round(r["top_scores_mean"], 9),
        "committee_vote": lambda r: -r["votes"],
    }
    result.sort(
        key=lambda r: (
            -round(r["mean"], 9),
            *(keys[rule](r) for rule in rules),
            r["reference"],
            r["application_id"],
        )
    )
    return result


def _random_committee(edition, make_judge, make_application, seed: int) -> None:
    """Eight judges, 30 applications in two categories, points drawn from a few values so
    that means tie often; some reviews left as drafts, some judges conflicted afterwards,
    some ties voted on."""
    rng = random.Random(seed)  # noqa: S311 -- a repeatable sequence, not a secret
    criteria = list(edition.criteria.order_by("number"))
    categories = list(edition.categories.order_by("order")[:2])
    judges = [make_judge() for _ in range(8)]
    applications = [make_application(registration__category=categories[n % 2]) for n in range(30)]
    now = timezone.now()
    for application in applications:
        for judge in rng.sample(judges, rng.randint(1, 3)):
            assignment = Assignment.objects.create(judge=judge, application=application)
            submitted = rng.random() < 0.8
            review = Review.objects.create(
                assignment=assignment,
                status=ReviewStatus.SUBMITTED if submitted else ReviewStatus.DRAFT,
                submitted_at=now if submitted else None,
            )
            # Whole and half points near a few levels, the maximum now and then.
            level = rng.choice([0.5, 0.75, 1.0])
            for criterion in criteria[: len(criteria) if submitted else 3]:
                top = criterion.max_points * 2
                Score.objects.create(
                    review=review,
                    criterion=criterion,
                    half_points=min(top, round(top * level) - rng.choice([0, 0, 0, 1])),
                    max_points=criterion.max_points,
                )
    secretariat = UserFactory(role=Role.SECRETARIAT)
    for judge in rng.sample(judges, 2):
        organisation = rng.choice(applications).registration.organisation
        Conflict.objects.create(
            judge=judge, organisation=organisation, declared_by=secretariat, reason="ญาติ"
        )
    for application in rng.sample(applications, 6):
        TieBreakVote.objects.create(
            edition=edition,
            category=application.registration.category,
            application=application,
            votes=rng.randint(0, 3),
            recorded_by=secretariat,
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "tie_break", [None, ["count_of_top_scores", "committee_vote", "sum_of_20_point_criteria"]]
)
def test_ranking_equals_plain_computation(edition, make_judge, make_application, seed, tie_break):
    if tie_break:
        edition.settings = {"tie_break": tie_break}
        edition.save()
    _random_committee(edition, make_judge, make_application, seed)
    ties = 0
    for category in edition.categories.order_by("order")[:2]:
        expected = _plain_ranking(edition, category)
        rows = ranking(edition, category)
        assert [r.application_id for r in rows] == [e["application_id"] for e in expected]
        for row, plain in zip(rows, expected, strict=True):
            for name, value in plain.items():
                assert getattr(row, name) == pytest.approx(value, abs=1e-9), name
            assert row.spread == row.maximum - row.minimum
        ties += sum(r.separated_by not in (None, "mean") for r in rows)
    assert ties  # the set exercises the tie-break rules, not only the means


def test_ranking_counts_a_submitted_review_without_scores(
    edition, youth, make_judge, make_application
):
    application = make_application()
    scored = Review.objects.create(
        assignment=Assignment.objects.create(judge=make_judge(), application=application),
        status=ReviewStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    Score.objects.create(
        review=scored, criterion=edition.criteria.get(number=1), half_points=20, max_points=15
    )
    Review.objects.create(
        assignment=Assignment.objects.create(judge=make_judge(), application=application),
        status=ReviewStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    (row,) = ranking(edition, youth)
    assert (row.judges, row.mean, row.minimum, row.maximum) == (2, 5.0, 0.0, 10.0)
    assert math.isclose(row.top_scores_mean, 0.0)
