"""Log-in throttling with django-axes: which attempts count, and from where they come."""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from learningcity.accounts import address_throttle


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Refuses every password check for a locked-out (address, IP address) pair.

    Every log-in form of the platform passes the request; a check without one (the shell, the
    test client's ``login``) has no client address to throttle by and is let through to the
    next backend rather than failing.
    """

    def authenticate(self, request: HttpRequest | None, *args, **kwargs):
        if request is None:
            return None
        address = address_throttle.verdict(client_ip(request))
        if address.wait_seconds:
            # Marked as axes' own refusal: the attempt is not recorded as a failure, and the
            # middleware answers with the lockout page, which reads the verdict.
            request.axes_locked_out = True
            request.address_verdict = address
            raise AxesBackendPermissionDenied(_("Too many log-in attempts from this address."))
        return super().authenticate(request, *args, **kwargs)


def attempted_email(request: HttpRequest, credentials: dict | None) -> str | None:
    """The address typed, compared the way log-in compares it (trimmed, any case)."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    return raw.strip().lower() if isinstance(raw, str) else raw


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind our reverse proxy the address the
    proxy appended last to X-Forwarded-For (earlier entries are whatever the client sent)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The Thai lockout page (HTTP 429), the same whether the address has an account or not."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    address = getattr(request, "address_verdict", None)
    context = {"cooloff_minutes": minutes, "address": address}
    if address is not None and address.blocked:
        context["address_minutes"] = max(1, -(-address.wait_seconds // 60))
    response = render(request, "accounts/locked_out.html", context, status=429)
    if address is not None:
        response["Retry-After"] = str(address.wait_seconds)
    return response
