"""Demo: a retention period for the practice edition and recorded consents to publish."""

import datetime as dt

from django.utils.translation import gettext as _

from learningcity.applications.models import Application
from learningcity.privacy import services
from learningcity.privacy.enums import APPLICATION_PURPOSES
from learningcity.privacy.models import EditionRetention


def build(context) -> None:
    """Idempotent: consents already on record and a period already set are left as they are."""
    if not EditionRetention.objects.filter(edition=context.practice).exists():
        services.set_retention(
            context.practice,
            dt.date.today().replace(day=1) + dt.timedelta(days=2 * 365),
            user=context.secretariat,
        )
    applications = Application.objects.filter(
        registration__in=context.registrations
    ).select_related("registration__created_by")
    given = 0
    for application in applications:
        user = application.registration.created_by or context.secretariat
        for purpose in APPLICATION_PURPOSES:
            if not services.has_consent(application, purpose):
                services.give_consent(application, purpose, user=user)
                given += 1
    context.summary.append(
        _("Personal data: retention set for the practice edition; %(given)s consents recorded")
        % {"given": given}
    )
