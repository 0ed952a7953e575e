"""Certifying and submitting the application (steps 4 and 5), and the secretariat's remedies.

Every status change of an application goes through ``set_application_status``. A certification
is not undone by a later change to an answer: the head certifies the entry as a whole, and the
audit log keeps every answer's history.
"""

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from learningcity.accounts.enums import MembershipRole
from learningcity.accounts.memberships import roles_in
from learningcity.accounts.models import User
from learningcity.accounts.rules import is_secretariat
from learningcity.attachments import storage
from learningcity.attachments.checks import UploadRefused, inspect_upload
from learningcity.attachments.enums import FileKind
from learningcity.attachments.models import Attachment
from learningcity.attachments.names import storage_name
from learningcity.audit import services as audit
from learningcity.editions.models import Edition, RequiredDocument
from learningcity.mail import send_templated_email
from learningcity.thai.formatting import format_datetime

from ..enums import APPLICATION_TRANSITIONS, ApplicationStatus, CertificationMethod
from ..models import Application, Certification
from . import signed_page
from .answers import (
    CLOSED_REGISTRATION_STATUSES,
    EDITABLE_STATUSES,
    in_submission_window,
    progress,
    submission_window,
)
from .gates import Problem, gate_problems

logger = logging.getLogger(__name__)

SIGNED_PAGE_MAX_BYTES = 10 * 1024 * 1024


def _application_url(application: Application, anchor: str = "") -> str:
    url = reverse("applications:application", kwargs={"pk": application.registration_id})
    return f"{url}#{anchor}" if anchor else url


def _attachments_url(application: Application, anchor: str) -> str:
    return reverse("attachments:list", kwargs={"app_pk": application.pk}) + f"#{anchor}"


def _check_url(application: Application, anchor: str) -> str:
    return reverse("applications:check", kwargs={"pk": application.pk}) + f"#{anchor}"


# Certification ----------------------------------------------------------------------------


def _check_certifiable(application: Application, at: dt.datetime) -> None:
    if application.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("The application has been submitted; it cannot be certified again."),
            code="status",
        )
    if not in_submission_window(application, at):
        raise ValidationError(
            _("The application can only be certified while the submission phase is open."),
            code="closed",
        )


def _save_certification(
    application: Application,
    user: User,
    method: CertificationMethod,
    at: dt.datetime,
    *,
    stored_name: str = "",
    sha256: str = "",
) -> Certification:
    registration = application.registration
    before = Certification.objects.filter(application=application).first()
    certification, _created = Certification.objects.update_or_create(
        application=application,
        defaults={
            "method": method,
            "certified_by": user,
            "head_name": registration.head_name,
            "head_position": registration.head_position,
            "certified_at": at,
            "stored_name": stored_name,
            "sha256": sha256,
        },
    )
    audit.record(
        user,
        "application.certified",
        application,
        before={"method": before.method, "sha256": before.sha256} if before else None,
        after={
            "method": method.value,
            "head_name": registration.head_name,
            "head_position": registration.head_position,
            "certified_by": user.pk,
            "certified_at": at.isoformat(),
            "sha256": sha256,
        },
        summary=str(application),
    )
    return certification


def certify_by_account(
    application: Application, user: User, password: str, at: dt.datetime | None = None
) -> Certification:
    """The head of the local government certifies the application from their own account,
    after typing their password again."""
    at = at or timezone.now()
    is_head = MembershipRole.HEAD in roles_in(user, application.registration.organisation_id)
    if not is_head:
        raise ValidationError(
            _("Only the head of the local government may certify the application online."),
            code="not_head",
        )
    if not password or not user.check_password(password):
        raise ValidationError(
            {"password": _("The password is not correct. Please type it again.")},
            code="password",
        )
    _check_certifiable(application, at)
    with transaction.atomic():
        return _save_certification(application, user, CertificationMethod.ACCOUNT, at)


def certify_by_upload(
    application: Application, user: User, upload, at: dt.datetime | None = None
) -> Certification:
    """A coordinator or member uploads the certification page signed by the head, as a PDF
    or a photo that passes the attachment checks and shows this application's current code."""
    at = at or timezone.now()
    if not user.has_perm("applications.change_application", application):
        raise ValidationError(
            _("Only members of the applying organisation may upload the signed page."),
            code="member",
        )
    _check_certifiable(application, at)
    try:
        inspection = inspect_upload(
            upload,
            getattr(upload, "name", "") or "",
            accepted_types=[FileKind.PDF, FileKind.JPEG, FileKind.PNG],
            max_bytes=SIGNED_PAGE_MAX_BYTES,
        )
        signed_page.check_page_belongs(application, inspection)
        content = signed_page.as_pdf(inspection, SIGNED_PAGE_MAX_BYTES)
    except UploadRefused as refused:
        raise ValidationError({"signed_file": refused.message}, code=str(refused.code)) from None
    sha256 = hashlib.sha256(content).hexdigest()
    stored_name = storage_name(sha256, ".pdf")
    temp = storage.write_temporary(stored_name, content)
    try:
        with transaction.atomic():
            certification = _save_certification(
                application,
                user,
                CertificationMethod.SIGNED_UPLOAD,
                at,
                stored_name=stored_name,
                sha256=sha256,
            )
            # Renamed last: a failed database write leaves only the temporary file.
            storage.commit_temporary(temp, stored_name)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return certification


