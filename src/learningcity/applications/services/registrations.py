"""Registering an area (ลงทะเบียนพื้นที่) and changing its status.

Every refusal is a ``ValidationError`` whose keys name the form field it is about, so a form
can show the message next to that field.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.enums import MembershipRole, OrganisationKind
from learningcity.accounts.memberships import roles_in
from learningcity.accounts.models import Membership, Organisation, User
from learningcity.audit import services as audit
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import AwardCategory, Edition
from learningcity.editions.services import phase_is_open
from learningcity.mail import send_templated_email
from learningcity.registry.models import LocalGovernment

from ..enums import TRANSITIONS, RegistrationStatus
from ..models import Registration, Representative

logger = logging.getLogger(__name__)

# Membership roles that may register and edit an area; the head only certifies.
APPLYING_ROLES = (MembershipRole.COORDINATOR, MembershipRole.MEMBER)
AUDITED_FIELDS = [
    "category_id",
    "population",
    "population_source",
    "population_year_be",
    "head_name",
    "head_position",
    "coordinator_name",
    "coordinator_phone",
    "coordinator_email",
]


@dataclass(frozen=True)
class RepresentativeDetails:
    """What an applicant types about one training representative."""

    full_name: str = ""
    position: str = ""
    phone: str = ""
    email: str = ""

    @property
    def is_named(self) -> bool:
        return bool(self.full_name.strip())


def editions_open_for_registration(at: dt.datetime | None = None):
    """Published editions whose registration phase is open at the moment."""
    at = at or timezone.now()
    return Edition.objects.filter(
        is_published=True,
        phases__kind=PhaseKind.REGISTRATION,
        phases__starts_at__lte=at,
        phases__ends_at__gte=at,
    ).order_by("is_demo", "-number")


def applying_memberships(user: User):
    """The memberships through which ``user`` may register an area."""
    return (
        Membership.objects.filter(user=user, role__in=APPLYING_ROLES)
        .select_related("organisation__local_government__province")
        .order_by("organisation__name")
    )


def may_apply_for(user: User, organisation: Organisation | int) -> bool:
    """Whether ``user`` is a coordinator or member of ``organisation`` (or its id)."""
    organisation_id = getattr(organisation, "pk", organisation)
    return not roles_in(user, organisation_id).isdisjoint(APPLYING_ROLES)


def registrations_of(user: User):
    """The registrations of every organisation ``user`` belongs to, newest first."""
    return (
        Registration.objects.filter(organisation__memberships__user=user)
        .select_related("edition", "organisation", "local_government__province", "category")
        .distinct()
    )


@transaction.atomic
def create_organisation(
    *, user: User, kind: str, local_government: LocalGovernment, name: str = ""
) -> Organisation:
    """A new organisation tied to ``local_government``, with ``user`` as its coordinator; a
    local government is named as the registry names it."""
    if kind == OrganisationKind.LOCAL_GOVERNMENT:
        name = local_government.full_name_th
    elif not name.strip():
        raise ValidationError({"name": _("Enter the name of the organisation.")}, code="name")
    organisation = Organisation.objects.create(
        name=" ".join(name.split()), kind=kind, local_government=local_government
    )
    Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.COORDINATOR)
    audit.record(
        user,
        "organisation.created",
        organisation,
        after={"kind": kind, "local_government": local_government.dla_code},
    )
    return organisation


def registration_window_is_open(edition: Edition, at: dt.datetime | None = None) -> bool:
    """Whether the edition accepts registrations at the moment (bounds inclusive)."""
    return phase_is_open(edition, PhaseKind.REGISTRATION, at)


def registration_is_editable(registration: Registration, at: dt.datetime | None = None) -> bool:
    """A registration may be changed while the window is open and it awaits review."""
    return registration.status == RegistrationStatus.SUBMITTED and registration_window_is_open(
        registration.edition, at
    )


def _duplicate_error(existing: Registration) -> ValidationError:
    message = _(
        "This area is already registered in this edition, in the category "
        "“%(category)s”. An area may enter one category only."
    ) % {"category": existing.category.name_th}
    return ValidationError({"category": ValidationError(message, code="duplicate")})


def _check(
    *,
    user: User,
    organisation: Organisation,
    edition: Edition,
    category: AwardCategory,
    population: int,
    representatives: list[RepresentativeDetails],
    at: dt.datetime,
) -> None:
    if not registration_window_is_open(edition, at):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Registration for this edition is not open at this time.")},
            code="closed",
        )
    if not may_apply_for(user, organisation):
        raise ValidationError(
            {"organisation": _("You are not a coordinator or member of this organisation.")},
            code="not_member",
        )
    errors: dict[str, str] = {}
    if category.edition_id != edition.pk:
        errors["category"] = _("Choose a category of this edition.")
    if population < edition.min_population:
        errors["population"] = _(
            "An area must have a population of %(minimum)s or more to enter."
        ) % {"minimum": f"{edition.min_population:,}"}
    named = sum(1 for r in representatives if r.is_named)
    if named < edition.representatives_required:
        errors["representatives"] = _(
            "Name %(required)s training representatives; you named %(named)s."
        ) % {"required": edition.representatives_required, "named": named}
    if errors:
        raise ValidationError(errors, code="invalid")


def _save_representatives(
    registration: Registration, representatives: list[RepresentativeDetails]
) -> None:
    registration.representatives.all().delete()
    named = [r for r in representatives if r.is_named]
    Representative.objects.bulk_create(
        Representative(
            registration=registration,
            slot=slot,
            full_name=r.full_name.strip(),
            position=r.position.strip(),
            phone=r.phone.strip(),
            email=r.email.strip(),
        )
        for slot, r in enumerate(named[: registration.edition.representatives_required], start=1)
    )


def _snapshot(registration: Registration) -> dict:
    values = {name: getattr(registration, name) for name in AUDITED_FIELDS}
    values["representatives"] = [r.full_name for r in registration.representatives.order_by("slot")]
    return values


def register_area(
    *,
    user: User,
    organisation: Organisation,
    edition: Edition,
    category: AwardCategory,
    population: int,
    population_source: str,
    population_year_be: int,
    head_name: str,
    head_position: str,
    coordinator_name: str,
    coordinator_phone: str,
    coordinator_email: str,
    representatives: list[RepresentativeDetails],
    at: dt.datetime | None = None,
) -> Registration:
    """Enter the organisation's area into one category of an edition while registration is
    open, if it has the minimum population and names its training representatives, once per
    area per edition."""
    at = at or timezone.now()
    _check(
        user=user,
        organisation=organisation,
        edition=edition,
        category=category,
        population=population,
        representatives=representatives,
        at=at,
    )
    existing = (
        Registration.objects.filter(edition=edition, local_government=organisation.local_government)
        .select_related("category")
        .first()
    )
    if existing is not None:
        raise _duplicate_error(existing)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                edition=edition,
                organisation=organisation,
                local_government=organisation.local_government,
                category=category,
                population=population,
                population_source=population_source.strip(),
                population_year_be=population_year_be,
                head_name=head_name.strip(),
                head_position=head_position.strip(),
                coordinator_name=coordinator_name.strip(),
                coordinator_phone=coordinator_phone.strip(),
                coordinator_email=coordinator_email.strip(),
                created_by=user,
                created_at=at,
                updated_at=at,
            )
            _save_representatives(registration, representatives)
            audit.record(
                user,
                "registration.created",
                registration,
                after={"status": registration.status, **_snapshot(registration)},
                summary=str(registration),
            )
    except IntegrityError:
        # Another person registered the same area a moment ago.
        existing = (
            Registration.objects.filter(
                edition=edition, local_government=organisation.local_government
            )
            .select_related("category")
            .first()
        )
        if existing is None:
            raise
        raise _duplicate_error(existing) from None
    logger.info("Registration %s created by user %s", registration.pk, user.pk)
    return registration


def update_registration(
    registration: Registration,
    *,
    user: User,
    category: AwardCategory,
    population: int,
    population_source: str,
    population_year_be: int,
    head_name: str,
    head_position: str,
    coordinator_name: str,
    coordinator_phone: str,
    coordinator_email: str,
    representatives: list[RepresentativeDetails],
    at: dt.datetime | None = None,
) -> Registration:
    """Change a registration awaiting review while the registration window is open, under the
    same rules as registering."""
    at = at or timezone.now()
    _check(
        user=user,
        organisation=registration.organisation,
        edition=registration.edition,
        category=category,
        population=population,
        representatives=representatives,
        at=at,
    )
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "This registration is no longer awaiting review and cannot change."
                )
            },
            code="reviewed",
        )
    with transaction.atomic():
        before = _snapshot(registration)
        registration.category = category
        registration.population = population
        registration.population_source = population_source.strip()
        registration.population_year_be = population_year_be
        registration.head_name = head_name.strip()
        registration.head_position = head_position.strip()
        registration.coordinator_name = coordinator_name.strip()
        registration.coordinator_phone = coordinator_phone.strip()
        registration.coordinator_email = coordinator_email.strip()
        registration.updated_at = at
        registration.save()
        _save_representatives(registration, representatives)
        audit.record(
            user, "registration.updated", registration, before=before, after=_snapshot(registration)
        )
    return registration


def set_registration_status(
    registration: Registration, to: RegistrationStatus, *, actor: User, reason: str = ""
) -> Registration:
    """Move a registration to another status, only along the allowed transitions."""
    with transaction.atomic():
        # Lock the row so two reviewers cannot both move it from the same status.
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        before = RegistrationStatus(current.status)
        if to not in TRANSITIONS[before]:
            raise ValidationError(
                _("A registration cannot go from “%(before)s” to “%(after)s”.")
                % {"before": before.label, "after": RegistrationStatus(to).label},
                code="transition",
            )
        current.status = to
        current.updated_at = timezone.now()
        current.save(update_fields=["status", "updated_at"])
        audit.record(
            actor,
            "registration.status_changed",
            current,
            before={"status": before.value},
            after={"status": RegistrationStatus(to).value},
            summary=reason,
        )
        transaction.on_commit(lambda: notify_status_change(current, reason))
    registration.status = current.status
    registration.updated_at = current.updated_at
    logger.info("Registration %s: %s → %s", registration.pk, before, to)
    return registration


def notify_status_change(registration: Registration, reason: str = "") -> None:
    """Tell the area's coordinator, by e-mail, the registration's new status."""
    context = {
        "registration": registration,
        "reason": reason,
        "detail_url": settings.SITE_URL.rstrip("/")
        + reverse("applications:registration", kwargs={"pk": registration.pk}),
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    send_templated_email(
        "applications/email/status_changed", context, [registration.coordinator_email]
    )
