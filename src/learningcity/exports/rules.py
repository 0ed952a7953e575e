"""Who may export (django-rules, autodiscovered); denial answers 404 in views."""

import rules

from learningcity.accounts.rules import is_secretariat


@rules.predicate
def requested_export(user, job) -> bool:
    return user.is_authenticated and job is not None and job.requested_by_id == user.pk


rules.add_perm("exports.start_export", is_secretariat)
# An export holds personal data of every area: only the person who asked for it downloads it.
rules.add_perm("exports.view_export", is_secretariat & requested_export)
