"""Who may write notice templates and send notices (django-rules, autodiscovered)."""

import rules

from learningcity.accounts.rules import is_secretariat

rules.add_perm("notices.manage", is_secretariat)
