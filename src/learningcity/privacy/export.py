"""Everything the platform holds about one person, as JSON-ready data (PDPA right of access)."""

from django.db.models import Q
from django.utils import timezone

from learningcity.privacy.models import Consent


def _when(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def personal_data_of(user) -> dict:
    """The person's account, memberships, the rows that name them or their e-mail, and history."""
    from learningcity.applications.models import (
        Invitation,
        Registration,
        Representative,
    )
    from learningcity.attachments.models import Attachment
    from learningcity.audit.models import AuditEntry

    email = user.email
    registrations = Registration.objects.filter(
        Q(created_by=user) | Q(coordinator_email__iexact=email)
    ).select_related("edition", "organisation", "local_government")
    return {
        "generated_at": _when(timezone.now()),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "role": user.role,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "email_verified_at": _when(user.email_verified_at),
            "privacy_accepted_at": _when(user.privacy_accepted_at),
        },
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "joined_at": _when(m.joined_at)}
            for m in user.memberships.select_related("organisation")
        ],
        "registrations": [
            {
                "edition": r.edition.number,
                "organisation": r.organisation.name,
                "area": r.local_government.full_name_th,
                "coordinator_name": r.coordinator_name,
                "coordinator_phone": r.coordinator_phone,
                "coordinator_email": r.coordinator_email,
                "registered_at": _when(r.created_at),
            }
            for r in registrations
        ],
        "training_representative": [
            {
                "edition": rep.registration.edition.number,
                "full_name": rep.full_name,
                "position": rep.position,
                "phone": rep.phone,
                "email": rep.email,
                "attended_at": _when(rep.attended_at),
            }
            for rep in Representative.objects.filter(email__iexact=email).select_related(
                "registration__edition"
            )
        ],
        "invitations": [
            {
                "organisation": i.organisation.name,
                "created_at": _when(i.created_at),
                "accepted_at": _when(i.accepted_at),
            }
            for i in Invitation.objects.filter(email__iexact=email).select_related("organisation")
        ],
        "files_uploaded": [
            {"file": a.display_name, "document": a.kind, "uploaded_at": _when(a.uploaded_at)}
            for a in Attachment.objects.filter(uploaded_by=user)
        ],
        "consents": [
            {
                "purpose": c.purpose,
                "subject": f"{c.subject_type}:{c.subject_id}",
                "on_behalf_of": c.on_behalf_of,
                "notice_version": c.notice_version,
                "given_at": _when(c.given_at),
                "withdrawn_at": _when(c.withdrawn_at),
            }
            for c in Consent.objects.filter(given_by=user)
        ],
        "activity": [
            {"at": _when(e.at), "action": e.action, "object": f"{e.object_type}:{e.object_id}"}
            for e in AuditEntry.objects.filter(actor=user).order_by("at")
        ],
    }
