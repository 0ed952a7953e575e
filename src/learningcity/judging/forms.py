"""Forms of the judging pages; the rules they feed live in services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from learningcity.accounts.models import Organisation
from learningcity.editions.models import AwardCategory
from learningcity.registry.models import LocalGovernment, Province
from learningcity.thai.widgets import ThaiFileInput

from .models import Judge


class ConflictForm(forms.Form):
    """One conflict: an organisation, a local government (DLA code) or a province."""

    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), required=False, label=_("Organisation")
    )
    local_government = forms.CharField(
        label=_("Local government (7-digit DLA code)"), required=False, max_length=7
    )
    province = forms.ModelChoiceField(
        Province.objects.order_by("thai_order"), required=False, label=_("Province")
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations or Organisation.objects.none()

    def clean_local_government(self):
        code = self.cleaned_data["local_government"].strip()
        if not code:
            return None
        found = LocalGovernment.objects.filter(dla_code=code).first()
        if found is None:
            raise ValidationError(
                _("No local government has the DLA code %(code)s.") % {"code": code}
            )
        return found

    def clean(self):
        data = super().clean()
        chosen = [k for k in ("organisation", "local_government", "province") if data.get(k)]
        if len(chosen) != 1:
            raise ValidationError(
                _("Choose exactly one organisation, local government or province.")
            )
        return data


class NameJudgeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the judge's account"))
    is_chair = forms.BooleanField(label=_("Chair of the committee"), required=False)


class AssignOneForm(forms.Form):
    judge = forms.ModelChoiceField(Judge.objects.none(), label=_("Judge"))

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judge"].queryset = Judge.objects.filter(edition=edition).select_related("user")


class AssignCategoryForm(forms.Form):
    category = forms.ModelChoiceField(AwardCategory.objects.none(), label=_("Category"))
    judges = forms.ModelMultipleChoiceField(
        Judge.objects.none(), label=_("Judges"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = edition.categories.order_by("order")
        self.fields["judges"].queryset = Judge.objects.filter(edition=edition).select_related(
            "user"
        )


class CsvForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("One assignment a line: the judge's e-mail, the application reference."),
        widget=ThaiFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class AutoAssignForm(forms.Form):
    per_application = forms.IntegerField(
        label=_("Judges per application"), min_value=1, max_value=15, initial=3
    )
