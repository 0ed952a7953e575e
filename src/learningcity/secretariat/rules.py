"""Who may use the secretariat's workspace (django-rules, autodiscovered)."""

import rules

from learningcity.accounts.rules import is_secretariat

rules.add_perm("secretariat.use_workspace", is_secretariat)
