"""Retention: when an edition's period ends, its personal data goes from every copy the map
(``privacy.personal_data``) names, after a dry run the secretariat has read."""

import datetime as dt

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.audit.services import record
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.models import Consent, EditionRetention
from learningcity.privacy.personal_data import ERASED, Treatment, fields_with

from . import copies
from .consents import standing

# Kept from an application with a standing photo consent (the showcase's photos).
PHOTO_KIND = "photos"


def set_retention(edition, keep_until: dt.date, *, user, remove_unpublished_material=None):
    """Set until when ``edition`` keeps unpublished personal data (and its rule for application
    material). A new date cancels an earlier confirmation: the dry run must be read again."""
    with transaction.atomic():
        retention, created = EditionRetention.objects.get_or_create(
            edition=edition, defaults={"keep_until": keep_until, "set_by": user}
        )
        before = None if created else {"keep_until": retention.keep_until.isoformat()}
        if retention.anonymised_at is not None:
            raise ValidationError(
                _("This edition's personal data has already been anonymised."), code="done"
            )
        retention.keep_until = keep_until
        if remove_unpublished_material is not None:
            retention.remove_unpublished_material = remove_unpublished_material
        retention.set_by = user
        retention.confirmed_at = None
        retention.confirmed_by = None
        retention.save()
        record(
            user,
            "retention.set",
            retention,
            before=before,
            after={
                "keep_until": keep_until.isoformat(),
                "remove_unpublished_material": retention.remove_unpublished_material,
            },
        )
    return retention


def _consented(purpose: str) -> set[int]:
    from learningcity.applications.models import Application

    return {int(pk) for pk in standing(purpose, Application)}


def _remove_material(edition) -> bool:
    retention = EditionRetention.objects.filter(edition=edition).first()
    return retention is None or retention.remove_unpublished_material


def _row_changes(edition, plan: copies.Plan) -> None:
    """ERASE, EMAIL and CONSENTED fields of the edition's rows, as the map lists them."""
    remove_material = _remove_material(edition)
    for personal in fields_with(Treatment.ERASE, Treatment.EMAIL, Treatment.CONSENTED):
        if not personal.edition_path or personal.model_label == "privacy.consent":
            continue
        model = apps.get_model(personal.model_label)
        rows = model.objects.filter(**{personal.edition_path: edition})
        if personal.treatment == Treatment.CONSENTED:
            if not remove_material:
                continue
            kept = Q(**{f"{personal.application_path}__in": _consented(personal.purpose)})
            if personal.model_label == "applications.casestudy":
                kept &= Q(consent_to_publish=True)
            rows = rows.exclude(kept)
            replacement = ERASED
        else:
            replacement = copies.replacement_for(personal.treatment)
        plan.changes += copies.field_changes(rows, {personal.field: replacement})


def _invitations(edition, plan: copies.Plan, now) -> None:
    """Invitations of the edition's organisations that were used or have expired."""
    from learningcity.applications.models import Invitation, Registration

    organisations = Registration.objects.filter(edition=edition).values("organisation_id")
    done = Invitation.objects.filter(organisation_id__in=organisations).filter(
        Q(accepted_at__isnull=False) | Q(expires_at__lt=now)
    )
    plan.changes += copies.field_changes(done, {"email": copies.anonymous_email})


def _consents(edition, plan: copies.Plan) -> None:
    """Who agreed on whose behalf, for consents withdrawn: no longer needed as proof."""
    withdrawn = Consent.objects.filter(edition=edition, withdrawn_at__isnull=False)
    plan.changes += copies.field_changes(withdrawn, {"on_behalf_of": ERASED})


