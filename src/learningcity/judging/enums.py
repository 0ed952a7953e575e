from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    """Where one judge's review of one application stands."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


# Every review status change goes through services.set_review_status, which checks this map.
# A submitted review is never reopened: its scores stay editable while judging is open and
# every edit is kept in ScoreChange, so the status need not move backwards.
TRANSITIONS: dict[str, set[str]] = {
    ReviewStatus.DRAFT: {ReviewStatus.SUBMITTED},
    ReviewStatus.SUBMITTED: set(),
}
