"""Who may read a stored file (django-rules, autodiscovered); denial answers 404 in views."""

import rules

from learningcity.judging.rules import judges_application


@rules.predicate
def may_view_registration(user, attachment) -> bool:
    return user.has_perm("applications.view_registration", attachment.application.registration)


@rules.predicate
def judges_attachment_application(user, attachment) -> bool:
    """An assigned judge without a conflict of interest reads the application's files."""
    return judges_application(user, attachment.application)


rules.add_perm("attachments.view_attachment", may_view_registration | judges_attachment_application)
