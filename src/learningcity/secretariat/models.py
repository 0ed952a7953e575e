"""What the secretariat tracks besides the applicants' own records: the prizes of winners."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import DeliveryStatus


class PrizeDelivery(models.Model):
    """One prize of the edition (plaque, media kit, budget, promotion) for one winning area."""

    registration = models.ForeignKey(
        "applications.Registration",
        on_delete=models.PROTECT,
        related_name="prize_deliveries",
        verbose_name=_("registration"),
    )
    prize = models.ForeignKey(
        "editions.Prize",
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("prize"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        ordering = ["registration", "prize__order"]
        verbose_name = _("prize delivery")
        verbose_name_plural = _("prize deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "prize"], name="one_delivery_per_prize_per_area"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values),
                name="prize_delivery_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prize} — {self.registration_id}"
