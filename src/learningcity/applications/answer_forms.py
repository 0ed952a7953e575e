"""Forms of step 2, filling the application: one form per criterion's section, holding the
narrative, the evidence tick, the version it started from and the section's structured rows.

The rules themselves (window, length, versions) live in services/answers.py.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from django import forms
from django.db import models
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from learningcity.editions.models import Criterion
from learningcity.thai.fields import ThaiDateField, days_from_now
from learningcity.thai.formatting import format_date

from .models import Answer, SectionRow
from .services import SaveResult, row_models


class AnswerForm(forms.Form):
    narrative = forms.CharField(
        label=_("Your answer"),
        required=False,
        strip=False,
        # No maxlength attribute: a browser would cut a pasted text silently; the service
        # refuses a text over the limit and the page keeps it for shortening.
        widget=forms.Textarea(attrs={"rows": 10, "class": "answer-narrative"}),
    )
    evidence_confirmed = forms.BooleanField(
        label=_("Confirmation that the evidence is submitted"), required=False
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


def _widget(db_field: models.Field, **kwargs):
    if isinstance(db_field, models.DateField):
        # What an area did: within the last ten years, or planned within a year.
        kwargs.update(
            form_class=ThaiDateField,
            min_value=days_from_now(-3653),
            max_value=days_from_now(366),
        )
    elif isinstance(db_field, models.TextField):
        kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
    form_field = db_field.formfield(**kwargs)
    if db_field.choices:
        form_field.choices = [("", _("— choose —")), *db_field.choices]
    return form_field


@cache
def row_form_class(model: type[SectionRow]) -> type[forms.ModelForm]:
    """A form for one row of ``model``, its fields in the order of the table's columns."""
    return forms.modelform_factory(model, fields=model.columns, formfield_callback=_widget)


@dataclass
class RowTable:
    """The rows of one kind in a section: a form per row, the last one blank for a new row."""

    model: type[SectionRow]
    forms: list[forms.ModelForm]
    # The stored rows, for the read-only page.
    rows: list[SectionRow] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.model.kind()

    @property
    def title(self) -> str:
        return self.model._meta.verbose_name_plural

    @property
    def headers(self) -> list[str]:
        return [self.model._meta.get_field(name).verbose_name for name in self.model.columns]

    @property
    def display_rows(self) -> list[list[str]]:
        """The stored rows as text: choices by their label, ticks as yes or no."""
        return [[_cell(row, name) for name in self.model.columns] for row in self.rows]

    @property
    def slots(self) -> int:
        return len(self.forms)

    def is_valid(self, removed: str = "") -> bool:
        """Whether every row but the one being removed is either blank or complete."""
        return all(
            form.is_valid()
            for index, form in enumerate(self.forms)
            if removed != f"{self.kind}-{index}"
        )

    def cleaned_rows(self, removed: str = "") -> list[dict]:
        """The filled rows, in order, without the one the person asked to remove."""
        return [
            {name: form.cleaned_data.get(name) for name in self.model.columns}
            for index, form in enumerate(self.forms)
            if form.has_changed() and removed != f"{self.kind}-{index}"
        ]


def _cell(row: SectionRow, name: str) -> str:
    db_field = row._meta.get_field(name)
    value = getattr(row, name)
    if db_field.choices:
        return str(getattr(row, f"get_{name}_display")())
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dt.date):
        return format_date(value)
    return "" if value is None else str(value)


def _row_form(model, index: int, data=None, initial=None) -> forms.ModelForm:
    return row_form_class(model)(
        data,
        prefix=f"{model.kind()}-{index}",
        initial=initial,
        empty_permitted=True,
        use_required_attribute=False,
    )


@dataclass
class SectionEditor:
    """Everything the page shows of one criterion's section."""

    criterion: Criterion
    answer: Answer
    form: AnswerForm
    tables: list[RowTable]
    editable: bool = False
    conflict: SaveResult | None = None
    just_saved: bool = False
    errors: list[str] = field(default_factory=list)
    rows_pending: bool = False
    # The version the page builds on; None means the stored one.
    version: int | None = None

    @property
    def current_version(self) -> int:
        return self.answer.version if self.version is None else self.version

    @property
    def narrative_length(self) -> int:
        value = self.form["narrative"].value() or ""
        return len(value.replace("\r\n", "\n"))

    @property
    def over_limit(self) -> bool:
        return self.narrative_length > self.criterion.narrative_max_chars

    @classmethod
    def from_answer(cls, answer: Answer, *, editable: bool, **kwargs) -> "SectionEditor":
        """The section as stored: its rows read through the answer's prefetch."""
        form = AnswerForm(
            initial={
                "narrative": answer.narrative,
                "evidence_confirmed": answer.evidence_confirmed,
                "version": answer.version,
            }
        )
        tables = []
        for model in row_models(answer.criterion):
            rows = list(getattr(answer, f"{model.kind()}_set").all())
            row_forms = [
                _row_form(model, index, initial=model_to_dict(row, fields=model.columns))
                for index, row in enumerate(rows)
            ]
            row_forms.append(_row_form(model, len(rows)))
            tables.append(RowTable(model=model, forms=row_forms, rows=rows))
        return cls(answer.criterion, answer, form, tables, editable=editable, **kwargs)

    @classmethod
    def from_post(cls, answer: Answer, data, *, editable: bool = True) -> "SectionEditor":
        """The section as the person sent it, so nothing typed is lost even when not saved."""
        tables = []
        for model in row_models(answer.criterion):
            try:
                slots = min(int(data.get(f"{model.kind()}-slots", 0)), 500)
            except ValueError:
                slots = 0
            row_forms = [_row_form(model, i, data) for i in range(slots)] or [_row_form(model, 0)]
            tables.append(RowTable(model=model, forms=row_forms))
        return cls(answer.criterion, answer, AnswerForm(data), tables, editable=editable)
