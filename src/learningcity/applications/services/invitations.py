"""Inviting co-workers into an organisation by e-mail; only a hash of each token is kept."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.enums import MembershipRole
from learningcity.accounts.models import Membership, Organisation, User
from learningcity.audit import services as audit
from learningcity.mail import send_templated_email

from ..models import Invitation
from .registrations import may_apply_for

INVITATION_DAYS = 7


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(token: str) -> str:
    """The absolute link that accepts an invitation, on the public site address."""
    path = reverse("applications:accept_invitation", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


def invite_member(
    *, organisation: Organisation, email: str, invited_by: User, at: dt.datetime | None = None
) -> Invitation:
    """E-mail a link that lets the owner of ``email`` join the organisation within 7 days; a
    pending invitation to the same address is renewed, not duplicated."""
    at = at or timezone.now()
    if not may_apply_for(invited_by, organisation):
        raise ValidationError(
            _("You are not a coordinator or member of this organisation."), code="not_member"
        )
    email = email.strip()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(
                organisation=organisation,
                email__iexact=email,
                accepted_at__isnull=True,
                expires_at__gte=at,
            )
            .first()
        )
        if invitation is None:
            invitation = Invitation(organisation=organisation, email=email, created_at=at)
        # Only the hash is kept, so a renewed invitation needs a new token to send.
        invitation.token_hash = _hash(token)
        invitation.invited_by = invited_by
        invitation.expires_at = at + dt.timedelta(days=INVITATION_DAYS)
        invitation.save()
        audit.record(invited_by, "invitation.sent", invitation, after={"email": email})
    context = {
        "invitation": invitation,
        "organisation": organisation,
        "invited_by": invited_by,
        "accept_url": invitation_url(token),
        "days": INVITATION_DAYS,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    # The inviter waits for this one: a failure is reported to them, not only logged.
    send_templated_email("applications/email/invitation", context, [email], raise_errors=True)
    return invitation


def pending_invitations(organisation: Organisation, at: dt.datetime | None = None):
    """Invitations of the organisation not yet accepted and not expired."""
    at = at or timezone.now()
    return organisation.invitations.filter(accepted_at__isnull=True, expires_at__gte=at)


def find_invitation(token: str) -> Invitation | None:
    """The invitation a link's token names, or ``None``."""
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=_hash(token))
        .first()
    )


def accept_invitation(token: str, user: User, at: dt.datetime | None = None) -> Membership:
    """Make ``user`` a member of the inviting organisation, once, before the link expires, and
    only if the invitation was sent to ``user``'s own address."""
    at = at or timezone.now()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .filter(token_hash=_hash(token))
            .first()
        )
        if invitation is None:
            raise ValidationError(_("This invitation link is not valid."), code="invalid")
        if invitation.accepted_at is not None:
            raise ValidationError(_("This invitation has already been used."), code="used")
        if invitation.expires_at < at:
            raise ValidationError(
                _("This invitation has expired. Ask for a new one."), code="expired"
            )
        if invitation.email.strip().lower() != user.email.strip().lower():
            raise ValidationError(
                _(
                    "This invitation was sent to another e-mail address. Log in with the "
                    "address it was sent to."
                ),
                code="wrong_email",
            )
        membership, _created = Membership.objects.get_or_create(
            user=user,
            organisation=invitation.organisation,
            defaults={"role": MembershipRole.MEMBER},
        )
        invitation.accepted_at = at
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit.record(
            user,
            "invitation.accepted",
            invitation,
            after={"membership": membership.pk, "role": membership.role},
        )
    return membership
