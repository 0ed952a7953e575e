"""The magazine: writing, publishing and showing stories about the network's areas."""

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from learningcity.attachments.models import Attachment
from learningcity.audit.services import record
from learningcity.editions.enums import DocumentKind
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.services.consents import has_consent, standing

from ..enums import STORY_TRANSITIONS, StoryStatus
from ..models import Story

# Markdown with raw HTML switched off, then sanitised: what a story may contain in the end.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "h2", "h3", "h4",
    "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def render_markdown(text: str) -> str:
    """Markdown as safe HTML: raw HTML is shown as text, and the result is cleaned again so
    that no script, style, event handler or ``javascript:`` link can survive."""
    html = _MARKDOWN.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def publishable_photos(local_governments) -> list[Attachment]:
    """Photos a story may use: of the given areas' applications that agreed to publication."""
    from learningcity.applications.models import Application

    consented = [int(pk) for pk in standing(ConsentPurpose.PUBLISH_PHOTOS, Application)]
    return list(
        Attachment.objects.filter(
            kind=DocumentKind.PHOTOS,
            application_id__in=consented,
            application__registration__local_government__in=list(local_governments),
        )
        .select_related("application__registration__local_government")
        .order_by("application_id", "slot")
    )


def cover_allowed(story: Story) -> bool:
    """Whether the story's photo may be shown now (its area's consent still stands)."""
    return story.cover is not None and has_consent(
        story.cover.application, ConsentPurpose.PUBLISH_PHOTOS
    )


def _check_cover(cover: Attachment | None, areas) -> None:
    if cover is None:
        return
    if cover.pk not in {a.pk for a in publishable_photos(areas)}:
        raise ValidationError(
            _("The photo must come from one of the story's areas that agreed to publication."),
            code="cover",
        )


def _unique_slug(title: str, exclude: int | None = None) -> str:
    base = slugify(title, allow_unicode=True)[:70] or "story"
    slug, n = base, 2
    while Story.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_story(story: Story | None, *, user, title, summary, body, areas, editions, cover=None):
    """Create or change a story (any status); the photo rule is checked on every save."""
    _check_cover(cover, areas)
    creating = story is None
    story = story or Story()
    story.title, story.summary, story.body, story.cover = title, summary, body, cover
    if creating:
        story.slug = _unique_slug(title)
    story.updated_at = timezone.now()
    story.save()
    story.areas.set(areas)
    story.editions.set(editions)
    record(user, "story.created" if creating else "story.changed", story)
    return story


@transaction.atomic
def set_story_status(story: Story, to: str, *, user) -> Story:
    """The one way a story's status changes, by ``STORY_TRANSITIONS``; audited."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if to not in STORY_TRANSITIONS[story.status]:
        raise ValidationError(
            _("A story that is “%(from)s” cannot become “%(to)s”.")
            % {"from": StoryStatus(story.status).label, "to": StoryStatus(to).label},
            code="transition",
        )
    before = story.status
    story.status = to
    if to == StoryStatus.PUBLISHED and story.published_at is None:
        story.published_at = timezone.now()
    story.save(update_fields=["status", "published_at"])
    record(user, "story.status_changed", story, before={"status": before}, after={"status": to})
    return story
