"""The self-assessment: a questionnaire loaded from data, and areas' answers to it."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .enums import DimensionKind


def _in_language(obj, name: str) -> str:
    """The English text in English mode where the data has one, else the Thai."""
    if (get_language() or "th").startswith("en"):
        return getattr(obj, f"{name}_en") or getattr(obj, f"{name}_th")
    return getattr(obj, f"{name}_th")


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Questionnaire(models.Model):
    """One version of the self-assessment; questions are data, loaded from a TOML file."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_th = models.TextField(_("introduction (Thai)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    # [{"value": 0, "label_th": ..., "label_en": ..., "hint_th": ..., "hint_en": ...}, ...]
    scale = models.JSONField(_("answer scale"), default=list)
    strong_at_percent = models.PositiveSmallIntegerField(_("strength from (%)"), default=75)
    ready_overall_percent = models.PositiveSmallIntegerField(_("ready: overall (%)"), default=75)
    ready_lowest_percent = models.PositiveSmallIntegerField(_("ready: lowest part (%)"), default=50)
    close_overall_percent = models.PositiveSmallIntegerField(_("close: overall (%)"), default=60)
    is_current = models.BooleanField(_("offered to new assessments"), default=True)
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("self-assessment questionnaire")
        verbose_name_plural = _("self-assessment questionnaires")

    def __str__(self) -> str:
        return self.title_th

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def intro(self) -> str:
        return _in_language(self, "intro")

    @property
    def top_value(self) -> int:
        return max((level["value"] for level in self.scale), default=0)


class Dimension(models.Model):
    """A part of the questionnaire: a key characteristic or a condition the award judges."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="dimensions"
    )
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=16, choices=DimensionKind.choices)
    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    advice_th = models.TextField(_("what to do first (Thai)"), blank=True)
    advice_en = models.TextField(_("what to do first (English)"), blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("self-assessment part")
        verbose_name_plural = _("self-assessment parts")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="dimension_code_unique"),
        ]

    def __str__(self) -> str:
        return self.title_th

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def advice(self) -> str:
        return _in_language(self, "advice")


class Question(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"))
    text_th = models.TextField(_("question (Thai)"))
    text_en = models.TextField(_("question (English)"), blank=True)

    class Meta:
        ordering = ["dimension__order", "order"]
        verbose_name = _("self-assessment question")
        verbose_name_plural = _("self-assessment questions")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="question_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return _in_language(self, "text")


class Assessment(models.Model):
    """One sitting of the questionnaire by an area, with or without an account.

    Without an account it is reached through its secret link (``token``); with one it belongs
    to the organisation and only its members and the secretariat see it.
    """

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="assessments"
    )
    token = models.CharField(_("secret link"), max_length=32, unique=True, default=new_token)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("organisation"),
    )
    local_government = models.ForeignKey(
        "registry.LocalGovernment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("local government"),
    )
    registration = models.ForeignKey(
        "applications.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("attached to registration"),
    )
    started_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration__isnull=True)
                | models.Q(organisation__isnull=False),
                name="assessment_attached_only_with_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.code} #{self.pk}"


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_unique"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__lte=10),
                name="answer_level_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}:{self.question_id}={self.level}"
