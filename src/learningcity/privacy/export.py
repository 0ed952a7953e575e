"""Everything the platform holds about one person, as JSON-ready data (PDPA right of access):
every copy the map (``personal_data``) names for them."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.privacy.models import ErasureRequest
from learningcity.privacy.services import consents_of_person, person_plan


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
                "covers": c.covers,
                "on_behalf_of": c.on_behalf_of,
                "notice_version": c.notice_version,
                "given_at": _when(c.given_at),
                "withdrawn_at": _when(c.withdrawn_at),
            }
            for c in consents_of_person(user)
        ],
        "activity": [
            {"at": _when(e.at), "action": e.action, "object": f"{e.object_type}:{e.object_id}"}
            for e in AuditEntry.objects.filter(actor=user).order_by("at")
        ],
        **copies_about(user),
    }


def copies_about(user) -> dict:
    """The copies outside the person's rows: audit entries about them or quoting their values,
    e-mails in the outbox to them, and exports of editions that name them."""
    from learningcity.audit.models import AuditEntry
    from learningcity.exports.models import ExportJob
    from learningcity.notices.models import OutboxMessage

    plan = person_plan(user)
    quoted = [s.pk for s in plan.scrubs if s.model == "audit.auditentry"]
    # Entries about the exports that name the person hold none of their values: not listed.
    about = (
        AuditEntry.objects.filter(
            Q(pk__in=quoted) | Q(object_type=user._meta.label_lower, object_id=str(user.pk))
        )
        .exclude(actor=user)
        .exclude(object_type="exports.exportjob")
    )
    jobs = [pk for label, pk in plan.deletions if label == "exports.exportjob"]
    return {
        "audit_entries_about_you": [
            {
                "at": _when(e.at),
                "action": e.action,
                "object": f"{e.object_type}:{e.object_id}",
                "summary": e.summary,
                "before": e.before,
                "after": e.after,
            }
            for e in about.order_by("at", "pk")
        ],
        "emails_to_you": [
            {
                "subject": m.subject,
                "body": m.body,
                "status": m.status,
                "sent_at": _when(m.sent_at),
            }
            for m in OutboxMessage.objects.filter(recipient__iexact=user.email).order_by("pk")
        ],
        "exports_naming_you": [
            {
                "export": j.kind,
                "format": j.format,
                "edition": j.edition.number,
                "created_at": _when(j.created_at),
                "status": j.status,
            }
            for j in ExportJob.objects.filter(pk__in=jobs).select_related("edition")
        ],
        "erasure_requests": [
            {
                "status": r.status,
                "requested_at": _when(r.requested_at),
                "decided_at": _when(r.decided_at),
                "decision_note": r.decision_note,
            }
            for r in ErasureRequest.objects.filter(requested_by=user)
        ],
    }


KINDS = {
    "memberships": _("Memberships of organisations"),
    "registrations": _("Registrations naming you as coordinator"),
    "training_representative": _("Training representative records"),
    "invitations": _("Invitations to your e-mail address"),
    "files_uploaded": _("Files you uploaded"),
    "consents": _("Consents"),
    "activity": _("Your actions in the audit log"),
    "audit_entries_about_you": _("Audit log entries about you"),
    "emails_to_you": _("E-mails sent to you (outbox)"),
    "exports_naming_you": _("Exports that contain your data"),
    "erasure_requests": _("Requests to erase your data"),
}


def copy_counts(user) -> list[tuple[str, int]]:
    """How many of each kind of copy "my data" holds, for the page."""
    data = personal_data_of(user)
    return [(KINDS[key], len(data[key])) for key in KINDS]