def _files(edition, plan: copies.Plan) -> None:
    from learningcity.applications.models import ApplicationPdf, Certification
    from learningcity.attachments.models import Attachment
    from learningcity.exports.models import ExportJob

    if _remove_material(edition):
        attachments = Attachment.objects.filter(application__registration__edition=edition).exclude(
            kind=PHOTO_KIND, application_id__in=_consented(ConsentPurpose.PUBLISH_PHOTOS)
        )
        for attachment in attachments.order_by("pk"):
            plan.add_value(attachment.display_name)
            plan.add_value(attachment.caption)
            plan.deletions.append(("attachments.attachment", attachment.pk))
            plan.files.append(
                copies.FileRemoval(
                    str(Attachment._meta.verbose_name_plural),
                    attachment.stored_name,
                    "attachments.attachment",
                    attachment.pk,
                )
            )
        for pdf in ApplicationPdf.objects.filter(
            application__registration__edition=edition
        ).order_by("pk"):
            plan.deletions.append(("applications.applicationpdf", pdf.pk))
            plan.files.append(
                copies.FileRemoval(
                    str(ApplicationPdf._meta.verbose_name_plural),
                    pdf.stored_name,
                    "applications.applicationpdf",
                    pdf.pk,
                )
            )
    signed = Certification.objects.filter(application__registration__edition=edition).exclude(
        Q(stored_name="") | Q(sha256=copies.ERASED_SHA256)
    )
    for certification in signed.order_by("pk"):
        plan.files.append(
            copies.FileRemoval(
                str(Certification._meta.verbose_name_plural),
                certification.stored_name,
                "applications.certification",
                certification.pk,
                placeholder=True,
            )
        )
    copies.remove_export_jobs(plan, ExportJob.objects.filter(edition=edition))


def retention_plan(edition, *, now=None) -> copies.Plan:
    """Every copy of the edition's personal data that retention will change: values in rows,
    files, export files and jobs, outbox e-mails, and texts (audit entries first) quoting them.

    Coordinator contacts, representatives, the head's name and used invitations always go;
    answers, case studies, working-group names and files stay only where the application's
    publication consent stands (photos: the photo consent), when the edition's rule says so.
    """
    now = now or timezone.now()
    plan = copies.Plan()
    _row_changes(edition, plan)
    _invitations(edition, plan, now)
    _consents(edition, plan)
    for change in plan.changes:
        plan.add_value(change.current)
    _files(edition, plan)
    plan.scrubs = copies.find_scrubs(plan)
    return plan


def anonymisation_plan(edition) -> list[copies.Change]:
    """The values in rows that retention will replace (the first part of the dry run)."""
    return retention_plan(edition).changes


def confirm_anonymisation(edition, *, user) -> EditionRetention:
    """The secretariat has read the dry run; the task may anonymise once the period ends."""
    retention = EditionRetention.objects.filter(edition=edition).first()
    if retention is None:
        raise ValidationError(_("Set a retention period for this edition first."), code="unset")
    with transaction.atomic():
        retention.confirmed_at = timezone.now()
        retention.confirmed_by = user
        retention.save(update_fields=["confirmed_at", "confirmed_by"])
        record(
            user,
            "retention.confirmed",
            retention,
            after={"copies": retention_plan(edition).total},
        )
    return retention


def is_due(retention: EditionRetention | None, today: dt.date) -> bool:
    return (
        retention is not None
        and retention.confirmed_at is not None
        and retention.anonymised_at is None
        and retention.keep_until < today
    )


def anonymise(edition, *, user=None, today: dt.date | None = None, now: bool = False) -> int:
    """Carry out the retention plan once the period has ended and the dry run was confirmed
    (or at once when ``now``: a person at the command line confirmed); the number of copies
    changed."""
    today = today or timezone.localdate()
    with transaction.atomic():
        retention = EditionRetention.objects.select_for_update().filter(edition=edition).first()
        if now and retention is None:
            retention = EditionRetention.objects.create(
                edition=edition, keep_until=today, set_by=user
            )
        if retention is None or retention.anonymised_at is not None:
            return 0
        if not now and not is_due(retention, today):
            return 0
        plan = retention_plan(edition)
        counts = copies.carry_out(plan)
        retention.anonymised_at = timezone.now()
        retention.save(update_fields=["anonymised_at"])
        # Counts only: the audit log must not keep the personal data it records removing.
        record(
            user,
            "retention.anonymised",
            retention,
            after={**counts, "by_hand": now},
        )
    return plan.total
