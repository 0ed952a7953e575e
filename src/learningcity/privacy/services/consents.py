"""Consent: given, withdrawn, and asked about; one model for every purpose."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from learningcity.audit.services import record
from learningcity.privacy.enums import COVERS, ConsentPurpose
from learningcity.privacy.models import Consent

# Raised whenever the privacy notice's content changes; every consent records the version read.
NOTICE_VERSION = "2569-1"


def _subject_key(subject: models.Model) -> dict[str, str]:
    return {"subject_type": subject._meta.label_lower, "subject_id": str(subject.pk)}


def _edition_id(subject: models.Model) -> int | None:
    if getattr(subject, "edition_id", None):
        return subject.edition_id
    registration = getattr(subject, "registration", None)
    return getattr(registration, "edition_id", None)


def consents_for(subject: models.Model):
    return Consent.objects.filter(**_subject_key(subject))


def standing(purpose: str, model) -> models.QuerySet:
    """The subject ids of ``model`` whose consent for ``purpose`` stands."""
    return Consent.objects.filter(
        subject_type=model._meta.label_lower, purpose=purpose, withdrawn_at__isnull=True
    ).values_list("subject_id", flat=True)


def has_consent(subject: models.Model, purpose: str) -> bool:
    """Whether a consent for ``purpose`` about ``subject`` is given and not withdrawn."""
    return consents_for(subject).filter(purpose=purpose, withdrawn_at__isnull=True).exists()


def covers_text(purpose: str) -> str:
    with translation.override("th"):
        return str(COVERS[ConsentPurpose(purpose)])


def give_consent(
    subject: models.Model, purpose: str, *, user, on_behalf_of: str = "", at=None
) -> Consent:
    """Record that ``user`` (for ``on_behalf_of``, when named) agrees to ``purpose`` for
    ``subject`` under the current notice; a consent already standing is returned as it is."""
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
            covers=covers_text(purpose),
            edition_id=_edition_id(subject),
            given_at=at or timezone.now(),
        )
        # No name in the log: the consent row is the record of who agreed.
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
    """Withdraw the standing consent for ``purpose``; its use stops from now on."""
    at = at or timezone.now()
    with transaction.atomic():
        rows = list(
            consents_for(subject)
            .select_for_update()
            .filter(purpose=purpose, withdrawn_at__isnull=True)
        )
        for consent in rows:
            consent.withdrawn_at = at
            consent.withdrawn_by = user if getattr(user, "is_authenticated", False) else None
            consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
            record(user, "consent.withdrawn", consent, after={"purpose": purpose})
    return len(rows)


def consents_of_person(user):
    """Every consent the person gave, or that is about them or their organisations' entries:
    the rows of "my consents", newest first."""
    from learningcity.applications.models import Application, Registration

    organisations = list(user.memberships.values_list("organisation_id", flat=True))
    registrations = list(
        Registration.objects.filter(organisation_id__in=organisations).values_list("pk", flat=True)
    )
    applications = list(
        Application.objects.filter(registration_id__in=registrations).values_list("pk", flat=True)
    )
    about = Q(given_by=user) | Q(subject_type=user._meta.label_lower, subject_id=str(user.pk))
    for model, ids in (
        ("accounts.organisation", organisations),
        ("applications.registration", registrations),
        ("applications.application", applications),
    ):
        if ids:
            about |= Q(subject_type=model, subject_id__in=[str(pk) for pk in ids])
    return Consent.objects.filter(about).select_related("given_by", "withdrawn_by")


def subject_of(consent: Consent):
    """The row a consent is about, or None if it is gone."""
    from django.apps import apps

    model = apps.get_model(consent.subject_type)
    return model.objects.filter(pk=consent.subject_id).first()
