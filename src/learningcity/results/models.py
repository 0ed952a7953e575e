"""The committee's decision per category, its placings and certificates (consent to publish
is ``privacy.Consent``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .enums import AwardLevel, DecisionStatus


class Decision(models.Model):
    """The committee's decision on one category of an edition, and when it is made public."""

    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("edition"),
    )
    category = models.ForeignKey(
        "editions.AwardCategory",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("award category"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    note = models.TextField(_("committee's note"), blank=True)
    # The chair who approved the recorded decision.
    chair = models.ForeignKey(
        "judging.Judge",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    publish_at = models.DateTimeField(_("published on"), null=True, blank=True)
    notified_at = models.DateTimeField(_("applicants e-mailed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["edition", "category__order"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "category"], name="decision_one_per_category"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DecisionStatus.values), name="decision_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[DecisionStatus.DRAFT])
                | models.Q(chair__isnull=False, recorded_at__isnull=False),
                name="decision_recorded_has_chair",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DecisionStatus.PUBLISHED)
                | models.Q(publish_at__isnull=False),
                name="decision_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition} — {self.category}"

    def is_public(self, at=None) -> bool:
        at = at or timezone.now()
        return (
            self.status == DecisionStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= at
        )


class Placing(models.Model):
    """One application the committee named a winner or an honourable mention, in order."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="placings", verbose_name=_("decision")
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="placings",
        verbose_name=_("application"),
    )
    level = models.CharField(_("award"), max_length=16, choices=AwardLevel.choices)
    place = models.PositiveSmallIntegerField(pgettext_lazy("award placing", "place"))

    class Meta:
        ordering = ["decision", "-level", "place"]
        verbose_name = _("placing")
        verbose_name_plural = _("placings")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "application"], name="placing_once_per_decision"
            ),
            models.UniqueConstraint(
                fields=["decision", "level", "place"], name="placing_unique_place"
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=[AwardLevel.WINNER, AwardLevel.HONOURABLE_MENTION]),
                name="placing_level_awarded",
            ),
            models.CheckConstraint(condition=models.Q(place__gte=1), name="placing_place_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.place}: {self.application}"


class Certificate(models.Model):
    """A certificate (เกียรติบัตร) for one application, checked by its unguessable code."""

    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("decision"),
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("application"),
    )
    level = models.CharField(_("award"), max_length=16, choices=AwardLevel.choices)
    code = models.CharField(_("verification code"), max_length=40, unique=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    stored_name = models.CharField(_("stored as"), max_length=100, blank=True)

    class Meta:
        ordering = ["decision", "application__reference"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "application"], name="certificate_once_per_application"
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=AwardLevel.values), name="certificate_level_known"
            ),
        ]

    def __str__(self) -> str:
        return self.code
