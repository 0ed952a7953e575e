from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.privacy.enums import APPLICATION_PURPOSES, ErasureStatus
from learningcity.thai.fields import ThaiDateField, days_from_now


class RetentionForm(forms.Form):
    # Ten years at most: a retention date further away is a mistyped year.
    keep_until = ThaiDateField(
        label=_("Keep unpublished personal data until"), max_value=days_from_now(3653)
    )
    remove_unpublished_material = forms.BooleanField(
        label=_(
            "Also remove the answers, case studies and files of applications, keeping only "
            "what a standing publication consent covers"
        ),
        required=False,
    )


class ConsentForm(forms.Form):
    purposes = forms.MultipleChoiceField(
        label=_("I agree to"),
        choices=[(p.value, p.label) for p in APPLICATION_PURPOSES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    on_behalf_of = forms.CharField(
        label=_("On behalf of (the person or guardian who agreed, if not you)"),
        max_length=200,
        required=False,
    )


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class ErasureDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision on the request"),
        choices=[
            (ErasureStatus.CARRIED_OUT, _("Erase the person's data now")),
            (ErasureStatus.REFUSED, _("Refuse (say why below)")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the person"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
