"""Who may run training and presentation day, and who may see an area's slot
(django-rules, autodiscovered)."""

import rules

from learningcity.accounts.rules import is_secretariat
from learningcity.applications.rules import (
    applies_for_registration_organisation,
    is_member_of_registration_organisation,
)

rules.add_perm("events.manage", is_secretariat)
rules.add_perm("events.view_registration", is_member_of_registration_organisation | is_secretariat)
rules.add_perm("events.request_slot_change", applies_for_registration_organisation)
