"""The second factor (TOTP, django-otp) and the session rules that go with log-in.

Judges, the secretariat and superusers must prove a code from an authenticator app before
they reach any page beyond the public ones; everyone's session ends when idle, when too old,
and when the account is disabled.
"""

import base64
import time

import segno
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from learningcity.audit import services as audit

from .enums import Role
from .models import User

# Session keys (seconds since the epoch).
LOGGED_IN_AT = "learningcity_logged_in_at"
LAST_SEEN_AT = "learningcity_last_seen_at"
PASSWORD_CONFIRMED_AT = "learningcity_password_confirmed_at"  # noqa: S105 - a session key

ENROLMENT_DEVICE_NAME = "enrolment"
DEVICE_NAME = "authenticator"


def requires_second_factor(user) -> bool:
    """Whether ``user`` must use a second factor: judges, the secretariat, superusers."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or user.is_staff or user.role in (Role.JUDGE, Role.SECRETARIAT))
    )


def is_verified(request: HttpRequest) -> bool:
    """Whether this session proved a code of one of the user's confirmed devices."""
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def confirmed_device(user: User) -> TOTPDevice | None:
    """The user's working authenticator, if they enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def pending_device(user: User) -> TOTPDevice:
    """The not-yet-confirmed device of an enrolment in progress (made once, then reused, so
    reloading the page does not change the QR code the person is scanning)."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, name=ENROLMENT_DEVICE_NAME
    )
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as the base32 text an authenticator app accepts, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)


def clean_code(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isdigit())


def confirm_enrolment(request: HttpRequest, code: str) -> bool:
    """Confirm the pending device with a code from the app; it replaces any earlier device and
    counts as this session's verification. ``False`` for a wrong code."""
    user = request.user
    device = pending_device(user)
    if not device.verify_token(clean_code(code)):
        return False
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk)
        had_device = replaced.filter(confirmed=True).exists()
        replaced.delete()
        device.confirmed = True
        device.name = DEVICE_NAME
        device.save(update_fields=["confirmed", "name"])
        audit.record(
            user,
            "account.second_factor_replaced" if had_device else "account.second_factor_enrolled",
            user,
        )
    request.session.cycle_key()
    otp_login(request, device)
    return True


def verify(request: HttpRequest, code: str) -> bool:
    """Check a code against the user's device (throttled by django-otp); on success this
    session counts as verified. ``False`` for a wrong code or no device."""
    device = confirmed_device(request.user)
    if device is None or not device.verify_token(clean_code(code)):
        return False
    # A new session key for the newly privileged session, as at log-in.
    request.session.cycle_key()
    otp_login(request, device)
    return True


def throttle_wait_seconds(user: User) -> int:
    """How long before another code may be tried after repeated wrong ones, 0 if now."""
    device = confirmed_device(user)
    if device is None:
        return 0
    allowed, data = device.verify_is_allowed()
    if allowed or not data:
        return 0
    locked_until = data.get("locked_until")
    if locked_until is None:
        return 0
    return max(0, int((locked_until - timezone.now()).total_seconds()) + 1)


# Sessions ------------------------------------------------------------------------------------


def start_session(request: HttpRequest) -> None:
    """At log-in: remember when, for the absolute timeout and for recent re-authentication."""
    now = time.time()
    request.session[LOGGED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now
    request.session[PASSWORD_CONFIRMED_AT] = now


def start_session_on_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        start_session(request)


def session_expired(request: HttpRequest, now: float | None = None) -> bool:
    """Whether the session is over: idle too long, or logged in too long ago."""
    now = time.time() if now is None else now
    session = request.session
    logged_in_at = session.get(LOGGED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if logged_in_at is None or last_seen_at is None:
        # A session from before these keys existed: start counting now.
        return False
    too_old = now - logged_in_at > settings.SESSION_ABSOLUTE_SECONDS
    too_idle = now - last_seen_at > settings.SESSION_IDLE_SECONDS
    return too_old or too_idle


# The idle clock is moved at most once a minute: a session row is written then, not on every
# request (autosaves and thumbnails would otherwise each write the session, and on SQLite
# parallel requests would queue on that write).
TOUCH_INTERVAL_SECONDS = 60


def touch_session(request: HttpRequest, now: float | None = None) -> None:
    now = time.time() if now is None else now
    session = request.session
    if LOGGED_IN_AT not in session:
        session[LOGGED_IN_AT] = now
    last_seen_at = session.get(LAST_SEEN_AT)
    if last_seen_at is None or now - last_seen_at >= TOUCH_INTERVAL_SECONDS:
        # Saving also sends the cookie again, so its max-age follows the idle timeout.
        session[LAST_SEEN_AT] = now


def confirm_password(request: HttpRequest, password: str) -> bool:
    """Re-authentication: check the password again (throttled like log-in); on success the
    person may change their e-mail or second factor for a few minutes."""
    user = authenticate(request, username=request.user.email, password=password)
    if user is None or user.pk != request.user.pk:
        return False
    request.session[PASSWORD_CONFIRMED_AT] = time.time()
    return True


def password_recently_confirmed(request: HttpRequest) -> bool:
    confirmed_at = request.session.get(PASSWORD_CONFIRMED_AT)
    if confirmed_at is None:
        return False
    return time.time() - confirmed_at <= settings.REAUTHENTICATION_SECONDS
