"""Middleware that applies the session and second-factor rules to every request."""

from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from . import second_factor

# What a judge, the secretariat or a superuser may open before proving their second factor:
# the public pages and their own account's log-in, log-out and second-factor pages. Everything
# else (judging, secretariat, results management, exports, notices, events, files, admin...)
# sends them to the second factor first; a new app is protected without being listed here.
OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/session/",
    "/accounts/second-factor/",
    "/accounts/confirm-password/",
    "/accounts/password-reset/",
    "/accounts/verify/",
    "/editions/",
    "/registry/",
    "/i18n/",
    "/static/",
)
OPEN_PATHS = ("/", "/accounts/")


class SessionLifetimeMiddleware:
    """Logs out a disabled account at its next request, and any session idle for too long or
    logged in too long ago."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session and not request.user.is_authenticated:
            # The session names a user the backend no longer accepts (disabled): end it.
            session.flush()
        elif request.user.is_authenticated:
            if second_factor.session_expired(request):
                logout(request)
                messages.info(request, _("Your session has expired. Please log in again."))
            else:
                second_factor.touch_session(request)
        response = self.get_response(request)
        if is_script_request(request) and _sends_to_log_in(response):
            return session_ended_response()
        return response


def is_script_request(request: HttpRequest) -> bool:
    """A request made by a page's script (htmx, or our ``fetch`` calls), whose answer is put
    into the page rather than shown as a page."""
    return (
        request.headers.get("HX-Request") == "true"
        or request.headers.get("X-Requested-With") == "fetch"
    )


def _sends_to_log_in(response: HttpResponse) -> bool:
    if response.status_code not in (301, 302, 303, 307, 308):
        return False
    path = urlsplit(response.get("Location", "")).path
    return path in (reverse("accounts:login"), reverse("accounts:second_factor"))


def session_ended_response() -> JsonResponse:
    """What a script gets instead of the log-in page: 401 and a reason, so the page keeps what
    was typed and offers to log in again."""
    response = JsonResponse(
        {
            "error": "session_ended",
            "message": _("You are no longer logged in, so this was not saved."),
            "login_url": reverse("accounts:login"),
        },
        status=401,
    )
    response["WWW-Authenticate"] = 'Session realm="learningcity"'
    response["HX-Reswap"] = "none"
    response["X-Learningcity-Error"] = "session-ended"
    return response


class SecondFactorMiddleware:
    """Sends a judge, the secretariat or a superuser without a verified second factor in this
    session to enrolment or verification before any non-public page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            second_factor.requires_second_factor(user)
            and not second_factor.is_verified(request)
            and not is_open(request.path)
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:second_factor')}?{query}")
        return self.get_response(request)


def is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


class PrivatePagesMiddleware:
    """Pages shown to a logged-in person are never stored by the browser or a proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
