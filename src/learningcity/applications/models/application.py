from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import ApplicationStatus


class Application(models.Model):
    """The full application of a registered area: one answer per criterion, and its files."""

    registration = models.OneToOneField(
        "applications.Registration",
        on_delete=models.PROTECT,
        related_name="application",
        verbose_name=_("registration"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    # Given at submission, e.g. "LCA1-YOUTH-0042"; unique when set.
    reference = models.CharField(
        _("reference number"), max_length=32, null=True, blank=True, unique=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # A later deadline granted to this applicant alone by the secretariat.
    deadline_override = models.DateTimeField(_("extended deadline"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values),
                name="application_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ApplicationStatus.SUBMITTED)
                | models.Q(submitted_at__isnull=False, reference__isnull=False),
                name="application_submitted_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"#{self.pk}"


class Answer(models.Model):
    """The application's answer to one criterion: narrative, evidence tick, and a version
    number so that two people saving the same section never silently overwrite each other."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(
        "editions.Criterion", on_delete=models.PROTECT, related_name="answers"
    )
    narrative = models.TextField(_("answer"), blank=True)
    evidence_confirmed = models.BooleanField(_("evidence submitted"), default=False)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["criterion__number"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="answer_one_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} / {self.criterion.number}"
