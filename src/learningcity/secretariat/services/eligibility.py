"""Eligibility review: what each rule of the call says about a registration, and the
secretariat's decision on it."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration
from learningcity.applications.services import set_registration_status
from learningcity.thai.formatting import format_number


class Verdict:
    """What a rule says: met, not met, or not known yet (e.g. certification before the
    application exists)."""

    MET = "met"
    FAILED = "failed"
    PENDING = "pending"


@dataclass(frozen=True)
class RuleCheck:
    code: str
    label: str
    verdict: str
    detail: str


def rule_checks(registration: Registration) -> list[RuleCheck]:
    """Each eligibility rule and what it says about ``registration``; expects the row from
    ``services.lists.registrations`` (annotated counts)."""
    edition = registration.edition
    required = edition.representatives_required
    population_ok = registration.population >= edition.min_population
    checks = [
        RuleCheck(
            "population",
            _("Population of %(minimum)s or more")
            % {"minimum": format_number(edition.min_population)},
            Verdict.MET if population_ok else Verdict.FAILED,
            _("%(population)s people (%(source)s, B.E. %(year)s)")
            % {
                "population": format_number(registration.population),
                "source": registration.population_source,
                "year": registration.population_year_be,
            },
        ),
    ]
    certified = registration.is_certified
    has_application = getattr(registration, "application", None) is not None
    checks.append(
        RuleCheck(
            "certification",
            _("Certified by the head of the local government"),
            Verdict.MET if certified else (Verdict.FAILED if has_application else Verdict.PENDING),
            _("Certified")
            if certified
            else _("Not certified yet (%(head)s, %(position)s)")
            % {"head": registration.head_name, "position": registration.head_position},
        )
    )
    named = registration.named_representatives
    checks.append(
        RuleCheck(
            "representatives",
            _("%(required)s training representatives named") % {"required": required},
            Verdict.MET if named >= required else Verdict.FAILED,
            _("%(named)s named") % {"named": named},
        )
    )
    trained = registration.trained_representatives
    checks.append(
        RuleCheck(
            "training",
            _("%(required)s representatives trained") % {"required": required},
            Verdict.MET if trained >= required else Verdict.PENDING,
            _("%(trained)s attended the training") % {"trained": trained},
        )
    )
    entries = registration.area_entries or 1
    checks.append(
        RuleCheck(
            "one_category",
            _("One category per area"),
            Verdict.MET if entries == 1 else Verdict.FAILED,
            _("%(category)s only") % {"category": registration.category.name_th}
            if entries == 1
            else _("%(entries)s entries in this edition") % {"entries": entries},
        )
    )
    return checks


def decide_eligibility(
    registration: Registration, *, approve: bool, actor, reason: str = ""
) -> Registration:
    """Approve or reject a registration awaiting review (a rejection needs a reason); the
    organisation is notified. Deciding the same way twice, as a double click does, changes
    nothing and sends nothing."""
    reason = reason.strip()
    target = RegistrationStatus.APPROVED if approve else RegistrationStatus.REJECTED
    if not approve and not reason:
        raise ValidationError(
            {"reason": _("Give the reason for the rejection; the organisation will read it.")},
            code="reason",
        )
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == target:
            registration.status = current.status
            return registration
        return set_registration_status(registration, target, actor=actor, reason=reason)
