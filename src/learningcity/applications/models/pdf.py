from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApplicationPdf(models.Model):
    """The PDF of an application as it was submitted: built once per submission (in the
    background, at submission), kept in storage and served from there; rebuilt only if the
    file is missing. A reopened and resubmitted application has a new ``submitted_at``, so a
    new PDF."""

    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="pdfs",
        verbose_name=_("application"),
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    stored_name = models.CharField(_("stored name"), max_length=255)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("application PDF")
        verbose_name_plural = _("application PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "submitted_at"], name="application_pdf_once_per_submission"
            )
        ]

    def __str__(self) -> str:
        return self.stored_name
