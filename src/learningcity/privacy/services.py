"""Consent, a person's own data, and anonymisation after an edition's retention period."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.audit.services import record
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.models import Consent, EditionRetention

# Raised whenever the privacy notice's content changes; every consent records the version read.
NOTICE_VERSION = "2569-1"
REMOVED = "—"


def _subject_key(subject: models.Model) -> dict[str, str]:
    return {"subject_type": subject._meta.label_lower, "subject_id": str(subject.pk)}


def consents_for(subject: models.Model):
    return Consent.objects.filter(**_subject_key(subject))


def has_consent(subject: models.Model, purpose: str) -> bool:
    """Whether a consent for ``purpose`` about ``subject`` is given and not withdrawn."""
    return consents_for(subject).filter(purpose=purpose, withdrawn_at__isnull=True).exists()


def give_consent(
    subject: models.Model, purpose: str, *, user, on_behalf_of: str = "", at=None
) -> Consent:
    """Record that ``user`` agrees to ``purpose`` for ``subject`` under the current notice."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError(_("Unknown purpose of consent."), code="purpose")
    with transaction.atomic():
        existing = consents_for(subject).filter(purpose=purpose, withdrawn_at__isnull=True).first()
        if existing is not None:
            return existing
        consent = Consent.objects.create(
            **_subject_key(subject),
            purpose=purpose,
            given_by=user,
            on_behalf_of=" ".join(on_behalf_of.split())[:200],
            notice_version=NOTICE_VERSION,
            given_at=at or timezone.now(),
        )
        record(
            user,
            "consent.given",
            consent,
            after={
                "purpose": purpose,
                "subject": f"{consent.subject_type}:{consent.subject_id}",
                "notice_version": NOTICE_VERSION,
            },
        )
    return consent


def withdraw_consent(subject: models.Model, purpose: str, *, user, at=None) -> int:
    """Withdraw every standing consent for ``purpose``; publication must stop from now on."""
    at = at or timezone.now()
    with transaction.atomic():
        standing = list(consents_for(subject).filter(purpose=purpose, withdrawn_at__isnull=True))
        for consent in standing:
            consent.withdrawn_at = at
            consent.save(update_fields=["withdrawn_at"])
            record(user, "consent.withdrawn", consent, after={"purpose": purpose})
    return len(standing)


# --- Retention and anonymisation ---------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One personal value that anonymisation would replace."""

    model: str
    pk: int
    field: str
    label: str
    current: str
    replacement: str


def set_retention(edition, keep_until: dt.date, *, user) -> EditionRetention:
    """Set until when ``edition`` keeps unpublished personal data.

    A new date cancels an earlier confirmation: the dry run must be read again.
    """
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
        retention.set_by = user
        retention.confirmed_at = None
        retention.confirmed_by = None
        retention.save()
        record(
            user,
            "retention.set",
            retention,
            before=before,
            after={"keep_until": keep_until.isoformat()},
        )
    return retention


def _field_changes(queryset, fields: dict[str, object]) -> list[Change]:
    changes = []
    model = queryset.model
    for row in queryset.order_by("pk"):
        for name, replacement in fields.items():
            value = replacement(row) if callable(replacement) else replacement
            current = getattr(row, name)
            if current and current != value:
                changes.append(
                    Change(
                        model=model._meta.label_lower,
                        pk=row.pk,
                        field=name,
                        label=str(model._meta.get_field(name).verbose_name),
                        current=str(current),
                        replacement=value,
                    )
                )
    return changes


def _anonymous_email(row) -> str:
    return f"anonymised-{row._meta.model_name}-{row.pk}@example.invalid"


def anonymisation_plan(edition) -> list[Change]:
    """Every unpublished personal value of ``edition`` that anonymisation would replace.

    Coordinator contacts and training representatives always go; the names of a case study's
    working group stay only where the applicant consented to publish the case study.
    """
    from learningcity.applications.models import (
        Application,
        Registration,
        Representative,
        WorkingGroupMember,
    )

    registrations = Registration.objects.filter(edition=edition)
    changes = _field_changes(
        registrations,
        {
            "coordinator_name": REMOVED,
            "coordinator_phone": REMOVED,
            "coordinator_email": _anonymous_email,
        },
    )
    changes += _field_changes(
        Representative.objects.filter(registration__edition=edition),
        {"full_name": REMOVED, "phone": REMOVED, "email": _anonymous_email},
    )
    published = {
        int(pk)
        for pk in Consent.objects.filter(
            subject_type=Application._meta.label_lower,
            purpose=ConsentPurpose.PUBLISH_CASE_STUDY,
            withdrawn_at__isnull=True,
        ).values_list("subject_id", flat=True)
    }
    changes += _field_changes(
        WorkingGroupMember.objects.filter(
            answer__application__registration__edition=edition
        ).exclude(answer__application_id__in=published),
        {"name": REMOVED},
    )
    return changes


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
            after={"changes": len(anonymisation_plan(edition))},
        )
    return retention


def anonymise(edition, *, user=None, today: dt.date | None = None) -> int:
    """Replace the planned values once the period has ended and the dry run was confirmed."""
    from django.apps import apps

    today = today or timezone.localdate()
    retention = EditionRetention.objects.filter(edition=edition).first()
    if retention is None or retention.confirmed_at is None or retention.anonymised_at:
        return 0
    if retention.keep_until >= today:
        return 0
    with transaction.atomic():
        changes = anonymisation_plan(edition)
        for change in changes:
            apps.get_model(change.model).objects.filter(pk=change.pk).update(
                **{change.field: change.replacement}
            )
        retention.anonymised_at = timezone.now()
        retention.save(update_fields=["anonymised_at"])
        # Counts only: the audit log must not keep the personal data it records removing.
        counts: dict[str, int] = {}
        for change in changes:
            key = f"{change.model}.{change.field}"
            counts[key] = counts.get(key, 0) + 1
        record(user, "retention.anonymised", retention, after=counts)
    return len(changes)
