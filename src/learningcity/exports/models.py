"""An export requested by a member of the secretariat, built in the background."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ACTIVE_STATUSES, ExportFormat, ExportKind, ExportStatus


class ExportJob(models.Model):
    """One export file: what, for whom, how far it has got, and where the file is stored."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="+", verbose_name=_("edition")
    )
    kind = models.CharField(_("export"), max_length=20, choices=ExportKind.choices)
    format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("rows written"), default=0)
    total = models.PositiveIntegerField(_("rows"), default=0)
    # Private storage (MEDIA_ROOT/exports/…), only sent by the permission-checked download view.
    stored_name = models.CharField(_("stored as"), max_length=100, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            # A double click starts one export, not two.
            models.UniqueConstraint(
                fields=["requested_by", "kind"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="export_one_running_per_kind_and_user",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ExportStatus.values), name="export_status_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ExportStatus.READY) | ~models.Q(stored_name=""),
                name="export_ready_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.format})"

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def filename(self) -> str:
        stamp = timezone.localtime(self.created_at).strftime("%Y%m%d-%H%M")
        return f"{self.kind}-edition{self.edition.number}-{stamp}.{self.format}"
