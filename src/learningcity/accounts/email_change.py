"""Changing one's e-mail address: a link to the new address proves it, the old one is told.

Asking never reveals whether the new address belongs to another account: the answer is the
same, and only that address's owner learns that someone tried.
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from learningcity.audit import services as audit

from .models import User
from .services import _send, absolute_url

SALT = "learningcity.accounts.email_change"


def request_email_change(user: User, new_email: str) -> None:
    """E-mail a confirmation link to ``new_email``, or, if another account has it, warn that
    account instead; nothing changes until the link is opened."""
    new_email = new_email.strip().lower()
    owner = User.objects.with_email(new_email).first()
    if owner is not None:
        if owner.pk != user.pk:
            _send(
                owner, "email_change_taken", {"login_url": absolute_url(reverse("accounts:login"))}
            )
        return
    token = signing.dumps({"user": user.pk, "new": new_email, "old": user.email}, salt=SALT)
    link = absolute_url(reverse("accounts:confirm_email_change", kwargs={"token": token}))
    recipient = User(email=new_email, full_name=user.full_name)
    _send(recipient, "email_change_confirm", {"confirm_url": link})


def confirm_email_change(token: str) -> User | None:
    """Apply the change a link asks for, if the link is genuine, unexpired and the account
    still has the address it had when the link was made; ``None`` otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or user.email != data.get("old"):
        return None
    old_email = user.email
    try:
        with transaction.atomic():
            user.email = data["new"]
            user.save(update_fields=["email"])
            audit.record(
                user,
                "account.email_changed",
                user,
                before={"email": old_email},
                after={"email": user.email},
            )
    except IntegrityError:
        return None
    _send(
        User(email=old_email, full_name=user.full_name),
        "email_changed_notice",
        {
            "new_email": user.email,
        },
    )
    return user
