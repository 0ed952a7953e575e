"""The session as seen by a page that is still open: is the person still logged in, a fresh
CSRF token, a keep-alive while they type, and a log-in that does not leave the page.

A page's script calls these with ``fetch``; they answer JSON, never a redirect, so whatever the
person typed stays on the page while they log in again.
"""

import time

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import second_factor
from .forms import EmailAuthenticationForm


def is_logged_in(request: HttpRequest) -> bool:
    """Logged in, and past the second factor where the role needs one."""
    user = request.user
    if not user.is_authenticated:
        return False
    return not second_factor.requires_second_factor(user) or second_factor.is_verified(request)


def seconds_left(request: HttpRequest) -> int | None:
    """Seconds until the absolute timeout ends this session, ``None`` when not logged in."""
    logged_in_at = request.session.get(second_factor.LOGGED_IN_AT)
    if not request.user.is_authenticated or logged_in_at is None:
        return None
    return max(0, int(logged_in_at + settings.SESSION_ABSOLUTE_SECONDS - time.time()))


def _status(request: HttpRequest, status: int = 200, **extra) -> JsonResponse:
    body = {
        "authenticated": is_logged_in(request),
        # Rotated at log-in: the page replaces its old token with this one before saving.
        "csrf_token": get_token(request),
        "seconds_left": seconds_left(request),
        **extra,
    }
    return JsonResponse(body, status=status)


@never_cache
@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """Whether the session still holds; calling it while typing is the keep-alive (the session
    middleware moves the idle clock, at most once a minute)."""
    return _status(request)


@never_cache
@require_POST
def session_login(request: HttpRequest) -> JsonResponse:
    """Log in again from a page that is still open (e-mail and password, like the log-in
    page, throttled the same way). A role with a second factor finishes in a new tab."""
    form = EmailAuthenticationForm(request, data=request.POST)
    if not form.is_valid():
        errors = [str(error) for error in form.non_field_errors()] or [
            _("Enter your e-mail address and password.")
        ]
        return _status(request, status=400, errors=errors)
    login(request, form.get_user())
    extra = {}
    if not is_logged_in(request):
        back = reverse("accounts:session_back")
        extra["second_factor_url"] = f"{reverse('accounts:second_factor')}?next={back}"
    return _status(request, **extra)


@never_cache
def session_back(request: HttpRequest) -> HttpResponse:
    """Where a log-in opened in a new tab ends: it says to go back to the first tab."""
    return render(request, "accounts/session_back.html", {"logged_in": is_logged_in(request)})
