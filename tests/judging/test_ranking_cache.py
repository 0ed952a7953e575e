"""The cached ranking is never stale: a score changed after submission or a corrected vote
recomputes it; scores saved on drafts, which the ranking does not count, do not."""

import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learningcity.applications.models import Registration
from learningcity.judging import ranking as ranking_module
from learningcity.judging import services

from .conftest import DURING_JUDGING
from .factories import JudgeFactory, SubmittedApplicationFactory, scored_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def computations(monkeypatch):
    """How many times the ranking was computed."""
    calls = []
    compute = ranking_module._rankings_and_scores_key

    def counted(edition, category_ids=None):
        calls.append(edition.number)
        return compute(edition, category_ids)

    monkeypatch.setattr(ranking_module, "_rankings_and_scores_key", counted)
    return calls


def _rows(client, edition):
    url = reverse("judging:manage_ranking", args=[edition.number, "YOUTH"])
    response = client.get(url)
    assert response.status_code == 200
    return [(r.reference, r.mean) for r in response.context["rows"]]


def test_ranking_page_recomputes_after_a_submitted_score_changes(
    client, secretariat, edition, computations
):
    judge = JudgeFactory(edition=edition)
    first, second = (SubmittedApplicationFactory(registration__edition=edition) for _ in "12")
    review = scored_review(judge, first, [10] * 6)  # 60
    scored_review(judge, second, [11] * 6)  # 66
    assert _rows(client, edition) == [(second.reference, 66), (first.reference, 60)]

    # Still allowed while judging is open: the submitted review's first criterion 10 → 15.
    criterion = edition.criteria.get(number=1)
    services.save_score(review, criterion, 15, "", judge.user, at=DURING_JUDGING)

    assert _rows(client, edition) == [(second.reference, 66), (first.reference, 65)]
    assert len(computations) == 2


def test_ranking_page_not_recomputed_for_draft_scores(client, secretariat, edition, computations):
    judge = JudgeFactory(edition=edition)
    application = SubmittedApplicationFactory(registration__edition=edition)
    scored_review(judge, application, [10] * 6)
    _rows(client, edition)
    other = JudgeFactory(edition=edition)
    draft = services.assign(other, application, actor=None).review
    services.save_score(draft, edition.criteria.get(number=1), 1, "", other.user, at=DURING_JUDGING)

    first = _rows(client, edition)
    services.save_score(draft, edition.criteria.get(number=2), 2, "", other.user, at=DURING_JUDGING)
    second = _rows(client, edition)

    assert first == second == [(application.reference, 60)]
    assert len(computations) == 1


def test_ranking_page_recomputes_after_votes_are_swapped(
    client, secretariat, edition, computations
):
    judge = JudgeFactory(edition=edition)
    u, v = (SubmittedApplicationFactory(registration__edition=edition) for _ in "uv")
    scored_review(judge, u, [10] * 6)
    scored_review(judge, v, [10] * 6)
    services.record_tie_break_vote(u, 4, "", secretariat)
    services.record_tie_break_vote(v, 3, "", secretariat)
    assert [ref for ref, _ in _rows(client, edition)] == [u.reference, v.reference]

    # The same number of votes and the same total: only the ranking shows the change.
    services.record_tie_break_vote(u, 3, "แก้ไข", secretariat)
    services.record_tie_break_vote(v, 4, "แก้ไข", secretariat)

    assert [ref for ref, _ in _rows(client, edition)] == [v.reference, u.reference]
    assert len(computations) == 2


@pytest.mark.parametrize("count", [1, 30])
def test_ranking_page_cached_constant_queries(client, secretariat, edition, count):
    judges = [JudgeFactory(edition=edition) for _ in range(2)]
    for _ in range(count):
        application = SubmittedApplicationFactory(registration__edition=edition)
        for judge in judges:
            scored_review(judge, application, [10] * 6)
    url = reverse("judging:manage_ranking", args=[edition.number, "YOUTH"])
    client.get(url)  # session stamps and the computation
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # Session, user, device, edition, category, categories; version (reviews, votes), the
    # latest score change, the page's names. The same at 1 and at 30 applications.
    assert len(queries) == 10


def test_ranking_page_says_when_its_figures_were_computed(client, secretariat, edition):
    judge = JudgeFactory(edition=edition)
    scored_review(judge, SubmittedApplicationFactory(registration__edition=edition), [10] * 6)
    url = reverse("judging:manage_ranking", args=[edition.number, "YOUTH"])

    computed = client.get(url).context["generated_at"]
    response = client.get(url)

    assert response.context["generated_at"] == computed  # the cached figures' time, not now
    assert "คำนวณตัวเลขเมื่อ" in response.content.decode()


def test_ranking_page_recomputes_after_a_review_in_another_category(client, secretariat, edition):
    first, second = JudgeFactory(edition=edition), JudgeFactory(edition=edition)
    youth = [SubmittedApplicationFactory(registration__edition=edition) for _ in "12"]
    equity = edition.categories.get(code="EQUITY")
    scored_review(first, youth[0], [10] * 6)  # 60
    scored_review(first, youth[1], [15, 20, 20, 15, 10, 10])  # 90
    scored_review(second, make_equity(edition, equity), [15, 15, 15, 15, 10, 10])  # 80
    url = reverse("judging:manage_ranking", args=[edition.number, "YOUTH"])
    before = client.get(url)

    # Every total of the edition, all categories together, scales the normalised column.
    scored_review(second, make_equity(edition, equity), [5, 10, 10, 5, 5, 5])  # 40
    after = client.get(url)

    # The first judge's 90 and 60 are z = +1 and −1: the committee's mean ± its spread.
    # Before: 60, 90, 80 → mean 230/3, E[x²] = 18100/3. After: and 40 → mean 67.5, 4925.
    sd_before = math.sqrt(18100 / 3 - (230 / 3) ** 2)
    sd_after = math.sqrt(4925 - 67.5**2)
    assert [r.normalised for r in before.context["rows"]] == pytest.approx(
        [230 / 3 + sd_before, 230 / 3 - sd_before]
    )
    assert [r.normalised for r in after.context["rows"]] == pytest.approx(
        [67.5 + sd_after, 67.5 - sd_after]
    )


def make_equity(edition, equity):
    return SubmittedApplicationFactory(registration__edition=edition, registration__category=equity)


def test_ranking_page_recomputes_when_an_application_changes_category(client, secretariat, edition):
    judge = JudgeFactory(edition=edition)
    moved, stays = (SubmittedApplicationFactory(registration__edition=edition) for _ in "12")
    scored_review(judge, moved, [10] * 6)
    scored_review(judge, stays, [12] * 6)
    assert [ref for ref, _ in _rows(client, edition)] == [stays.reference, moved.reference]

    Registration.objects.filter(pk=moved.registration_id).update(
        category=edition.categories.get(code="EQUITY")
    )

    assert [ref for ref, _ in _rows(client, edition)] == [stays.reference]
