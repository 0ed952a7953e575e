"""Who may do what with personal data (django-rules, autodiscovered)."""

import rules

from learningcity.accounts.rules import is_secretariat

rules.add_perm("privacy.manage_retention", is_secretariat)
