"""The application page's cost: its queries do not grow with the rows, and its widgets written
without templates (views/row_renderer.py) are exactly what Django's templates write."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template.loader import render_to_string
from django.urls import reverse

from learningcity.accounts.enums import MembershipRole
from learningcity.applications.answer_forms import AnswerForm, SectionEditor, row_form_class
from learningcity.applications.models import ROW_MODELS, Answer
from learningcity.applications.services import answers_with_rows, row_models
from learningcity.applications.views.application_page import render_fast
from learningcity.applications.views.row_renderer import ROW_FORM_RENDERER
from learningcity.thai.fields import ThaiDateField, ThaiDateTimeField
from tests.applications.factories import (
    RegistrationFactory,
    open_submission_now,
    started_application,
)
from tests.factories import EditionFactory, MembershipFactory, log_in

# Session, user, registration, the user's memberships (once for every permission check),
# application, the edition's criteria without an answer, the submission phase, answers and
# one query per kind of row (six), whatever the number of rows.
PAGE_QUERIES = 14

AWKWARD = "ก <b>\"หนา\"</b> & 'คำพูด'"
ROW = {
    "indicator": {
        "beneficiary_group": AWKWARD,
        "baseline": Decimal("40"),
        "result": Decimal("62.5"),
        "unit": "ร้อยละ",
        "method": "แบบทดสอบ",
        "period": "2568",
    },
    "learningplace": {
        "name": AWKWARD,
        "place_type": "ห้องสมุด",
        "latitude": Decimal("18.788300"),
        "longitude": Decimal("98.985300"),
        "serves": "เด็ก",
    },
    "partner": {
        "name": AWKWARD,
        "sector": "education",
        "contribution": "ครูอาสา",
        "amount_baht": Decimal("25000"),
    },
    "workinggroupmember": {"name": AWKWARD, "role": "ประธาน"},
    "meeting": {"held_on": dt.date(2026, 5, 2), "attendance": 18, "note": AWKWARD},
    "casestudy": {
        "alias": "น้องเอ",
        "age_group": "youth",
        "before": AWKWARD,
        "after": "มีรายได้\nและเรียนต่อ",
        "consent_to_publish": True,
    },
}


@pytest.fixture
def coordinator_client(client, db):
    membership = MembershipFactory(role=MembershipRole.COORDINATOR)
    registration = RegistrationFactory(
        edition=open_submission_now(EditionFactory()), organisation=membership.organisation
    )
    log_in(client, membership.user)
    return client, registration


@pytest.mark.parametrize("rows", [0, 1, 5])
def test_application_page_queries_constant_over_rows(
    coordinator_client, django_assert_num_queries, rows
):
    client, registration = coordinator_client
    application = started_application(registration)
    for answer in Answer.objects.filter(application=application).select_related("criterion"):
        for model in row_models(answer.criterion):
            model.objects.bulk_create(
                model(answer=answer, order=order, **ROW[model.kind()]) for order in range(rows)
            )
    url = reverse("applications:application", args=[registration.pk])

    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url)

    assert response.status_code == 200
    # Edition 1 takes every kind of row once: the stored rows and a blank one of each.
    for model in ROW_MODELS:
        kind = model.kind()
        assert response.text.count(f'name="remove" value="{kind}-') == rows
        assert response.text.count(f'name="add" value="{kind}"') == 1


def _both(form: forms.Form) -> list[tuple[str, str]]:
    """Each field's widget and error list as Django's templates write them, and as the
    page's renderer writes them."""
    pairs = []
    for name in form.fields:
        form.renderer = DjangoTemplates()
        expected = f"{form[name]}{form[name].errors}"
        form.renderer = ROW_FORM_RENDERER
        pairs.append((expected, f"{form[name]}{form[name].errors}"))
    return pairs


@pytest.mark.django_db  # a sent row is validated against the model's check constraints
@pytest.mark.parametrize("model", ROW_MODELS, ids=lambda model: model.kind())
def test_row_renderer_writes_what_the_templates_write(model):
    form_class = row_form_class(model)
    stored = form_class(prefix=f"{model.kind()}-0", initial=ROW[model.kind()])
    blank = form_class(prefix=f"{model.kind()}-1", use_required_attribute=False)
    # A row sent half-filled: values typed and error lists shown.
    sent = form_class({f"{model.kind()}-2-{model.columns[0]}": AWKWARD}, prefix=f"{model.kind()}-2")
    sent.is_valid()

    for form in (stored, blank, sent):
        for expected, written in _both(form):
            assert written == expected


def test_row_renderer_writes_the_answer_form_and_thai_dates_as_the_templates():
    class Dates(forms.Form):
        day = ThaiDateField(required=False)
        moment = ThaiDateTimeField(required=False)

    answer = AnswerForm(initial={"narrative": AWKWARD, "evidence_confirmed": True, "version": 3})
    dates = Dates(initial={"day": dt.date(2026, 5, 2), "moment": dt.datetime(2026, 5, 2, 9, 30)})

    for form in (answer, dates, Dates()):
        for expected, written in _both(form):
            assert written == expected


def test_application_page_section_same_as_the_htmx_section(coordinator_client):
    """The page's cells written in Python equal the template's, which a section saved through
    htmx still uses."""
    _client, registration = coordinator_client
    application = started_application(registration)
    for answer in Answer.objects.filter(application=application).select_related("criterion"):
        for model in row_models(answer.criterion):
            model.objects.bulk_create(
                model(answer=answer, order=order, **ROW[model.kind()]) for order in range(2)
            )
    template = "applications/application.html#section"

    for answer in answers_with_rows(application):
        context = {"application": application, "autosave": False}
        expected = render_to_string(
            template, {**context, "editor": SectionEditor.from_answer(answer, editable=True)}
        )
        editor = SectionEditor.from_answer(answer, editable=True)
        render_fast(editor)
        written = render_to_string(template, {**context, "editor": editor})

        assert written == expected
        assert written.count("<td><label") == sum(
            len(model.columns) * 3 for model in row_models(answer.criterion)
        )
