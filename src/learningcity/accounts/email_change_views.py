"""Pages to change one's e-mail address (password typed again first)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import email_change, services
from .forms import EmailChangeForm
from .second_factor_views import password_confirmation_required


@login_required
@password_confirmation_required
def change_email(request: HttpRequest) -> HttpResponse:
    form = EmailChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        email_change.request_email_change(request.user, email)
        context = {"email": email, **services.email_context()}
        return render(request, "accounts/change_email_sent.html", context)
    return render(request, "accounts/change_email.html", {"form": form})


def confirm_email_change(request: HttpRequest, token: str) -> HttpResponse:
    user = email_change.confirm_email_change(token)
    if user is None:
        return render(request, "accounts/change_email_failed.html", status=400)
    if request.user.is_authenticated and request.user.pk != user.pk:
        logout(request)
    messages.success(request, _("Your e-mail address is changed. Log in with the new one."))
    return redirect("accounts:home" if request.user.is_authenticated else "accounts:login")
