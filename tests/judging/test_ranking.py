"""The ranking: hand-computed statistics, tie-breaks, the normalised column, query count."""

import math

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learningcity.accounts.enums import Role
from learningcity.audit.models import AuditEntry
from learningcity.judging import services
from learningcity.judging.enums import ReviewStatus
from learningcity.judging.models import Assignment, Review, Score, TieBreakVote
from learningcity.judging.ranking import ranking
from tests.factories import UserFactory

from .factories import scored_review

pytestmark = pytest.mark.django_db

approx = pytest.approx


def test_ranking_three_judges_two_applications(edition, youth, make_judge, make_application):
    a, b, c = make_judge(), make_judge(), make_judge()
    x, y = make_application(), make_application()
    scored_review(a, x, [12, 16, 15, 10, 11, 12])  # 76
    scored_review(b, x, [13, 17, 16, 12, 12, 13])  # 83
    scored_review(c, x, [10, 14, 13, 9, 10, 10])  # 66
    scored_review(a, y, ["7.5", 10, 10, "7.5", "7.5", "7.5"])  # 50
    scored_review(b, y, [15, 20, 20, 15, 15, 15])  # 100, every criterion at its maximum
    scored_review(c, y, [5, 10, 10, 5, 5, 5])  # 40
    first, second = ranking(edition, youth)
    # x: totals 66, 76, 83. Mean 225/3 = 75; median 76; spread 83 − 66 = 17.
    # Population variance: ((76−75)² + (83−75)² + (66−75)²) / 3 = (1 + 64 + 81) / 3 = 146/3.
    assert (first.application_id, first.rank, first.judges) == (x.pk, 1, 3)
    assert (first.mean, first.median, first.minimum, first.maximum) == (75, 76, 66, 83)
    assert first.spread == 17
    assert first.stddev == approx(math.sqrt(146 / 3))  # 6.9761…
    assert first.disagreement is False
    assert first.separated_by is None
    # y: totals 40, 50, 100. Mean 190/3 = 63.33…; median 50; spread 60 > 20 → disagreement.
    # E[x²] = (2500 + 10000 + 1600) / 3 = 4700; variance 4700 − 190²/9 = 6200/9; sd √6200 / 3.
    assert (second.application_id, second.rank) == (y.pk, 2)
    assert second.mean == approx(190 / 3)
    assert (second.median, second.spread) == (50, 60)
    assert second.stddev == approx(math.sqrt(6200) / 3)  # 26.2467…
    assert second.disagreement is True
    assert second.separated_by == "mean"
    # 20-point criteria (2 and 3), mean over judges: y (20 + 40 + 20) / 3; tops: 6 of b's / 3.
    assert second.twenty_point_mean == approx(80 / 3)
    assert second.top_scores_mean == approx(2)


def test_ranking_disagreement_threshold_from_settings(edition, youth, make_judge, make_application):
    edition.settings = {"disagreement_threshold": 10}
    edition.save()
    x = make_application()
    scored_review(make_judge(), x, [10, 10, 10, 10, 10, 10])  # 60
    scored_review(make_judge(), x, [12, 14, 12, 12, 10, 10])  # 70: spread 10, not above 10
    assert ranking(edition, youth)[0].disagreement is False


def test_ranking_tie_broken_by_20_point_criteria(edition, youth, make_judge, make_application):
    judge = make_judge()
    p, q = make_application(), make_application()
    scored_review(judge, p, [15, 15, 15, 15, 10, 10])  # 80; criteria 2+3 = 30; 2 at max
    scored_review(judge, q, [10, 20, 20, 10, 10, 10])  # 80; criteria 2+3 = 40; 2 at max
    rows = ranking(edition, youth)
    assert [r.application_id for r in rows] == [q.pk, p.pk]
    assert rows[1].separated_by == "sum_of_20_point_criteria"


def test_ranking_tie_broken_by_count_of_top_scores(edition, youth, make_judge, make_application):
    judge = make_judge()
    s, r = make_application(), make_application()
    scored_review(judge, s, [14, 15, 15, 14, 11, 11])  # 80; criteria 2+3 = 30; none at max
    scored_review(judge, r, [15, 15, 15, 15, 10, 10])  # 80; criteria 2+3 = 30; 1 and 4 at max
    rows = ranking(edition, youth)
    assert [row.application_id for row in rows] == [r.pk, s.pk]
    assert rows[1].separated_by == "count_of_top_scores"


def test_ranking_tie_unresolved_until_committee_votes(edition, youth, make_judge, make_application):
    judge = make_judge()
    u, v = make_application(), make_application()
    scored_review(judge, v, [10] * 6)
    scored_review(judge, u, [10] * 6)
    rows = ranking(edition, youth)
    # No rule separates them: listed by reference, marked for the committee.
    assert [row.application_id for row in rows] == [u.pk, v.pk]
    assert rows[1].separated_by == "unresolved"
    secretariat = UserFactory(role=Role.SECRETARIAT)
    services.record_tie_break_vote(v, 5, "มติที่ประชุม", secretariat)
    services.record_tie_break_vote(u, 2, "มติที่ประชุม", secretariat)
    rows = ranking(edition, youth)
    assert [(row.application_id, row.votes) for row in rows] == [(v.pk, 5), (u.pk, 2)]
    assert rows[1].separated_by == "committee_vote"


