from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendanceMethod(models.TextChoices):
    """How a representative's attendance reached the platform."""

    TABLET = "tablet", _("Checked in on the tablet")
    CSV = "csv", _("Imported from a CSV file")


class ChangeRequestStatus(models.TextChoices):
    """Where an applicant's request for another presentation slot stands."""

    PENDING = "pending", _("Awaiting the secretariat")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


# Every status change goes through services.presentation.decide_change_request.
CHANGE_REQUEST_TRANSITIONS: dict[ChangeRequestStatus, frozenset[ChangeRequestStatus]] = {
    ChangeRequestStatus.PENDING: frozenset(
        {ChangeRequestStatus.APPROVED, ChangeRequestStatus.DECLINED}
    ),
    ChangeRequestStatus.APPROVED: frozenset(),
    ChangeRequestStatus.DECLINED: frozenset(),
}
