"""An evidence file of an application: which document and slot it fills, and where it is stored."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from learningcity.editions.enums import DocumentKind


class Attachment(models.Model):
    """One file in one slot of a required document (the map, photo 1–10, the presentation)."""

    application = models.ForeignKey(
        "applications.Application",
        # Acknowledged files are never lost with their application by accident.
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("document"), max_length=16, choices=DocumentKind.choices)
    slot = models.PositiveSmallIntegerField(pgettext_lazy("file", "slot"), default=1)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    display_name = models.CharField(_("file name"), max_length=200)
    # Content-addressed (``names.storage_name``): identical files share one stored file.
    stored_name = models.CharField(_("stored as"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    width = models.PositiveIntegerField(_("width (px)"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height (px)"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    criteria = models.ManyToManyField(
        "editions.Criterion",
        blank=True,
        related_name="attachments",
        verbose_name=_("evidence for criteria"),
    )

    class Meta:
        ordering = ["application", "kind", "slot"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "slot"], name="attachment_one_per_slot"
            ),
            models.CheckConstraint(condition=models.Q(size__gt=0), name="attachment_not_empty"),
            models.CheckConstraint(condition=models.Q(slot__gte=1), name="attachment_slot_from_1"),
        ]
        indexes = [models.Index(fields=["stored_name"], name="attachment_stored_name")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.slot}: {self.display_name}"

    @property
    def is_image(self) -> bool:
        return self.content_type in ("image/jpeg", "image/png")
