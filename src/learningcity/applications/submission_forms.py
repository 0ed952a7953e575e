"""Forms of certifying and submitting (steps 4 and 5); the rules live in services/submission.py."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
        label=_("The signed certification page (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ExtendDeadlineForm(forms.Form):
    until = forms.DateTimeField(
        label=_("New deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)
