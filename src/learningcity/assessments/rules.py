"""Who may see and change a self-assessment (django-rules, autodiscovered).

An anonymous assessment is reached through its secret link, checked in ``access``; an
organisation's assessment only by its members and the secretariat, and, once attached to a
registration, by the judges of that application.
"""

import rules

from learningcity.accounts.rules import is_member_of_organisation, is_secretariat
from learningcity.judging.rules import judges_application


@rules.predicate
def is_member_of_assessing_organisation(user, assessment) -> bool:
    if assessment is None or assessment.organisation_id is None:
        return False
    return is_member_of_organisation(user, assessment.organisation)


@rules.predicate
def judges_attached_application(user, assessment) -> bool:
    """A judge of the application whose registration the assessment is attached to."""
    if assessment is None or assessment.registration_id is None:
        return False
    application = getattr(assessment.registration, "application", None)
    return application is not None and judges_application(user, application)


rules.add_perm(
    "assessments.view_assessment",
    is_member_of_assessing_organisation | is_secretariat | judges_attached_application,
)
rules.add_perm("assessments.change_assessment", is_member_of_assessing_organisation)
rules.add_perm("assessments.view_readiness", is_secretariat)
