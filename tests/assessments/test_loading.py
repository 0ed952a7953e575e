import tomllib

import pytest
from django.core.exceptions import ValidationError

from learningcity.assessments.enums import DimensionKind
from learningcity.assessments.loading import QUESTIONNAIRE_1, load_questionnaire
from learningcity.assessments.models import Dimension, Question


def _data():
    with QUESTIONNAIRE_1.open("rb") as handle:
        return tomllib.load(handle)


def test_loading_questionnaire_has_six_characteristics_and_three_conditions(questionnaire):
    kinds = list(questionnaire.dimensions.values_list("kind", flat=True))
    assert kinds.count(DimensionKind.CHARACTERISTIC) == 6
    assert kinds.count(DimensionKind.CONDITION) == 3
    assert Question.objects.filter(dimension__questionnaire=questionnaire).count() == 18
    assert [level["value"] for level in questionnaire.scale] == [0, 1, 2, 3, 4]
    assert questionnaire.dimensions.first().title_th == ("การเรียนรู้ตั้งแต่ระดับพื้นฐานจนถึงระดับอุดมศึกษา")


def test_loading_twice_changes_nothing_and_updates_texts(questionnaire):
    data = _data()
    data["dimensions"][0]["questions"][0]["text_th"] = "คำถามที่แก้แล้ว"
    again = load_questionnaire(data)
    assert again.pk == questionnaire.pk
    assert Question.objects.filter(dimension__questionnaire=again).count() == 18
    assert Question.objects.get(code="inclusive-access").text_th == "คำถามที่แก้แล้ว"
    assert Dimension.objects.filter(questionnaire=again).count() == 9


def test_loading_refuses_a_scale_with_gaps(db):
    data = _data()
    data["scale"] = [data["scale"][0], data["scale"][2]]
    with pytest.raises(ValidationError):
        load_questionnaire(data)


def test_loading_refuses_duplicate_question_codes(db):
    data = _data()
    data["dimensions"][1]["questions"][0]["code"] = "inclusive-access"
    with pytest.raises(ValidationError):
        load_questionnaire(data)
