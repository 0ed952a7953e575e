"""Who may see and change a self-assessment (django-rules, autodiscovered).

An anonymous assessment is reached through its secret link, checked in ``access``; an
organisation's assessment only by its members and the secretariat.
"""

import rules

from learningcity.accounts.rules import is_member_of_organisation, is_secretariat


@rules.predicate
def is_member_of_assessing_organisation(user, assessment) -> bool:
    if assessment is None or assessment.organisation_id is None:
        return False
    return is_member_of_organisation(user, assessment.organisation)


rules.add_perm("assessments.view_assessment", is_member_of_assessing_organisation | is_secretariat)
rules.add_perm("assessments.change_assessment", is_member_of_assessing_organisation)
rules.add_perm("assessments.view_readiness", is_secretariat)
