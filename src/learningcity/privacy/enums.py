from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    """What a person agreed to; each publication asks for its own purpose."""

    PUBLISH_PHOTOS = "publish_photos", _("Publish the photos of the application")
    PUBLISH_CASE_STUDY = (
        "publish_case_study",
        _("Publish the case study, with the names of the people in it"),
    )
