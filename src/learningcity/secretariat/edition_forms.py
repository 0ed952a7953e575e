"""The forms of the edition workspace: the edition's own fields, one formset per list it holds
(each guarded by ``admin_guard.guarded``, the criteria also by the 100-point rule) and the
settings the committee and the certificates read."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from learningcity.attachments.checks.upload import CONTENT_TYPES
from learningcity.editions.forms import RubricFormSet
from learningcity.editions.models import (
    AwardCategory,
    Contact,
    Criterion,
    Edition,
    Phase,
    Prize,
    RequiredDocument,
)
from learningcity.judging.ranking import DEFAULT_TIE_BREAK
from learningcity.judging.views.manage import TIE_BREAK_RULES
from learningcity.thai.fields import ThaiDateTimeField, be_year_bounds

from .admin_guard import GuardedEditionForm, guarded

MEGABYTE = 1024 * 1024
SDG_NUMBERS = range(1, 18)


def _lines(value) -> str:
    return "\n".join(value or [])


class EditionDetailsForm(GuardedEditionForm):
    """Titles, what the award is, who may enter, and the texts of the call page."""

    eligibility_th = forms.CharField(
        label=_("Eligibility rules shown on the call (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    one_category_rule_th = forms.CharField(
        label=_("The one-category rule shown on the call"), required=False, max_length=300
    )
    learning_characteristics_th = forms.CharField(
        label=_("Characteristics of a learning city shown on the call (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = Edition
        fields = [
            "title_th",
            "title_en",
            "year_be",
            "summary_th",
            "summary_en",
            "organiser_th",
            "decision_note_th",
            "min_population",
            "representatives_required",
        ]
        widgets = {
            "summary_th": forms.Textarea(attrs={"rows": 5}),
            "summary_en": forms.Textarea(attrs={"rows": 4}),
            "organiser_th": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        settings = self.instance.settings or {}
        self.initial.setdefault("eligibility_th", _lines(settings.get("eligibility_th")))
        self.initial.setdefault(
            "learning_characteristics_th", _lines(settings.get("learning_characteristics_th"))
        )
        self.initial.setdefault("one_category_rule_th", settings.get("one_category_rule_th", ""))

    def call_texts(self) -> dict:
        """The texts of the call kept in the edition's settings, as the call page reads them."""
        data = self.cleaned_data
        return {
            "eligibility_th": [
                line.strip() for line in data["eligibility_th"].splitlines() if line.strip()
            ],
            "learning_characteristics_th": [
                line.strip()
                for line in data["learning_characteristics_th"].splitlines()
                if line.strip()
            ],
            "one_category_rule_th": data["one_category_rule_th"].strip(),
        }


class PhaseForm(forms.ModelForm):
    starts_at = ThaiDateTimeField(label=_("Starts"), default_time=dt.time(0, 0))
    ends_at = ThaiDateTimeField(label=_("Ends (inclusive)"), default_time=dt.time(23, 59, 59))

    class Meta:
        model = Phase
        fields = ["kind", "starts_at", "ends_at", "location_th", "note_th"]

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        # A phase lies in its edition's year, give or take one year on either side.
        low, high = be_year_bounds(edition.year_be, spill_years=1)
        for name in ("starts_at", "ends_at"):
            self.fields[name].min_value, self.fields[name].max_value = low, high

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("A phase must end after it starts."))
        return cleaned


class CategoryForm(forms.ModelForm):
    sdgs = forms.CharField(
        label=_("SDGs (numbers 1–17, separated by commas)"), required=False, max_length=60
    )

    class Meta:
        model = AwardCategory
        fields = ["code", "order", "name_th", "name_en", "description_th", "description_en", "sdgs"]
        widgets = {
            "description_th": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.initial.get("sdgs"), list):
            self.initial["sdgs"] = ", ".join(str(n) for n in self.initial["sdgs"])

    def clean_sdgs(self) -> list[int]:
        raw = self.cleaned_data["sdgs"].replace("،", ",")
        numbers = []
        for part in raw.split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or int(part) not in SDG_NUMBERS:
                raise forms.ValidationError(
                    _("“%(value)s” is not an SDG: give numbers from 1 to 17."),
                    params={"value": part},
                    code="sdg",
                )
            numbers.append(int(part))
        return sorted(set(numbers))


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "number",
            "short_title_th",
            "title_th",
            "title_en",
            "guidance_th",
            "max_points",
            "section",
            "narrative_max_chars",
        ]
        widgets = {
            "title_th": forms.Textarea(attrs={"rows": 3}),
            "title_en": forms.Textarea(attrs={"rows": 2}),
            "guidance_th": forms.Textarea(attrs={"rows": 3}),
        }