# Submission -------------------------------------------------------------------------------


def _answer_problems(application: Application) -> list[Problem]:
    problems = []
    for item in progress(application):
        for missing in item.missing:
            problems.append(
                Problem(
                    code="answer",
                    message=_("Criterion %(number)s: %(missing)s")
                    % {"number": item.criterion.number, "missing": missing},
                    url=_application_url(application, f"section-{item.criterion.number}"),
                )
            )
    return problems


def _document_problems(application: Application) -> list[Problem]:
    problems = []
    documents = RequiredDocument.objects.filter(edition_id=application.registration.edition_id)
    files = list(Attachment.objects.filter(application=application))
    for document in documents:
        mine = [f for f in files if f.kind == document.kind]
        url = _attachments_url(application, f"document-{document.kind}")
        if not document.min_count <= len(mine) <= document.max_count:
            if document.min_count == document.max_count:
                message = ngettext(
                    "%(document)s: %(expected)s file is required; there are %(count)s.",
                    "%(document)s: %(expected)s files are required; there are %(count)s.",
                    document.min_count,
                )
            else:
                message = ngettext(
                    "%(document)s: at least %(expected)s file is required; there are %(count)s.",
                    "%(document)s: at least %(expected)s files are required; there are %(count)s.",
                    document.min_count,
                )
            problems.append(
                Problem(
                    code="document",
                    message=message
                    % {
                        "document": document.title_th,
                        "expected": document.min_count,
                        "count": len(mine),
                    },
                    url=url,
                )
            )
        if document.caption_required:
            uncaptioned = sorted(f.slot for f in mine if not f.caption.strip())
            if uncaptioned:
                problems.append(
                    Problem(
                        code="caption",
                        message=_("%(document)s: write a caption for file %(slots)s.")
                        % {
                            "document": document.title_th,
                            "slots": ", ".join(str(slot) for slot in uncaptioned),
                        },
                        url=url,
                    )
                )
    return problems


def submission_problems(application: Application, at: dt.datetime | None = None) -> list[Problem]:
    """Everything that keeps the application from being submitted now, each with a Thai
    message and a link to where it is fixed; empty when it may be submitted."""
    at = at or timezone.now()
    problems = []
    if application.registration.status in CLOSED_REGISTRATION_STATUSES:
        problems.append(
            Problem(
                code="registration",
                message=_("The registration is “%(status)s”; this application cannot be submitted.")
                % {"status": application.registration.get_status_display()},
                url=reverse(
                    "applications:registration", kwargs={"pk": application.registration_id}
                ),
            )
        )
    opens_at, closes_at = submission_window(application)
    if opens_at is not None and at < opens_at:
        problems.append(
            Problem(
                code="not_open",
                message=_("The submission phase has not opened yet."),
                url=_check_url(application, "window"),
            )
        )
    elif closes_at is None or at > closes_at:
        problems.append(
            Problem(
                code="closed",
                message=_("The submission phase is closed."),
                url=_check_url(application, "window"),
            )
        )
    problems += _answer_problems(application)
    problems += _document_problems(application)
    # The training gate (events) and any other app's gate, without importing those apps.
    problems += gate_problems(application)
    if not Certification.objects.filter(application=application).exists():
        problems.append(
            Problem(
                code="certification",
                message=_("The head of the local government has not certified the application."),
                url=_check_url(application, "certification"),
            )
        )
    return problems


def _next_reference(application: Application) -> str:
    """``LCA{edition}-{category}-{sequence}``, the sequence counting per edition.

    Called with the edition row locked, so two submissions never count the same number; the
    unique reference column backs it.
    """
    registration = application.registration
    used = Application.objects.filter(
        registration__edition_id=registration.edition_id, reference__isnull=False
    ).count()
    return f"LCA{registration.edition.number}-{registration.category.code}-{used + 1:04d}"


