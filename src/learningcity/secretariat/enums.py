from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    """Where one prize stands for one winning area."""

    PENDING = "pending", _("Not started")
    PREPARING = "preparing", _("In preparation")
    DELIVERED = "delivered", _("Delivered")


# Every status change goes through services.prizes.set_delivery_status, which checks this map.
DELIVERY_TRANSITIONS: dict[DeliveryStatus, frozenset[DeliveryStatus]] = {
    DeliveryStatus.PENDING: frozenset({DeliveryStatus.PREPARING}),
    DeliveryStatus.PREPARING: frozenset({DeliveryStatus.PENDING, DeliveryStatus.DELIVERED}),
    # A delivery recorded by mistake may be taken back to preparation.
    DeliveryStatus.DELIVERED: frozenset({DeliveryStatus.PREPARING}),
}


class Completeness(models.TextChoices):
    """How far an area's application has gone, as the secretariat's lists filter it."""

    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    REOPENED = "reopened", _("Reopened for changes")
    SUBMITTED = "submitted", _("Submitted")
    UNFINISHED = "unfinished", _("Not submitted yet")


class Eligibility(models.TextChoices):
    """Which eligibility rule a registration meets or fails, as the lists filter it."""

    MEETS_ALL = "meets_all", _("Meets every rule")
    POPULATION = "population", _("Population below the minimum")
    REPRESENTATIVES = "representatives", _("Representatives missing")
    UNTRAINED = "untrained", _("Representatives not trained")
    UNCERTIFIED = "uncertified", _("Not certified by the head")
