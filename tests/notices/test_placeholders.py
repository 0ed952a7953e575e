import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from learningcity.notices.models import NoticeTemplate
from learningcity.notices.placeholders import context_for, render_text, validate_template_text


def test_render_text_fills_known_placeholders():
    text = render_text("เรียน {{ coordinator }} แห่ง {{ area }}", {"coordinator": "ก", "area": "ข"})
    assert text == "เรียน ก แห่ง ข"


def test_render_text_escapes_only_for_html():
    context = {"organisation": "<b>A & B</b>"}
    assert render_text("{{ organisation }}", context) == "<b>A & B</b>"
    assert render_text("{{ organisation }}", context, html=True) == "&lt;b&gt;A &amp; B&lt;/b&gt;"


def test_render_text_missing_value_is_empty():
    assert render_text("[{{ reference }}]", {}) == "[]"


@pytest.mark.parametrize(
    "text",
    [
        "{{ secret_key }}",
        "{{ organisation.name }}",
        "{{ organisation|upper }}",
        "{% debug %}",
        "{% load static %}",
        "{% include 'base.html' %}",
        "{% if organisation %}x{% endif %}",
        "{{ 'literal' }}",
    ],
)
def test_validate_template_text_refuses_anything_but_known_placeholders(text):
    with pytest.raises(ValidationError) as error:
        validate_template_text(text)
    assert error.value.code in {"unknown_placeholder", "syntax"}


def test_validate_template_text_error_is_thai_and_names_the_placeholder():
    with translation.override("th"):
        with pytest.raises(ValidationError) as error:
            validate_template_text("สวัสดี {{ nickname }}")
        message = error.value.messages[0]
    assert "{{ nickname }}" in message
    assert "ไม่รู้จัก" in message


def test_validate_template_text_reports_a_broken_tag():
    with pytest.raises(ValidationError) as error:
        validate_template_text("{{ organisation ")
    assert error.value.code in {"unknown_placeholder", "syntax"}


@pytest.mark.django_db
def test_notice_template_full_clean_rejects_unknown_placeholder(edition):
    template = NoticeTemplate(
        edition=edition, key="bad", name="x", subject_th="{{ deadline }}", body_th="{{ oops }}"
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert list(error.value.message_dict) == ["body_th"]


@pytest.mark.django_db
def test_context_for_gives_thai_deadline_and_names(make_registration):
    registration = make_registration("a@example.org")
    context = context_for(registration)
    assert context["area"] == registration.local_government.full_name_th
    assert context["organisation"] == registration.organisation.name
    assert context["category"] == "เมืองสำหรับเด็กและเยาวชน"
    assert context["deadline"] == "31 กรกฎาคม 2569 เวลา 23:59 น."
    assert context["reference"] == ""
