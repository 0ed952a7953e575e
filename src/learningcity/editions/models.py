"""An edition of the award and everything that is edition data: phases, categories, criteria,
required documents, prizes and contacts. Nothing here is a constant in code."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import AnswerSection, DocumentKind, EditionStatus, PhaseKind


class Edition(models.Model):
    number = models.PositiveSmallIntegerField(_("edition number"), unique=True)
    year_be = models.PositiveSmallIntegerField(_("year (B.E.)"))
    title_th = models.CharField(_("Thai title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200)
    summary_th = models.TextField(_("what the award is (Thai)"), blank=True)
    summary_en = models.TextField(_("what the award is (English)"), blank=True)
    organiser_th = models.TextField(_("organisers (Thai)"), blank=True)
    decision_note_th = models.CharField(_("decision note (Thai)"), max_length=200, blank=True)
    min_population = models.PositiveIntegerField(_("minimum population"), default=5000)
    representatives_required = models.PositiveSmallIntegerField(
        _("training representatives per area"), default=2
    )
    is_demo = models.BooleanField(
        _("demo edition"), default=False, help_text=_("A practice edition for trying every step.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self) -> str:
        return self.title_th

    @property
    def status(self) -> EditionStatus:
        # Stored as ``is_published``, which every public page already filters on.
        return EditionStatus.OPEN if self.is_published else EditionStatus.DRAFT


class EditionPart(models.Model):
    """A row that belongs to one edition and is unique in it by one field (kind, code, number,
    order): a duplicate is refused in words the secretariat reads, not Django's generic ones."""

    class Meta:
        abstract = True

    def unique_error_message(self, model_class, unique_check):
        others = [name for name in unique_check if name != "edition"]
        if "edition" in unique_check and len(others) == 1:
            field = model_class._meta.get_field(others[0])
            return ValidationError(
                _("Another %(thing)s of this edition has the same %(field)s.")
                % {"thing": model_class._meta.verbose_name, "field": field.verbose_name},
                code="unique_together",
            )
        return super().unique_error_message(model_class, unique_check)


class Phase(EditionPart):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=16, choices=PhaseKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    # Inclusive: a deadline of 31 July means 23:59:59 that day, Asia/Bangkok.
    ends_at = models.DateTimeField(_("ends"))
    location_th = models.CharField(_("place (Thai)"), max_length=300, blank=True)
    note_th = models.CharField(_("note (Thai)"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "ends_at"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="phase_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="phase_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition}: {self.get_kind_display()}"

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.starts_at <= at <= self.ends_at


class AwardCategory(EditionPart):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="categories")
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name_th = models.CharField(_("Thai name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sdgs = models.JSONField(_("SDGs"), default=list, blank=True)

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="category_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name_th


class Criterion(EditionPart):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("number"))
    title_th = models.TextField(_("criterion (Thai)"))
    title_en = models.TextField(_("criterion (English)"), blank=True)
    short_title_th = models.CharField(_("short title (Thai)"), max_length=120)
    guidance_th = models.TextField(_("guidance for applicants (Thai)"), blank=True)
    max_points = models.PositiveSmallIntegerField(_("maximum points"))
    section = models.CharField(
        _("structured answer"),
        max_length=20,
        choices=AnswerSection.choices,
        default=AnswerSection.NARRATIVE,
    )
    narrative_max_chars = models.PositiveIntegerField(_("narrative length limit"), default=3000)

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="criterion_unique_number"),
            models.CheckConstraint(
                condition=models.Q(max_points__gt=0), name="criterion_points_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title_th}"


class RequiredDocument(EditionPart):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title_th = models.CharField(_("Thai title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    min_count = models.PositiveSmallIntegerField(_("minimum number of files"), default=1)
    max_count = models.PositiveSmallIntegerField(_("maximum number of files"), default=1)
    width_px = models.PositiveIntegerField(_("width (px)"), null=True, blank=True)
    height_px = models.PositiveIntegerField(_("height (px)"), null=True, blank=True)
    max_bytes = models.PositiveBigIntegerField(_("maximum size (bytes)"))
    content_types = models.JSONField(_("accepted file types"), default=list)
    caption_required = models.BooleanField(_("caption required"), default=False)

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="document_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(max_count__gte=models.F("min_count")),
                name="document_count_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title_th


class Prize(EditionPart):
    """What every winning area of a category receives."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="prizes")
    order = models.PositiveSmallIntegerField(_("order"))
    title_th = models.CharField(_("Thai title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    amount_baht = models.DecimalField(
        _("amount (baht)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        constraints = [
            models.UniqueConstraint(fields=["edition", "order"], name="prize_unique_order"),
        ]

    def __str__(self) -> str:
        return self.title_th


class Contact(EditionPart):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="contacts")
    order = models.PositiveSmallIntegerField(_("order"))
    name_th = models.CharField(_("name"), max_length=150)
    nickname_th = models.CharField(_("nickname"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=32)

    class Meta:
        ordering = ["edition", "order"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(fields=["edition", "order"], name="contact_unique_order"),
        ]

    def __str__(self) -> str:
        return self.name_th
