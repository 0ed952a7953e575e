"""Pages of the second factor: enrolment, verification after log-in, password confirmation."""

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import second_factor
from .forms import CodeForm, ConfirmPasswordForm


def next_url(request: HttpRequest, default: str = "accounts:home") -> str:
    """The safe page to go on to afterwards (``next`` on this site only)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


def with_next(url_name: str, request: HttpRequest) -> str:
    """The address of page ``url_name`` carrying this request's ``next`` along."""
    return url_with_next(url_name, next_url(request))


def url_with_next(url_name: str, then: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': then})}"


def password_confirmation_required(view):
    """For pages that change how one logs in (e-mail, second factor): a person who has not
    typed their password in the last few minutes types it again first."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not second_factor.password_recently_confirmed(request):
            return redirect(url_with_next("accounts:confirm_password", request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapped


@login_required
def second_factor_start(request: HttpRequest) -> HttpResponse:
    """Where log-in sends a judge or the secretariat: verify a code, or enrol a first device."""
    if second_factor.confirmed_device(request.user) is None:
        return redirect(with_next("accounts:second_factor_enrol", request))
    if second_factor.is_verified(request):
        return redirect(next_url(request))
    return redirect(with_next("accounts:second_factor_verify", request))


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    if second_factor.confirmed_device(request.user) is None:
        return redirect(with_next("accounts:second_factor_enrol", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # django-otp makes each wrong code double the wait before the next try.
        wait = second_factor.throttle_wait_seconds(request.user)
        if wait:
            form.add_error(
                "code",
                _("Too many wrong codes. Wait %(seconds)s seconds, then try again.")
                % {"seconds": wait},
            )
        elif second_factor.verify(request, form.cleaned_data["code"]):
            return redirect(next_url(request))
        else:
            form.add_error("code", _("That code is not right. Type the code the app shows now."))
    context = {"form": form, "next": next_url(request)}
    return render(request, "accounts/second_factor_verify.html", context)


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app; replacing a working one asks for the password first."""
    user = request.user
    replacing = second_factor.confirmed_device(user) is not None
    if replacing:
        return replace_device(request)
    return enrol_device(request, replacing=False)


@password_confirmation_required
def replace_device(request: HttpRequest) -> HttpResponse:
    if not second_factor.is_verified(request):
        # A lost phone is handled by the secretariat (admin), not by a password alone.
        return redirect(with_next("accounts:second_factor_verify", request))
    return enrol_device(request, replacing=True)


def enrol_device(request: HttpRequest, *, replacing: bool) -> HttpResponse:
    user = request.user
    device = second_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.confirm_enrolment(request, form.cleaned_data["code"]):
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(next_url(request))
        form.add_error("code", _("That code is not right. Type the code the app shows now."))
    context = {
        "form": form,
        "next": next_url(request),
        "replacing": replacing,
        # segno writes this SVG from the otpauth:// address alone; nothing in it is user input
        # except the e-mail, which segno escapes.
        "qr_svg": mark_safe(second_factor.qr_svg(device)),  # noqa: S308
        "secret": second_factor.secret_text(device),
    }
    return render(request, "accounts/second_factor_enrol.html", context)


@login_required
def confirm_password(request: HttpRequest) -> HttpResponse:
    """Type the password again before changing one's e-mail or second factor."""
    form = ConfirmPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.confirm_password(request, form.cleaned_data["password"]):
            return redirect(next_url(request))
        form.add_error("password", _("The password is incorrect."))
    context = {"form": form, "next": next_url(request)}
    return render(request, "accounts/confirm_password.html", context)
