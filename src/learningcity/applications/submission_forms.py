"""Forms of certifying and submitting (steps 4 and 5); the rules live in services/submission.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.thai.fields import ThaiDateTimeField, be_year_bounds
from learningcity.thai.widgets import ThaiFileInput


class CertifyByAccountForm(forms.Form):
    """The head types their password again to certify from their own account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CertifyByUploadForm(forms.Form):
    """The certification page, printed, signed by the head and scanned as a PDF."""

    signed_file = forms.FileField(
        label=_("The signed certification page (a PDF scan or a photo)"),
        # An empty file reaches the checks, which say it is empty.
        allow_empty_file=True,
        widget=ThaiFileInput(
            attrs={
                "accept": "application/pdf,.pdf,image/jpeg,image/png,image/heic,image/heif,"
                ".heic,.heif,image/webp"
            }
        ),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ExtendDeadlineForm(forms.Form):
    until = ThaiDateTimeField(label=_("New deadline"))
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        if edition is not None:
            # A deadline falls in the edition's year or the next: anything else is a typo.
            first, _end = be_year_bounds(edition.year_be)
            _start, last = be_year_bounds(edition.year_be + 1)
            self.fields["until"].min_value, self.fields["until"].max_value = first, last
