from django.db import models
from django.utils.translation import gettext_lazy as _


class DimensionKind(models.TextChoices):
    CHARACTERISTIC = "characteristic", _("Key characteristic of a learning city")
    CONDITION = "condition", _("Condition the award judges")


class Readiness(models.TextChoices):
    READY = "ready", _("Ready to apply to the GNLC")
    CLOSE = "close", _("Close to GNLC readiness")
    GROWING = "growing", _("Growing")
