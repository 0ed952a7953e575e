"""The head of the local government's certification of an application (step 4)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..enums import CertificationMethod


class Certification(models.Model):
    """That the head of the local government vouches for the application, and how.

    It is not undone by a later change to an answer: the head certifies the entry as a whole,
    and the history of every answer stays in the audit log.
    """

    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="certification",
        verbose_name=_("application"),
    )
    method = models.CharField(
        pgettext_lazy("certification", "method"), max_length=16, choices=CertificationMethod.choices
    )
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("certified by"),
    )
    head_name = models.CharField(_("name of the head of the local government"), max_length=150)
    head_position = models.CharField(_("position of the head"), max_length=150)
    certified_at = models.DateTimeField(_("certified at"), default=timezone.now)
    # The signed page, content-addressed like attachments (``attachments.names.storage_name``).
    stored_name = models.CharField(_("stored as"), max_length=100, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(method__in=CertificationMethod.values),
                name="certification_method_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(method=CertificationMethod.SIGNED_UPLOAD)
                | ~models.Q(stored_name=""),
                name="certification_upload_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} — {self.get_method_display()}"
