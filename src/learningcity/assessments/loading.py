"""The self-assessment as data: load a questionnaire from its TOML file, updating in place."""

import tomllib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .enums import DimensionKind
from .models import Dimension, Question, Questionnaire

DATA_DIR = Path(__file__).resolve().parent / "data"
QUESTIONNAIRE_1 = DATA_DIR / "self-assessment-1.toml"

HEAD_FIELDS = (
    "title_th",
    "title_en",
    "intro_th",
    "intro_en",
    "strong_at_percent",
    "ready_overall_percent",
    "ready_lowest_percent",
    "close_overall_percent",
)


def _check(data: dict) -> None:
    """Refuse a file that would make a questionnaire nobody can answer."""
    values = [level["value"] for level in data.get("scale", [])]
    if len(values) < 2 or sorted(values) != list(range(len(values))):
        raise ValidationError(_("The answer scale must run 0, 1, 2, … without gaps."))
    dimensions = data.get("dimensions", [])
    if not dimensions:
        raise ValidationError(_("A questionnaire needs at least one part."))
    codes = [q["code"] for d in dimensions for q in d.get("questions", [])]
    if len(codes) != len(set(codes)) or any(not d.get("questions") for d in dimensions):
        raise ValidationError(_("Every part needs questions, each with its own code."))
    for row in dimensions:
        DimensionKind(row["kind"])


@transaction.atomic
def load_questionnaire(data: dict) -> Questionnaire:
    """Create or update a questionnaire from its data; loading twice changes nothing.

    Questions that disappear from the file are kept when someone has answered them (answers
    must stay readable), and removed otherwise.
    """
    _check(data)
    head = data["questionnaire"]
    values = {name: head[name] for name in HEAD_FIELDS if name in head}
    questionnaire, _created = Questionnaire.objects.update_or_create(
        code=head["code"], defaults={**values, "scale": data["scale"]}
    )
    kept_questions = []
    for order, row in enumerate(data["dimensions"], start=1):
        dimension, _created = Dimension.objects.update_or_create(
            questionnaire=questionnaire,
            code=row["code"],
            defaults={
                "order": order,
                "kind": row["kind"],
                "title_th": row["title_th"],
                "title_en": row.get("title_en", ""),
                "advice_th": row.get("advice_th", ""),
                "advice_en": row.get("advice_en", ""),
            },
        )
        for q_order, q_row in enumerate(row["questions"], start=1):
            question, _created = Question.objects.update_or_create(
                dimension=dimension,
                code=q_row["code"],
                defaults={
                    "order": q_order,
                    "text_th": q_row["text_th"],
                    "text_en": q_row.get("text_en", ""),
                },
            )
            kept_questions.append(question.pk)
    codes = [row["code"] for row in data["dimensions"]]
    gone = Question.objects.filter(dimension__questionnaire=questionnaire).exclude(
        pk__in=kept_questions
    )
    gone.exclude(pk__in=_answered(questionnaire)).delete()
    Dimension.objects.filter(questionnaire=questionnaire).exclude(code__in=codes).filter(
        questions__isnull=True
    ).delete()
    return questionnaire


def _answered(questionnaire: Questionnaire):
    from .models import Answer

    return Answer.objects.filter(assessment__questionnaire=questionnaire).values("question_id")


def load_questionnaire_file(path: Path = QUESTIONNAIRE_1) -> Questionnaire:
    with Path(path).open("rb") as handle:
        return load_questionnaire(tomllib.load(handle))
