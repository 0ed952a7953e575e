from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.thai.fields import ThaiDateTimeField, be_year_bounds
from learningcity.thai.widgets import ThaiFileInput

from .models import TrainingSession


def _within_edition(fields, edition) -> None:
    """Dates of the edition's events fall in its year, or the year either side of it."""
    if edition is None:
        return
    low, high = be_year_bounds(edition.year_be, spill_years=1)
    for field in fields:
        field.min_value, field.max_value = low, high


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["title", "starts_at", "ends_at", "place", "online_url", "capacity"]
        field_classes = {"starts_at": ThaiDateTimeField, "ends_at": ThaiDateTimeField}

    def __init__(self, *args, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        _within_edition([self.fields["starts_at"], self.fields["ends_at"]], edition)

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The session must end after it starts."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Give a place or an online link."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of attendance"), widget=ThaiFileInput(attrs={"accept": ".csv,text/csv"})
    )


class WaiverForm(forms.Form):
    registration = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for the waiver"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AllocateForm(forms.Form):
    meeting_url = forms.URLField(label=_("Meeting link for every slot"), required=False)
    replace = forms.BooleanField(
        label=_("Replace the slots already allocated, with every adjustment made by hand"),
        required=False,
    )


class SwapForm(forms.Form):
    first = forms.ChoiceField(label=_("Slot"))
    second = forms.ChoiceField(label=_("Exchange with or move to"))

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(s.pk, s.label) for s in slots]
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices


class ChangeRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need another time? Which times suit you?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class DecisionForm(forms.Form):
    target = forms.ChoiceField(label=_("New slot"), required=False)
    note = forms.CharField(label=_("Note to the area"), required=False, max_length=2000)

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—")] + [(s.pk, s.label) for s in slots]


class AddSlotForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=None)
    starts_at = ThaiDateTimeField(label=_("Starts"))

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        _within_edition([self.fields["starts_at"]], edition)
        self.fields["category"].queryset = edition.categories.order_by("order")
