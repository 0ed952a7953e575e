"""Error answers in Thai: the CSRF failure page, and a machine-readable answer to a script.

404, 403, 400 and 500 are Django's own handlers rendering ``templates/404.html`` and its
siblings; only the CSRF failure needs a view of ours (``CSRF_FAILURE_VIEW``).
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils.translation import gettext as _

from learningcity.accounts.middleware import is_script_request


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """An old tab's form: a Thai page for a person, 403 with ``csrf_failed`` for a script,
    which then asks ``/accounts/session/`` for a fresh token and sends again."""
    if is_script_request(request):
        response = JsonResponse(
            {
                "error": "csrf_failed",
                "message": _("The page had expired, so this was not saved."),
            },
            status=403,
        )
        response["HX-Reswap"] = "none"
        response["X-Learningcity-Error"] = "csrf-failed"
        return response
    context = {"cookies_enabled": reason != REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)
