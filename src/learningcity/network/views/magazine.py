"""The magazine: public stories with share cards and an Atom feed; writing them (secretariat)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from learningcity.attachments import storage
from learningcity.attachments.responses import serve_stored
from learningcity.editions.models import Edition
from learningcity.registry.models import LocalGovernment

from .. import services
from ..enums import StoryStatus
from ..forms import StoryForm
from ..models import Story
from ..services import magazine


@require_safe
def stories(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/stories.html",
        {"stories": Story.objects.published().prefetch_related("areas")[:50]},
    )


@require_safe
def story_page(request: HttpRequest, slug: str) -> HttpResponse:
    story = get_object_or_404(
        Story.objects.published().prefetch_related("areas", "editions"), slug=slug
    )
    has_photo = magazine.cover_allowed(story)
    return render(
        request,
        "network/story.html",
        {
            "story": story,
            "body": magazine.render_markdown(story.body),
            "has_photo": has_photo,
            "photo_url": request.build_absolute_uri(
                reverse("network:story_photo", kwargs={"slug": story.slug})
            )
            if has_photo
            else "",
            "page_url": request.build_absolute_uri(story_url(story)),
            "listed": services.listed_local_government_ids(),
        },
    )


def story_url(story: Story) -> str:
    return reverse("network:story", kwargs={"slug": story.slug})


@require_safe
def story_photo(request: HttpRequest, slug: str) -> HttpResponse:
    """A published story's photo, only while its area's consent to publication stands."""
    story = get_object_or_404(Story.objects.published().select_related("cover"), slug=slug)
    if not magazine.cover_allowed(story):
        raise Http404
    attachment = story.cover
    if not storage.exists(attachment.stored_name):
        raise Http404
    return serve_stored(
        attachment.stored_name,
        content_type=attachment.content_type,
        filename=f"{attachment.sha256[:12]}.jpg",
        inline=True,
        cache_control="public, max-age=300",
    )


class StoryFeed(Feed):
    """The magazine as an Atom feed, newest first."""

    feed_type = Atom1Feed
    title = gettext_lazy("Learning city network magazine")
    subtitle = gettext_lazy("Stories of Thailand's local learning cities")

    def link(self):
        return reverse("network:stories")

    def items(self):
        return Story.objects.published()[:30]

    def item_title(self, item: Story) -> str:
        return item.title

    def item_description(self, item: Story) -> str:
        return item.summary

    def item_link(self, item: Story) -> str:
        return story_url(item)

    def item_pubdate(self, item: Story):
        return item.published_at

    def item_updateddate(self, item: Story):
        return item.updated_at


# --- writing stories: the secretariat ---


def _manager(request: HttpRequest) -> None:
    if not request.user.has_perm("network.manage_stories"):
        raise Http404


@login_required
@require_safe
def manage(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return render(request, "network/manage.html", {"stories": Story.objects.all()})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _manager(request)
    story = get_object_or_404(Story, pk=pk) if pk else None
    listed = services.areas()
    chosen_codes = (
        request.POST.getlist("areas")
        if request.method == "POST"
        else [lg.dla_code for lg in story.areas.all()]
        if story
        else []
    )
    chosen = list(LocalGovernment.objects.filter(dla_code__in=chosen_codes))
    photos = magazine.publishable_photos(chosen or [a.local_government for a in listed])
    initial = {}
    if story is not None:
        initial = {
            "title": story.title,
            "summary": story.summary,
            "body": story.body,
            "areas": chosen_codes,
            "editions": [str(e.number) for e in story.editions.all()],
            "cover": str(story.cover_id) if story.cover_id else "",
        }
    form = StoryForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        listed_areas=listed,
        photos=photos,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cover = next((p for p in photos if p.pk == data["cover"]), None)
        try:
            story = magazine.save_story(
                story,
                user=request.user,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                areas=chosen,
                editions=list(Edition.objects.filter(number__in=data["editions"])),
                cover=cover,
            )
        except ValidationError as error:
            form.add_error("cover", error)
        else:
            messages.success(request, _("The story is saved."))
            return redirect("network:edit_story", pk=story.pk)
    return render(
        request,
        "network/edit.html",
        {
            "form": form,
            "story": story,
            "preview": magazine.render_markdown(story.body) if story else "",
        },
    )


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    story = get_object_or_404(Story, pk=pk)
    to = request.POST.get("to", "")
    if to not in StoryStatus.values:
        raise Http404
    try:
        magazine.set_story_status(story, to, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The story is now “%(status)s”.") % {"status": StoryStatus(to).label}
        )
    return redirect("network:edit_story", pk=story.pk)
