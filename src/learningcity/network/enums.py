from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", pgettext_lazy("story", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("story", "Withdrawn")


# Every change of a story's status goes through services.magazine.set_story_status.
STORY_TRANSITIONS: dict[str, set[str]] = {
    StoryStatus.DRAFT: {StoryStatus.PUBLISHED},
    StoryStatus.PUBLISHED: {StoryStatus.WITHDRAWN},
    StoryStatus.WITHDRAWN: {StoryStatus.PUBLISHED, StoryStatus.DRAFT},
}