def set_application_status(
    application: Application,
    to: ApplicationStatus,
    *,
    actor: User,
    reason: str = "",
    at: dt.datetime | None = None,
) -> Application:
    """Move an application to another status, only along the allowed transitions; a
    submission must be complete, certified and inside the window."""
    at = at or timezone.now()
    with transaction.atomic():
        current = (
            Application.objects.select_for_update()
            .select_related("registration__edition", "registration__category")
            .get(pk=application.pk)
        )
        before = ApplicationStatus(current.status)
        if to not in APPLICATION_TRANSITIONS[before]:
            raise ValidationError(
                _("An application cannot go from “%(before)s” to “%(after)s”.")
                % {"before": before.label, "after": ApplicationStatus(to).label},
                code="transition",
            )
        if to == ApplicationStatus.SUBMITTED:
            problems = submission_problems(current, at)
            if problems:
                raise ValidationError([p.message for p in problems], code="incomplete")
            if not current.reference:
                Edition.objects.select_for_update().filter(
                    pk=current.registration.edition_id
                ).first()
                current.reference = _next_reference(current)
            current.submitted_at = at
        current.status = to
        current.updated_at = at
        current.save(update_fields=["status", "reference", "submitted_at", "updated_at"])
        audit.record(
            actor,
            "application.status_changed",
            current,
            before={"status": before.value},
            after={"status": ApplicationStatus(to).value, "reference": current.reference},
            summary=reason,
        )
        if to == ApplicationStatus.SUBMITTED:
            transaction.on_commit(lambda: _email_later(current))
            transaction.on_commit(lambda: _build_pdf_later(current))
    application.status = current.status
    application.reference = current.reference
    application.submitted_at = current.submitted_at
    application.updated_at = current.updated_at
    logger.info("Application %s: %s → %s", application.pk, before, to)
    return application


def submit_application(
    application: Application, user: User, at: dt.datetime | None = None
) -> Application:
    """Submit the application once; submitting it again (a double click, a second tab)
    returns the submission already made, with the same reference and no second e-mail."""
    if not user.has_perm("applications.change_application", application):
        raise ValidationError(
            _("Only members of the applying organisation may submit the application."),
            code="member",
        )
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status == ApplicationStatus.SUBMITTED:
            application.status = current.status
            application.reference = current.reference
            application.submitted_at = current.submitted_at
            return application
        return set_application_status(application, ApplicationStatus.SUBMITTED, actor=user, at=at)


def _email_later(application: Application) -> None:
    """The confirmation e-mail, sent by the worker (``tasks.send_submitted_email``)."""
    from ..tasks import send_submitted_email  # the tasks module imports these services

    send_submitted_email.enqueue(application.pk)


def _build_pdf_later(application: Application) -> None:
    """The submitted application's PDF, built once by the worker (see ``pdf.stored``) when the
    application's submission window has closed: nobody reads it before judging, and the last
    hours before the deadline are when the servers' CPU is scarcest (a download before then
    builds it at once)."""
    from django.tasks import default_task_backend

    from ..pdf.stored import build_application_pdf  # the PDF module imports these services

    task = build_application_pdf
    _opens_at, closes_at = submission_window(application)
    if default_task_backend.supports_defer and closes_at and closes_at > timezone.now():
        task = task.using(run_after=closes_at)
    task.enqueue(application.pk)


def notify_submitted(application: Application) -> None:
    """Confirm the submission, in Thai, to the registration's coordinator."""
    registration = application.registration
    with translation.override("th"):
        submitted_at = format_datetime(application.submitted_at)
    context = {
        "application": application,
        "registration": registration,
        "submitted_at": submitted_at,
        "receipt_url": settings.SITE_URL.rstrip("/")
        + reverse("applications:receipt", kwargs={"pk": application.pk}),
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    send_templated_email("applications/email/submitted", context, [registration.coordinator_email])


# The secretariat's remedies ---------------------------------------------------------------


def _check_secretariat(actor: User) -> None:
    if not is_secretariat(actor):
        raise ValidationError(_("Only the secretariat may do this."), code="secretariat")


def reopen_application(application: Application, actor: User, reason: str) -> Application:
    """The secretariat reopens a submitted application for changes; the reason is recorded."""
    _check_secretariat(actor)
    return set_application_status(
        application, ApplicationStatus.REOPENED, actor=actor, reason=reason
    )


def extend_deadline(
    application: Application, actor: User, until: dt.datetime, reason: str
) -> Application:
    """The secretariat grants this application alone a later deadline; the reason is recorded."""
    _check_secretariat(actor)
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        before = current.deadline_override
        current.deadline_override = until
        current.updated_at = timezone.now()
        current.save(update_fields=["deadline_override", "updated_at"])
        audit.record(
            actor,
            "application.deadline_extended",
            current,
            before={"deadline_override": before.isoformat() if before else None},
            after={"deadline_override": until.isoformat()},
            summary=reason,
        )
    application.deadline_override = current.deadline_override
    application.updated_at = current.updated_at
    return application
