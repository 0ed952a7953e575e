"""Forms people fill in to sign up, log in and ask for a new verification link."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .models import User

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{7,30}$",
    _("Enter a phone number of digits, e.g. 081 234 5678."),
)


class TelInput(forms.TextInput):
    input_type = "tel"


class SignupForm(SetPasswordMixin, forms.Form):
    """A new account; it never says whether the address is registered (see services.sign_up)."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send a link to this address; you log in with it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=32,
        required=False,
        validators=[phone_validator],
        help_text=_("Lets the secretariat reach you about your application."),
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields()
    privacy_accepted = forms.BooleanField(
        label=_("I have read the privacy notice above."),
        error_messages={"required": _("Please read the privacy notice and tick the box.")},
    )

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean(self) -> dict:
        cleaned = super().clean()
        self.validate_passwords()
        # The password must not resemble what the person just typed about themselves.
        candidate = User(
            email=cleaned.get("email", ""),
            full_name=cleaned.get("full_name", ""),
            phone=cleaned.get("phone", ""),
        )
        self.validate_password_for_user(candidate)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    """Log-in by e-mail; one message for a wrong address or password, another for a correct
    password on an address not yet verified."""

    username = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail or password is incorrect."),
        "unverified": _(
            "Your e-mail address is not verified yet. Open the link we sent you when you "
            "signed up, then log in again."
        ),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.needs_verification = False

    def confirm_login_allowed(self, user: User) -> None:
        super().confirm_login_allowed(user)
        if not user.is_email_verified:
            self.needs_verification = True
            raise ValidationError(self.error_messages["unverified"], code="unverified")


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class CodeForm(forms.Form):
    """A six-digit code from an authenticator app."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
            }
        ),
    )


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autofocus": True, "autocomplete": "current-password"}),
    )


class EmailChangeForm(forms.Form):
    email = forms.EmailField(
        label=_("New e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
