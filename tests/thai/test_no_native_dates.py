"""No page lets a person type a date through Django's Gregorian date fields or the browser's
native date picker: every form class of the project is walked, so a new form is covered
without a new test row."""

import copy
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms

import learningcity
from learningcity.applications.answer_forms import row_form_class
from learningcity.applications.models import SectionRow
from learningcity.thai.fields import ThaiDateField

pytestmark = pytest.mark.django_db  # choice widgets read their choices when rendered

SRC = Path(learningcity.__file__).parent

# Forms only the Django admin shows (superusers; the secretariat never links there), besides
# those of the apps' admin.py modules.
ADMIN_ONLY = {"learningcity.secretariat.admin_guard.GuardedEditionForm"}

GREGORIAN_FIELDS = (forms.DateField, forms.DateTimeField, forms.TimeField, forms.SplitDateTimeField)
NATIVE_INPUT = re.compile(r"""type=["']?(date|datetime-local|time|month|week)\b""")


def _import_every_form_module() -> None:
    """Every module that defines forms: those named *form*, and every view module (which
    imports the forms it shows, wherever they live)."""
    importlib.import_module("learningcity.urls")
    for module in pkgutil.walk_packages(learningcity.__path__, "learningcity."):
        last = module.name.rsplit(".", 1)[-1]
        if "form" in last or "guard" in last or ".views" in module.name:
            importlib.import_module(module.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _project_form_classes() -> list[type[forms.BaseForm]]:
    _import_every_form_module()
    # Forms built at run time from a model (the application's table rows).
    built = {row_form_class(m) for m in _subclasses(SectionRow) if not m._meta.abstract}
    found = built | {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("learningcity.")
        and not cls.__module__.endswith(".admin")
        and f"{cls.__module__}.{cls.__qualname__}" not in ADMIN_ONLY
    }
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _offences(cls) -> list[str]:
    name = f"{cls.__module__}.{cls.__qualname__}"
    offences = []
    for field_name, field in cls.base_fields.items():
        if isinstance(field, GREGORIAN_FIELDS):
            offences.append(f"{name}.{field_name}: {type(field).__name__}")
        widget = copy.deepcopy(field.widget)
        if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
            widget.choices = []  # some querysets are only set by the form's __init__
        html = widget.render(field_name, None, attrs={"id": f"id_{field_name}"})
        if NATIVE_INPUT.search(html):
            offences.append(f"{name}.{field_name}: native date input")
    return offences


def test_forms_walk_finds_the_project_forms():
    names = {c.__qualname__ for c in _project_form_classes()}
    # The walk reaches forms in every kind of module, including the row forms built at run time.
    assert {
        "PublishForm",
        "SessionForm",
        "AddSlotForm",
        "ExtendDeadlineForm",
        "AuditSearchForm",
        "RetentionForm",
        "MeetingForm",
        "SignupForm",
    } <= names
    assert len(names) >= 40


def test_forms_no_gregorian_date_field_or_native_picker():
    offences = [o for cls in _project_form_classes() for o in _offences(cls)]
    assert offences == []


def test_forms_every_date_column_uses_the_thai_field():
    dated = {
        f"{c.__qualname__}.{name}"
        for c in _project_form_classes()
        for name, field in c.base_fields.items()
        if isinstance(field, ThaiDateField)
    }
    assert {
        "PublishForm.publish_at",
        "SessionForm.starts_at",
        "SessionForm.ends_at",
        "AddSlotForm.starts_at",
        "ExtendDeadlineForm.until",
        "AuditSearchForm.since",
        "AuditSearchForm.until",
        "RetentionForm.keep_until",
        "MeetingForm.held_on",
    } <= dated


def test_forms_walk_catches_a_gregorian_field():
    class Offending(forms.Form):
        on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    assert _offences(Offending) == [
        f"{__name__}.test_forms_walk_catches_a_gregorian_field.<locals>.Offending.on: DateField",
        f"{__name__}.test_forms_walk_catches_a_gregorian_field.<locals>.Offending.on: "
        "native date input",
    ]


def test_templates_and_scripts_write_no_native_date_input():
    """Inputs written by hand in templates or scripts, outside any form class."""
    written = [
        f"{path.relative_to(SRC)}: {match.group(0)}"
        for path in sorted(SRC.rglob("*"))
        if path.suffix in {".html", ".js", ".py"} and "migrations" not in path.parts
        for match in NATIVE_INPUT.finditer(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert written == []
