"""The network's magazine: stories the secretariat writes about areas and editions."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .enums import StoryStatus


class StoryQuerySet(models.QuerySet):
    def published(self, at=None):
        return self.filter(
            status=StoryStatus.PUBLISHED, published_at__lte=at or timezone.now()
        ).order_by("-published_at")


class Story(models.Model):
    """A magazine story: Markdown, rendered sanitised; its photo only from an area that
    agreed to the publication of its photos (checked again whenever the story is shown)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        pgettext_lazy("web page", "address"), max_length=80, unique=True, allow_unicode=True
    )
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("story (Markdown)"))
    cover = models.ForeignKey(
        "attachments.Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    areas = models.ManyToManyField(
        "registry.LocalGovernment", blank=True, related_name="stories", verbose_name=_("areas")
    )
    editions = models.ManyToManyField(
        "editions.Edition", blank=True, related_name="stories", verbose_name=_("editions")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=StoryStatus.choices, default=StoryStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("magazine story")
        verbose_name_plural = _("magazine stories")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=StoryStatus.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="story_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title
