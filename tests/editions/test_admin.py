import pytest
from django.forms import inlineformset_factory

from learningcity.editions.admin import RubricFormSet
from learningcity.editions.models import Criterion, Edition
from tests.factories import EditionFactory, UserFactory, log_in

pytestmark = pytest.mark.django_db

CriterionFormSet = inlineformset_factory(
    Edition,
    Criterion,
    formset=RubricFormSet,
    fields=["number", "short_title_th", "title_th", "max_points", "section"],
    extra=0,
)


def post_data(edition, points: list[int], delete: set[int] = frozenset()) -> dict:
    criteria = list(edition.criteria.order_by("number"))
    data = {
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(len(criteria)),
    }
    for i, (criterion, value) in enumerate(zip(criteria, points, strict=True)):
        data |= {
            f"criteria-{i}-id": str(criterion.pk),
            f"criteria-{i}-number": str(criterion.number),
            f"criteria-{i}-short_title_th": criterion.short_title_th,
            f"criteria-{i}-title_th": criterion.title_th,
            f"criteria-{i}-max_points": str(value),
            f"criteria-{i}-section": criterion.section,
        }
        if i in delete:
            data[f"criteria-{i}-DELETE"] = "on"
    return data


def test_rubric_formset_refuses_total_other_than_100():
    edition = EditionFactory()
    formset = CriterionFormSet(post_data(edition, [15, 20, 20, 15, 15, 20]), instance=edition)

    assert formset.is_valid() is False
    assert formset.non_form_errors() == [
        "เกณฑ์ทั้งหมดรวมได้ 105 คะแนน แต่เกณฑ์ของการประกวดแต่ละครั้งต้องรวมกันได้ 100 คะแนนพอดี"
    ]


def test_rubric_formset_counts_deleted_rows_out():
    edition = EditionFactory()
    formset = CriterionFormSet(
        post_data(edition, [15, 20, 20, 15, 15, 15], delete={5}), instance=edition
    )
    assert formset.is_valid() is False


def test_rubric_formset_accepts_100():
    edition = EditionFactory()
    formset = CriterionFormSet(post_data(edition, [10, 25, 20, 15, 15, 15]), instance=edition)
    assert formset.is_valid() is True


def test_edition_admin_change_page_opens_for_superuser(client):
    edition = EditionFactory()
    log_in(client, UserFactory(is_staff=True, is_superuser=True))
    response = client.get(f"/admin/editions/edition/{edition.pk}/change/")
    assert response.status_code == 200