class DocumentForm(forms.ModelForm):
    content_types = forms.MultipleChoiceField(
        label=_("Accepted file types"),
        choices=[(value, kind.label) for kind, value in CONTENT_TYPES.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    max_megabytes = forms.DecimalField(
        label=_("Maximum size per file (MB)"),
        min_value=Decimal("0.1"),
        max_digits=6,
        decimal_places=1,
    )

    class Meta:
        model = RequiredDocument
        fields = [
            "kind",
            "order",
            "title_th",
            "title_en",
            "description_th",
            "min_count",
            "max_count",
            "width_px",
            "height_px",
            "content_types",
            "caption_required",
        ]
        widgets = {"description_th": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.max_bytes:
            self.initial.setdefault(
                "max_megabytes",
                (Decimal(self.instance.max_bytes) / MEGABYTE).quantize(Decimal("0.1")),
            )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_count"), cleaned.get("max_count")
        if low is not None and high is not None and high < low:
            self.add_error("max_count", _("The maximum number of files is below the minimum."))
        if cleaned.get("max_megabytes") is not None:
            self.instance.max_bytes = int(cleaned["max_megabytes"] * MEGABYTE)
        return cleaned


class PrizeForm(forms.ModelForm):
    class Meta:
        model = Prize
        fields = ["order", "title_th", "title_en", "amount_baht"]


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["order", "name_th", "nickname_th", "phone"]


def _formset(model, form, base=BaseInlineFormSet, collection=None):
    formset = guarded(base, collection) if collection else base
    return inlineformset_factory(
        Edition, model, form=form, formset=formset, extra=1, can_delete=True
    )


# The lists an edition holds: (formset, what the page calls it). Prizes and contacts change
# nothing applicants relied on, so the guard does not watch them.
FORMSETS = {
    "phases": _formset(Phase, PhaseForm, collection="phases"),
    "categories": _formset(AwardCategory, CategoryForm, collection="categories"),
    "criteria": _formset(Criterion, CriterionForm, RubricFormSet, "criteria"),
    "documents": _formset(RequiredDocument, DocumentForm, collection="documents"),
    "prizes": _formset(Prize, PrizeForm),
    "contacts": _formset(Contact, ContactForm),
}


def collection_formset(collection: str, edition: Edition, data=None):
    extra = {"form_kwargs": {"edition": edition}} if collection == "phases" else {}
    return FORMSETS[collection](data, instance=edition, prefix=collection, **extra)


NO_RULE = [("", _("(none)"))]


class CommitteeForm(forms.Form):
    awards_per_category = forms.IntegerField(
        label=_("Awards per category"), min_value=0, max_value=20
    )
    honourable_mentions_per_category = forms.IntegerField(
        label=_("Honourable mentions per category"), min_value=0, max_value=20
    )
    judges_see_other_scores = forms.ChoiceField(
        label=_("When a judge sees the other judges' scores"),
        choices=[
            ("after", _("Only after submitting their own review")),
            ("always", _("At any time")),
        ],
        widget=forms.RadioSelect,
    )
    tie_break_1 = forms.ChoiceField(
        label=_("Tie-break rule, first"), choices=TIE_BREAK_RULES.items()
    )
    tie_break_2 = forms.ChoiceField(
        label=_("Tie-break rule, second"),
        choices=NO_RULE + list(TIE_BREAK_RULES.items()),
        required=False,
    )
    tie_break_3 = forms.ChoiceField(
        label=_("Tie-break rule, third"),
        choices=NO_RULE + list(TIE_BREAK_RULES.items()),
        required=False,
    )
    feedback_to_applicants = forms.BooleanField(
        label=_("Applicants receive the committee's feedback with the results"), required=False
    )

    @classmethod
    def for_edition(cls, edition: Edition, data=None) -> "CommitteeForm":
        settings = edition.settings or {}
        rules = [*settings.get("tie_break", DEFAULT_TIE_BREAK), "", "", ""]
        initial = {
            "awards_per_category": settings.get("awards_per_category", 1),
            "honourable_mentions_per_category": settings.get("honourable_mentions_per_category", 0),
            "judges_see_other_scores": (
                "after" if settings.get("hide_other_scores_until_submitted") else "always"
            ),
            "tie_break_1": rules[0],
            "tie_break_2": rules[1],
            "tie_break_3": rules[2],
            "feedback_to_applicants": bool(settings.get("feedback_to_applicants", False)),
        }
        return cls(data, initial=initial)

    def clean(self):
        cleaned = super().clean()
        rules = [cleaned.get(f"tie_break_{n}") for n in (1, 2, 3)]
        chosen = [rule for rule in rules if rule]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Each tie-break rule may be chosen once."), code="twice")
        return cleaned

    def settings(self) -> dict:
        data = self.cleaned_data
        return {
            "awards_per_category": data["awards_per_category"],
            "honourable_mentions_per_category": data["honourable_mentions_per_category"],
            "hide_other_scores_until_submitted": data["judges_see_other_scores"] == "after",
            "tie_break": [data[f"tie_break_{n}"] for n in (1, 2, 3) if data[f"tie_break_{n}"]],
            "feedback_to_applicants": data["feedback_to_applicants"],
        }


class SignatoryForm(forms.Form):
    name_th = forms.CharField(label=_("Name of the signatory"), max_length=150)
    position_th = forms.CharField(label=_("Position of the signatory"), max_length=200)


SignatoryFormSet = forms.formset_factory(SignatoryForm, extra=1, can_delete=True)


class IssuerForm(forms.Form):
    certificate_issuer_th = forms.CharField(
        label=_("Who gives the certificates (shown on each certificate)"),
        required=False,
        max_length=300,
    )


def signatory_forms(edition: Edition, data=None):
    settings = edition.settings or {}
    people = [
        {"name_th": s.get("name_th", ""), "position_th": s.get("position_th", "")}
        for s in settings.get("signatories") or []
    ]
    formset = SignatoryFormSet(data, initial=people, prefix="signatories")
    issuer = IssuerForm(
        data, initial={"certificate_issuer_th": settings.get("certificate_issuer_th", "")}
    )
    return formset, issuer


def signatory_settings(formset, issuer) -> dict:
    people = [
        {"name_th": form.cleaned_data["name_th"], "position_th": form.cleaned_data["position_th"]}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    return {
        "signatories": people,
        "certificate_issuer_th": issuer.cleaned_data["certificate_issuer_th"].strip(),
    }
