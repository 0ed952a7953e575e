"""The public directory of the learning-city network, its map, and a page per area."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from .. import services
from ..forms import DirectoryFilterForm


def map_policy() -> dict:
    """The site's CSP plus the tile server of the map (images only)."""
    policy = {key: list(value) for key, value in settings.SECURE_CSP.items()}
    tiles = settings.NETWORK_MAP_TILE_ORIGIN
    if tiles:
        policy["img-src"] = [*policy.get("img-src", [CSP.SELF]), tiles]
    return policy


def _markers(areas: list[services.Area]) -> list[dict]:
    return [
        {
            "name": area.local_government.full_name_th,
            "province": area.province.name_th,
            "lat": float(area.local_government.lat),
            "lon": float(area.local_government.lon),
            "url": reverse("network:area", kwargs={"dla_code": area.dla_code}),
            "categories": sorted({p.category_code for p in area.participations}),
        }
        for area in areas
        if area.local_government.lat is not None and area.local_government.lon is not None
    ]


@csp_override(map_policy())
@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else {}
    areas = services.areas(filters)
    return render(
        request,
        "network/directory.html",
        {
            "form": form,
            "areas": areas,
            "markers": _markers(areas),
            "tiles": settings.NETWORK_MAP_TILES,
            "query": request.GET.urlencode(),
        },
    )


@csp_override(map_policy())
@require_safe
def area_page(request: HttpRequest, dla_code: str) -> HttpResponse:
    area = services.area(dla_code)
    if area is None:
        raise Http404
    places = list(
        services.places().filter(
            answer__application__registration__local_government=area.local_government
        )
    )
    markers = [
        {
            "name": p.name,
            "province": p.place_type,
            "lat": float(p.latitude),
            "lon": float(p.longitude),
            "url": "",
            "categories": [],
        }
        for p in places
    ]
    from ..models import Story  # the magazine's stories about this area

    return render(
        request,
        "network/area.html",
        {
            "area": area,
            "places": places,
            "markers": markers,
            "tiles": settings.NETWORK_MAP_TILES,
            "stories": Story.objects.published().filter(areas=area.local_government),
        },
    )
