"""Accounts: signing up, proving an e-mail address, and the e-mails that go with them.

No answer here tells a visitor whether an address is registered: sign-up and the request for
a new link behave the same either way, and only the owner of the address learns the truth.
"""

import logging

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from learningcity.audit import services as audit
from learningcity.mail import send_templated_email

from .enums import Role
from .models import User
from .tokens import email_verification_token

logger = logging.getLogger(__name__)


def sign_up(*, full_name: str, email: str, password: str, phone: str = "") -> User | None:
    """Create an unverified applicant and e-mail them a verification link, or, when the address
    is already registered, create nothing and warn the owner of that address instead."""
    existing = User.objects.with_email(email).first()
    if existing is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email,
                    password,
                    full_name=full_name,
                    phone=phone,
                    role=Role.APPLICANT,
                    privacy_accepted_at=timezone.now(),
                )
                audit.record(user, "account.signed_up", user, after={"role": user.role})
        except IntegrityError:
            # Another sign-up with the same address won the race a moment ago.
            existing = User.objects.with_email(email).get()
        else:
            send_verification_email(user)
            logger.info("Signed up user %s; verification sent", user.pk)
            return user
    # Hash anyway, so a taken address answers in about the time a free one does.
    make_password(password)
    send_signup_attempt_warning(existing)
    logger.info("Sign-up with the address of user %s; owner warned", existing.pk)
    return None


def verify_email(uidb64: str, token: str) -> User | None:
    """Mark the address of the link's user as verified if the link is genuine, unused and
    unexpired; return that user, or ``None`` for a bad link."""
    user = user_from_uidb64(uidb64)
    if user is None or not user.is_active:
        return None
    if not email_verification_token.check_token(user, token):
        return None
    mark_email_verified(user)
    logger.info("User %s verified their e-mail address", user.pk)
    return user


def mark_email_verified(user: User) -> None:
    """Record that the person reads their address (they followed a link sent to it), keeping
    an earlier date."""
    if user.email_verified_at is not None:
        return
    with transaction.atomic():
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
        audit.record(user, "account.email_verified", user)


def resend_verification(email: str) -> None:
    """Send a fresh verification link if an active account with this address is still
    unverified; otherwise do nothing, silently."""
    user = (
        User.objects.with_email(email)
        .filter(is_active=True, email_verified_at__isnull=True)
        .first()
    )
    if user is not None:
        send_verification_email(user)


def user_from_uidb64(uidb64: str) -> User | None:
    """The user a link's ``uidb64`` names, or ``None`` if it names nobody."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk).first()


def verification_url(user: User) -> str:
    """The absolute one-time link that verifies ``user``'s address."""
    path = reverse(
        "accounts:verify_email",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_verification_token.make_token(user),
        },
    )
    return absolute_url(path)


def absolute_url(path: str) -> str:
    """``path`` on the public site address, never on whatever host a request claimed."""
    return settings.SITE_URL.rstrip("/") + path


def email_context() -> dict:
    """What every account e-mail may show: the site address and how long links last."""
    return {
        "site_url": settings.SITE_URL.rstrip("/"),
        "link_valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
    }


def send_verification_email(user: User) -> None:
    """E-mail ``user`` a link that verifies their address."""
    _send(user, "verify_email", {"verify_url": verification_url(user)})


def send_signup_attempt_warning(user: User) -> None:
    """Tell the owner of an address that someone tried to sign up with it again."""
    context = {
        "login_url": absolute_url(reverse("accounts:login")),
        "password_reset_url": absolute_url(reverse("accounts:password_reset")),
        # An owner who never verified most likely lost the first link: give a new one.
        "verify_url": None if user.is_email_verified else verification_url(user),
    }
    _send(user, "signup_attempt", context)


def _send(user: User, name: str, context: dict) -> None:
    # Never raises: a mail-server failure must not show on one path only, or it would reveal
    # whether the account exists.
    context = {"user": user, **email_context(), **context}
    send_templated_email(f"accounts/email/{name}", context, [user.email])
