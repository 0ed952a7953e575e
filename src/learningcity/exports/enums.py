from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    """What an export holds."""

    REGISTRATIONS = "registrations", _("Registrations")
    APPLICATIONS = "applications", _("Applications (one column per field and criterion)")
    SCORES = "scores", _("Scores per judge")
    RANKING = "ranking", _("Aggregated scores and ranking")


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel (XLSX)")
    CSV = "csv", _("CSV (UTF-8, opens in Excel)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


# Every status change goes through services.transition, which checks this map.
EXPORT_TRANSITIONS: dict[ExportStatus, frozenset[ExportStatus]] = {
    ExportStatus.QUEUED: frozenset({ExportStatus.RUNNING, ExportStatus.FAILED}),
    ExportStatus.RUNNING: frozenset({ExportStatus.READY, ExportStatus.FAILED}),
    ExportStatus.READY: frozenset(),
    ExportStatus.FAILED: frozenset(),
}
ACTIVE_STATUSES = (ExportStatus.QUEUED, ExportStatus.RUNNING)
