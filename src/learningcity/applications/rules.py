"""Who may see and change registrations (django-rules, autodiscovered)."""

import rules

from learningcity.accounts.memberships import roles_in
from learningcity.accounts.rules import is_secretariat

from .services import APPLYING_ROLES


@rules.predicate
def is_member_of_registration_organisation(user, registration) -> bool:
    if not user.is_authenticated or registration is None:
        return False
    return bool(roles_in(user, registration.organisation_id))


@rules.predicate
def applies_for_registration_organisation(user, registration) -> bool:
    if not user.is_authenticated or registration is None:
        return False
    return not roles_in(user, registration.organisation_id).isdisjoint(APPLYING_ROLES)


rules.add_perm(
    "applications.view_registration", is_member_of_registration_organisation | is_secretariat
)
rules.add_perm("applications.change_registration", applies_for_registration_organisation)
rules.add_perm("applications.invite_to_registration", applies_for_registration_organisation)


@rules.predicate
def fills_application(user, application) -> bool:
    if application is None:
        return False
    return applies_for_registration_organisation(user, application.registration)


rules.add_perm("applications.change_application", fills_application)
