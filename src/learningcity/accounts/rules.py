"""Who may do what with accounts and organisations (django-rules, autodiscovered)."""

import rules

from .enums import MembershipRole, Role
from .memberships import roles_in


@rules.predicate
def is_applicant(user) -> bool:
    return user.is_authenticated and user.role == Role.APPLICANT


@rules.predicate
def is_judge(user) -> bool:
    return user.is_authenticated and user.role == Role.JUDGE


@rules.predicate
def is_secretariat(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role == Role.SECRETARIAT)


@rules.predicate
def is_member_of_organisation(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return bool(roles_in(user, organisation.pk))


@rules.predicate
def is_coordinator_of_organisation(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None:
        return False
    return MembershipRole.COORDINATOR in roles_in(user, organisation.pk)


rules.add_perm("accounts.view_organisation", is_member_of_organisation | is_secretariat)
rules.add_perm("accounts.change_organisation", is_coordinator_of_organisation | is_secretariat)
