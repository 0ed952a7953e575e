from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.privacy.enums import ConsentPurpose


class RetentionForm(forms.Form):
    keep_until = forms.DateField(
        label=_("Keep unpublished personal data until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ConsentForm(forms.Form):
    purposes = forms.MultipleChoiceField(
        label=_("I agree to"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    on_behalf_of = forms.CharField(
        label=_("On behalf of (the person or guardian who agreed, if not you)"),
        max_length=200,
        required=False,
    )
