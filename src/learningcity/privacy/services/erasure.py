"""A person's request to erase their personal data: reviewed by the secretariat and carried
out by the same machinery as an edition's retention (``copies.carry_out``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.audit.services import record
from learningcity.privacy.enums import ERASURE_TRANSITIONS, ErasureStatus
from learningcity.privacy.models import ErasureRequest
from learningcity.privacy.personal_data import ERASED

from . import copies


def request_erasure(user, *, reason: str = "") -> ErasureRequest:
    """Open a request (one open request per person; asking again returns it)."""
    try:
        with transaction.atomic():
            request = ErasureRequest.objects.create(requested_by=user, reason=reason.strip())
            record(user, "erasure.requested", request)
    except IntegrityError:
        return ErasureRequest.objects.get(requested_by=user, status=ErasureStatus.REQUESTED)
    return request


def registrations_of(user):
    from learningcity.applications.models import Registration

    return Registration.objects.filter(coordinator_email__iexact=user.email)


def person_plan(user) -> copies.Plan:
    """Every copy of this person's data: their account, the contacts that carry their e-mail,
    e-mails sent to them, exports of editions that name them, log-in records, and texts
    quoting them."""
    from learningcity.accounts.models import User
    from learningcity.applications.models import Invitation, Representative
    from learningcity.exports.models import ExportJob
    from learningcity.notices.models import OutboxMessage

    email = user.email
    plan = copies.Plan()
    for value in (user.email, user.full_name, user.phone):
        plan.add_value(value)
    registrations = registrations_of(user)
    representatives = Representative.objects.filter(email__iexact=email)
    plan.changes += copies.field_changes(
        registrations,
        {
            "coordinator_name": ERASED,
            "coordinator_phone": ERASED,
            "coordinator_email": copies.anonymous_email,
        },
    )
    plan.changes += copies.field_changes(
        representatives, {"full_name": ERASED, "phone": ERASED, "email": copies.anonymous_email}
    )
    plan.changes += copies.field_changes(
        Invitation.objects.filter(email__iexact=email), {"email": copies.anonymous_email}
    )
    plan.changes += copies.field_changes(
        OutboxMessage.objects.filter(recipient__iexact=email),
        {"recipient": copies.anonymous_email, "subject": ERASED, "body": ERASED},
    )
    plan.changes += copies.field_changes(
        User.objects.filter(pk=user.pk),
        {"email": copies.anonymous_email, "full_name": ERASED, "phone": ERASED},
    )
    for change in plan.changes:
        plan.add_value(change.current)
    editions = set(registrations.values_list("edition_id", flat=True)) | set(
        representatives.values_list("registration__edition_id", flat=True)
    )
    copies.remove_export_jobs(plan, ExportJob.objects.filter(edition_id__in=editions))
    for label, rows in _login_records(email):
        plan.deletions += [(label, pk) for pk in rows]
    plan.erased_rows.add(("accounts.user", str(user.pk)))
    plan.scrubs = copies.find_scrubs(plan)
    return plan


def _login_records(email: str):
    try:
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    except ImportError:  # pragma: no cover - axes is a dependency
        return []
    return [
        (
            model._meta.label_lower,
            list(model.objects.filter(username__iexact=email).values_list("pk", flat=True)),
        )
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    ]


def decide(request: ErasureRequest, to: str, *, actor, note: str = "") -> ErasureRequest:
    """Move a request along ERASURE_TRANSITIONS: the secretariat carries it out or refuses it
    (with a note); the person may withdraw it while it waits. Carrying out erases at once."""
    if to == ErasureStatus.WITHDRAWN:
        if actor.pk != request.requested_by_id:
            raise PermissionDenied
    elif not actor.has_perm("privacy.review_erasure"):
        raise PermissionDenied
    if to == ErasureStatus.REFUSED and not note.strip():
        raise ValidationError(_("Say why the request is refused."), code="note")
    with transaction.atomic():
        current = ErasureRequest.objects.select_for_update().get(pk=request.pk)
        if to not in ERASURE_TRANSITIONS[current.status]:
            raise ValidationError(_("This request has already been decided."), code="state")
        counts = {}
        if to == ErasureStatus.CARRIED_OUT:
            person = current.requested_by
            counts = copies.carry_out(person_plan(person))
            person.refresh_from_db()
            person.set_unusable_password()
            person.is_active = False
            person.save(update_fields=["password", "is_active"])
        before = current.status
        current.status = to
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.decision_note = note.strip()
        current.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        record(
            actor,
            "erasure.decided",
            current,
            before={"status": before},
            after={"status": to, **counts},
        )
    return current


def open_requests():
    return ErasureRequest.objects.filter(status=ErasureStatus.REQUESTED).select_related(
        "requested_by"
    )


def requests_of(user):
    return ErasureRequest.objects.filter(Q(requested_by=user))
