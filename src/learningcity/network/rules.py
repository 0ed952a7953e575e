"""Who may write the network's magazine (django-rules, autodiscovered)."""

import rules

from learningcity.accounts.rules import is_secretariat

rules.add_perm("network.manage_stories", is_secretariat)
