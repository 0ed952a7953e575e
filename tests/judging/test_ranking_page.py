"""The ranking page: cached per category until a review or a vote changes, a page at a time."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learningcity.judging.models import Review
from learningcity.judging.views import manage
from tests.factories import bangkok

from .factories import JudgeFactory, SubmittedApplicationFactory, scored_review

pytestmark = pytest.mark.django_db
FULL = [15, 20, 20, 15, 15, 15]  # every criterion's maximum: 100


def _get(client, edition, **params):
    url = reverse("judging:manage_ranking", args=[edition.number, "YOUTH"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return response, len(queries)


def test_ranking_page_cached_until_a_review_changes(client, secretariat, edition):
    judge = JudgeFactory(edition=edition)
    first = SubmittedApplicationFactory(registration__edition=edition)
    scored_review(judge, first, [10] * 6)
    _get(client, edition)  # session stamps and the first computation
    response, hit = _get(client, edition)
    cache.clear()
    _, miss = _get(client, edition)
    assert [r.reference for r in response.context["rows"]] == [first.reference]
    assert hit < miss

    second = SubmittedApplicationFactory(registration__edition=edition)
    scored_review(judge, second, FULL, at=bangkok(2026, 8, 21, 10))
    response, _ = _get(client, edition)

    assert [r.reference for r in response.context["rows"]] == [second.reference, first.reference]


def test_ranking_page_reopened_review_leaves_the_ranking(client, secretariat, edition):
    judges = [JudgeFactory(edition=edition) for _ in range(2)]
    application = SubmittedApplicationFactory(registration__edition=edition)
    review = scored_review(judges[0], application, [10] * 6)
    scored_review(judges[1], application, FULL)
    response, _ = _get(client, edition)
    assert response.context["rows"][0].judges == 2

    Review.objects.filter(pk=review.pk).update(status="draft")
    response, _ = _get(client, edition)

    assert response.context["rows"][0].judges == 1
    assert response.context["rows"][0].mean == 100.0


def test_ranking_page_paginated(client, secretariat, edition, monkeypatch):
    monkeypatch.setattr(manage, "RANKING_PAGE_SIZE", 1)
    judge = JudgeFactory(edition=edition)
    better, worse = (SubmittedApplicationFactory(registration__edition=edition) for _ in range(2))
    scored_review(judge, better, FULL)
    scored_review(judge, worse, [5] * 6)

    first, _ = _get(client, edition)
    second, _ = _get(client, edition, page=2)

    assert [r.reference for r in first.context["rows"]] == [better.reference]
    assert [(r.rank, r.reference) for r in second.context["rows"]] == [(2, worse.reference)]
