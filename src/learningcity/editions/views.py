"""Public views of an edition: the call."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from . import services


def call(request: HttpRequest, number: int | None = None) -> HttpResponse:
    edition = services.edition_for_call(number)
    if edition is None:
        if number is not None:
            raise Http404
        return render(request, "editions/no_edition.html", status=200)
    now_standing = services.standing(edition)
    primary = now_standing.primary
    context = {
        "edition": edition,
        "standing": now_standing,
        "primary": primary,
        "days_left": services.days_left(primary) if primary else None,
        "days_until": (
            services.days_until(now_standing.upcoming) if now_standing.upcoming else None
        ),
        "rubric_total": sum(c.max_points for c in edition.criteria.all()),
        "demo": services.demo_edition() if not edition.is_demo else None,
    }
    return render(request, "editions/call.html", context)