def test_record_tie_break_vote_corrects_and_audits(make_application):
    application = make_application()
    secretariat = UserFactory(role=Role.SECRETARIAT)
    services.record_tie_break_vote(application, 3, "", secretariat)
    vote = services.record_tie_break_vote(application, 4, "แก้ไข", secretariat)
    assert (TieBreakVote.objects.get().votes, vote.rank_note) == (4, "แก้ไข")
    assert AuditEntry.objects.filter(action="judging.tie_break_vote").count() == 2


@pytest.mark.parametrize(("role", "votes"), [(Role.JUDGE, 1), (Role.SECRETARIAT, -1)])
def test_record_tie_break_vote_refused(make_application, role, votes):
    with pytest.raises((PermissionDenied, ValidationError)):
        services.record_tie_break_vote(make_application(), votes, "", UserFactory(role=role))
    assert not TieBreakVote.objects.exists()


def test_ranking_tie_break_order_from_settings(edition, youth, make_judge, make_application):
    edition.settings = {"tie_break": ["count_of_top_scores", "sum_of_20_point_criteria"]}
    edition.save()
    judge = make_judge()
    p, q = make_application(), make_application()
    scored_review(judge, p, [15, 15, 15, 15, 10, 10])  # 2 at max, criteria 2+3 = 30
    scored_review(judge, q, [10, 20, 15, 10, 15, 10])  # 2 at max, criteria 2+3 = 35
    scored_review(make_judge(), p, [15, 15, 15, 15, 10, 10])
    scored_review(make_judge(), q, [15, 15, 15, 5, 15, 15])  # 80; 4 at max, 2+3 = 30
    rows = ranking(edition, youth)
    # Means tie at 80; tops: p 2, q (2 + 4) / 2 = 3 → q first by the first rule in settings.
    assert [row.application_id for row in rows] == [q.pk, p.pk]
    assert rows[1].separated_by == "count_of_top_scores"


def test_ranking_strict_judge_visible_in_normalised(edition, youth, make_judge, make_application):
    fair, strict = make_judge(), make_judge()
    one, two, three, four = (make_application() for _ in range(4))
    scored_review(fair, one, [15, 15, 15, 15, 10, 10])  # 80
    scored_review(fair, two, [10, 10, 10, 10, 10, 10])  # 60
    scored_review(strict, three, [10, 15, 15, 10, 10, 10])  # 70: the same work, 10 lower
    scored_review(strict, four, [5, 10, 10, 10, 10, 5])  # 50
    rows = {row.application_id: row for row in ranking(edition, youth)}
    # Raw means stay exactly the judges' totals.
    assert [rows[a.pk].mean for a in (one, two, three, four)] == [80, 60, 70, 50]
    # Each judge: mean 70 / 60, population sd 10 → z = +1, −1. Whole committee: mean 65,
    # E[x²] = (6400 + 3600 + 4900 + 2500) / 4 = 4350, variance 4350 − 65² = 125, sd √125.
    high, low = 65 + math.sqrt(125), 65 - math.sqrt(125)  # 76.18…, 53.82…
    assert rows[one.pk].normalised == approx(high)
    assert rows[three.pk].normalised == approx(high)
    assert rows[two.pk].normalised == approx(low)
    assert rows[four.pk].normalised == approx(low)


def test_ranking_ignores_drafts_and_other_categories(edition, youth, make_judge, make_application):
    judge = make_judge()
    scored_review(judge, make_application(), [10] * 6, submit=False)
    equity = edition.categories.get(code="EQUITY")
    scored_review(judge, make_application(registration__category=equity), [10] * 6)
    assert ranking(edition, youth) == []
    assert len(ranking(edition, equity)) == 1


def _bulk_scored(edition, judges, applications):
    """Submitted reviews for every judge × application, written directly for speed."""
    criteria = list(edition.criteria.order_by("number"))
    now = timezone.now()
    assignments = Assignment.objects.bulk_create(
        Assignment(judge=j, application=a) for a in applications for j in judges
    )
    reviews = Review.objects.bulk_create(
        Review(assignment=a, status=ReviewStatus.SUBMITTED, submitted_at=now) for a in assignments
    )
    Score.objects.bulk_create(
        Score(
            review=r,
            criterion=c,
            half_points=(r.pk * 7 + c.number * 3) % (2 * c.max_points + 1),
            max_points=c.max_points,
        )
        for r in reviews
        for c in criteria
    )


@pytest.mark.parametrize("count", [1, 50])
def test_ranking_constant_queries(
    edition, youth, make_judge, make_application, django_assert_num_queries, count
):
    judges = [make_judge() for _ in range(3)]
    _bulk_scored(edition, judges, [make_application() for _ in range(count)])
    # Top criterion maximum, every submitted review's sums (one GROUP BY), votes.
    with django_assert_num_queries(3):
        rows = ranking(edition, youth)
    assert len(rows) == count
    assert [row.rank for row in rows] == list(range(1, count + 1))
