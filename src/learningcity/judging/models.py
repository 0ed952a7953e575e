"""The committee: judges of an edition, their conflicts of interest, the applications they
are given, their reviews and the points they award on each criterion."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ReviewStatus


class Judge(models.Model):
    """A member of an edition's expert committee."""

    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.PROTECT,
        related_name="judges",
        verbose_name=_("edition"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="judge_seats",
        verbose_name=_("user"),
    )
    is_chair = models.BooleanField(_("chair of the committee"), default=False)

    class Meta:
        ordering = ["edition", "pk"]
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        constraints = [
            models.UniqueConstraint(fields=["edition", "user"], name="judge_once_per_edition"),
            models.UniqueConstraint(
                fields=["edition"],
                condition=models.Q(is_chair=True),
                name="judge_one_chair_per_edition",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Conflict(models.Model):
    """A declared conflict of interest of a judge with an organisation, an area or a province."""

    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("judge")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    local_government = models.ForeignKey(
        "registry.LocalGovernment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("local government"),
    )
    province = models.ForeignKey(
        "registry.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("declared by"),
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        ordering = ["judge", "pk"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        organisation__isnull=False,
                        local_government__isnull=True,
                        province__isnull=True,
                    )
                    | models.Q(
                        organisation__isnull=True,
                        local_government__isnull=False,
                        province__isnull=True,
                    )
                    | models.Q(
                        organisation__isnull=True,
                        local_government__isnull=True,
                        province__isnull=False,
                    )
                ),
                name="conflict_exactly_one_object",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge}: {self.organisation or self.local_government or self.province}"


class Assignment(models.Model):
    """One application given to one judge to score."""

    judge = models.ForeignKey(
        Judge, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("judge")
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("application"),
    )
    created_at = models.DateTimeField(_("assigned at"), default=timezone.now)

    class Meta:
        ordering = ["application", "judge"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["judge", "application"], name="assignment_once_per_judge"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge} → {self.application}"


class Review(models.Model):
    """A judge's scores on every criterion of one application, and an overall comment."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.PROTECT, related_name="review", verbose_name=_("assignment")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    overall_comment = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["assignment"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ReviewStatus.values), name="review_status_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ReviewStatus.SUBMITTED)
                | models.Q(submitted_at__isnull=False),
                name="review_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return str(self.assignment)


class Score(models.Model):
    """The points one judge gives one criterion, kept in half points so that only whole and
    half points can be stored; the criterion's maximum is copied so the database can check it."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        "editions.Criterion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    half_points = models.PositiveSmallIntegerField(_("points × 2"))
    max_points = models.PositiveSmallIntegerField(_("maximum points"))
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["review", "criterion__number"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(half_points__gte=0)
                & models.Q(half_points__lte=models.F("max_points") * 2),
                name="score_within_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"

    @property
    def points(self) -> Decimal:
        return Decimal(self.half_points) / 2


class ScoreChange(models.Model):
    """One change of a score, kept for ever: who, when, and the points and comment before and
    after (no old values on the first entry)."""

    score = models.ForeignKey(
        Score, on_delete=models.CASCADE, related_name="changes", verbose_name=_("score")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    old_points = models.DecimalField(
        _("old points"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    new_points = models.DecimalField(_("new points"), max_digits=4, decimal_places=1)
    old_comment = models.TextField(_("old comment"), blank=True)
    new_comment = models.TextField(_("new comment"), blank=True)

    class Meta:
        ordering = ["score", "changed_at", "pk"]
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")

    def __str__(self) -> str:
        return f"{self.score}: {self.old_points} → {self.new_points}"


class TieBreakVote(models.Model):
    """The committee's recorded vote on an application whose tie survived every other rule."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.PROTECT, related_name="+", verbose_name=_("edition")
    )
    category = models.ForeignKey(
        "editions.AwardCategory",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("award category"),
    )
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("application"),
    )
    votes = models.PositiveSmallIntegerField(_("votes"))
    rank_note = models.TextField(_("note of the vote"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["category", "-votes"]
        verbose_name = _("tie-break vote")
        verbose_name_plural = _("tie-break votes")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "application"], name="tie_break_vote_once_per_application"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.votes}"
