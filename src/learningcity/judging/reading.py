"""The application as a judge reads it: each criterion's answer, its tables and evidence next
to the judge's score, the photos with captions, the learning places and the other files."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Prefetch

from learningcity.applications.models import Answer
from learningcity.applications.services import answers_with_rows, row_models
from learningcity.attachments.models import Attachment
from learningcity.editions.enums import DocumentKind, PhaseKind
from learningcity.editions.models import Criterion
from learningcity.editions.services import phase_is_open
from learningcity.results.services import scores_locked
from learningcity.thai.formatting import format_date, format_number

from .models import Review, Score, ScoreChange
from .services import may_see_others


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    criterion: Criterion
    answer: Answer | None
    tables: list[Table]
    evidence: list[Attachment]
    score: Score | None
    others: list[Score] = field(default_factory=list)


def _cell(row, name: str) -> str:
    model_field = row._meta.get_field(name)
    value = getattr(row, name)
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(getattr(row, f"get_{name}_display")())
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal) and isinstance(model_field, models.DecimalField):
        if name in ("latitude", "longitude"):
            return str(value.normalize())
        return format_number(value, 0 if value == value.to_integral_value() else 2)
    return str(value)


def _tables(answer: Answer) -> list[Table]:
    tables = []
    for model in row_models(answer.criterion):
        rows = list(getattr(answer, f"{model.kind()}_set").all())
        if rows:
            tables.append(
                Table(
                    str(model._meta.verbose_name_plural),
                    [str(model._meta.get_field(name).verbose_name) for name in model.columns],
                    [[_cell(row, name) for name in model.columns] for row in rows],
                )
            )
    return tables


def scoring_context(review: Review) -> dict:
    """Everything the scoring page shows, in a fixed number of queries."""
    assignment = review.assignment
    application, judge = assignment.application, assignment.judge
    edition = judge.edition
    criteria = list(edition.criteria.order_by("number"))
    answers = {a.criterion_id: a for a in answers_with_rows(application)}
    attachments = list(
        Attachment.objects.filter(application=application)
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.only("pk")))
        .order_by("kind", "slot")
    )
    scores = {s.criterion_id: s for s in review.scores.all()}
    show_others = may_see_others(judge, application)
    others: dict[int, list[Score]] = {}
    if show_others:
        for score in (
            Score.objects.filter(review__assignment__application=application)
            .exclude(review=review)
            .select_related("review__assignment__judge__user")
            .order_by("review__assignment__judge__pk")
        ):
            others.setdefault(score.criterion_id, []).append(score)
    sections = [
        Section(
            criterion=c,
            answer=answers.get(c.pk),
            tables=_tables(answers[c.pk]) if c.pk in answers else [],
            evidence=[a for a in attachments if any(x.pk == c.pk for x in a.criteria.all())],
            score=scores.get(c.pk),
            others=others.get(c.pk, []),
        )
        for c in criteria
    ]
    total = sum((s.points for s in scores.values()), Decimal(0))
    return {
        "review": review,
        "application": application,
        "registration": application.registration,
        "judge": judge,
        "edition": edition,
        "sections": sections,
        "total": total,
        "max_total": sum(c.max_points for c in criteria),
        "photos": [a for a in attachments if a.kind == DocumentKind.PHOTOS],
        "maps": [a for a in attachments if a.kind == DocumentKind.MAP],
        "presentations": [a for a in attachments if a.kind == DocumentKind.PRESENTATION],
        "learning_places": [
            place for answer in answers.values() for place in answer.learningplace_set.all()
        ],
        "show_others": show_others,
        "history": list(
            ScoreChange.objects.filter(score__review=review)
            .select_related("changed_by", "score__criterion")
            .order_by("-changed_at", "-pk")
        ),
        # The same two conditions as services.reviews._check_judging_open.
        "judging_open": phase_is_open(edition, PhaseKind.JUDGING) and not scores_locked(edition),
        "judging_phase": edition.phases.filter(kind=PhaseKind.JUDGING).first(),
    }
