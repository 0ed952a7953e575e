"""Strings of django.contrib.auth that people see here but Django's Thai catalogue leaves empty.

Nothing imports this module: it exists so that ``makemessages`` copies these exact msgids into
this app's catalogue, where they get Thai; this app comes first in INSTALLED_APPS, so its
catalogue wins. Keep each msgid identical to Django's, curly apostrophes included.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

DJANGO_AUTH_STRINGS = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    _("The password is too similar to the %(verbose_name)s."),
    _("Your password can’t be too similar to your other personal information."),
    _("This password is too common."),
    _("Your password can’t be a commonly used password."),
    _("This password is entirely numeric."),
    _("Your password can’t be entirely numeric."),
    _("The two password fields didn’t match."),
    _("Enter the same password as before, for verification."),
    _("Password-based authentication"),
    _("Enabled"),
    _("Disabled"),
    _(
        "Whether the user will be able to authenticate using a password or not. "
        "If disabled, they may still be able to authenticate using other backends, "
        "such as Single Sign-On or LDAP."
    ),
    _("Raw passwords are not stored, so there is no way to see the user’s password."),
    _("Enable password-based authentication for this user by setting a password."),
    _("Reset password"),
    _("Set password"),
)
