"""The judge's list: the current round first, one category's rows at a time, a page at a time."""

import pytest
from django.urls import reverse

from learningcity.judging import judge_list, services
from tests.factories import EditionFactory, log_in

from .factories import JudgeFactory, SubmittedApplicationFactory

pytestmark = pytest.mark.django_db


def _assign(judge, category_code: str, count: int) -> list[str]:
    references = []
    for _ in range(count):
        application = SubmittedApplicationFactory(
            registration__edition=judge.edition,
            registration__category=judge.edition.categories.get(code=category_code),
        )
        services.assign(judge, application, actor=None)
        references.append(application.reference)
    return references


def test_judge_list_current_round_first(client):
    old, current = EditionFactory(), EditionFactory()
    assert current.number > old.number
    old_seat = JudgeFactory(edition=old)
    current_seat = JudgeFactory(edition=current, user=old_seat.user)
    _assign(old_seat, "YOUTH", 1)
    (shown,) = _assign(current_seat, "YOUTH", 1)

    response = log_in(client, old_seat.user).get(reverse("judging:home"))

    groups = response.context["categories"]
    assert [g.edition.number for g in groups] == [current.number, old.number]
    assert [s.edition.number for s in response.context["seats"]] == [current.number, old.number]
    assert [row.reference for row in response.context["page"].object_list] == [shown]


def test_judge_list_one_category_at_a_time(client):
    edition = EditionFactory()
    judge = JudgeFactory(edition=edition)
    codes = list(edition.categories.order_by("order").values_list("code", flat=True))[:2]
    first = _assign(judge, codes[0], 2)
    second = _assign(judge, codes[1], 1)
    log_in(client, judge.user)

    default = client.get(reverse("judging:home"))
    chosen = client.get(reverse("judging:home"), {"group": f"{edition.number}-{codes[1]}"})

    assert [r.reference for r in default.context["page"].object_list] == sorted(first)
    assert [(g.total, g.submitted) for g in default.context["categories"]] == [(2, 0), (1, 0)]
    assert second[0] not in default.text
    assert [r.reference for r in chosen.context["page"].object_list] == second
    assert first[0] not in chosen.text
    assert f'href="?group={edition.number}-{codes[0]}"' in chosen.text


def test_judge_list_paginated(client, monkeypatch):
    monkeypatch.setattr(judge_list, "PAGE_SIZE", 2)
    edition = EditionFactory()
    judge = JudgeFactory(edition=edition)
    references = sorted(_assign(judge, "YOUTH", 3))
    log_in(client, judge.user)
    group = f"{edition.number}-YOUTH"

    first = client.get(reverse("judging:home"), {"group": group})
    second = client.get(reverse("judging:home"), {"group": group, "page": 2})

    assert [r.reference for r in first.context["page"].object_list] == references[:2]
    assert [r.reference for r in second.context["page"].object_list] == references[2:]
    assert f"?group={group}&amp;page=2" in first.text or f"?group={group}&page=2" in first.text


def test_judge_list_row_counts_scores_and_total(client):
    from .factories import scored_review

    edition = EditionFactory()
    judge = JudgeFactory(edition=edition)
    application = SubmittedApplicationFactory(registration__edition=edition)
    scored_review(judge, application, [10, 10, 10, 10, 10, 10.5], submit=False)

    response = log_in(client, judge.user).get(reverse("judging:home"))

    (row,) = response.context["page"].object_list
    assert (row.reference, row.scored, row.total, row.status) == (
        application.reference,
        6,
        60.5,
        "draft",
    )
    assert "6/6" in response.text
