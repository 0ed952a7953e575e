"""Public views of an edition: the call."""

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import services
from .models import AwardCategory, Edition


def call_context(edition: Edition) -> dict:
    """What the call page of ``edition`` shows; the secretariat's preview uses it too."""
    now = timezone.now()
    now_standing = services.standing(edition, now)
    primary = now_standing.primary
    upcoming = now_standing.upcoming
    return {
        "edition": edition,
        "standing": now_standing,
        "primary": primary,
        "now_at": now,
        "days_left": services.days_left(primary, now) if primary else None,
        "days_until": services.days_until(upcoming, now) if upcoming else None,
        "rubric_total": sum(c.max_points for c in edition.criteria.all()),
        "demo": None if edition.is_demo else services.demo_edition(),
    }


def call(request: HttpRequest, number: int | None = None) -> HttpResponse:
    edition = services.edition_for_call(number)
    if edition is None:
        if number is not None:
            raise Http404
        return render(request, "editions/no_edition.html")
    return render(request, "editions/call.html", call_context(edition))


def with_call_relations(edition: Edition) -> Edition:
    """``edition`` again, with what its call page shows prefetched."""
    return (
        Edition.objects.filter(pk=edition.pk)
        .prefetch_related(
            "phases",
            "criteria",
            "documents",
            "prizes",
            "contacts",
            Prefetch("categories", queryset=AwardCategory.objects.order_by("order")),
        )
        .get()
    )
