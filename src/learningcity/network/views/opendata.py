"""Open data: the directory and its learning places as CSV and GeoJSON, and a JSON API."""

import csv
import hashlib
import json

from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from learningcity.exports.cells import cell

from .. import opendata, services
from ..forms import DirectoryFilterForm

PAGE_SIZE = 50
API_PARAMETERS = (*services.FILTERS, "page")
CACHE_SECONDS = 300


@require_safe
def data_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/data.html",
        {
            "licence": opendata.LICENCE,
            "area_columns": opendata.AREA_COLUMNS,
            "place_columns": opendata.PLACE_COLUMNS,
            "coded": opendata.VALUES.items(),
            "page_size": PAGE_SIZE,
            "parameters": services.FILTERS,
        },
    )


def _filters(request: HttpRequest) -> dict:
    form = DirectoryFilterForm(request.GET)
    return form.filters() if form.is_valid() else {}


def _rows(kind: str, filters: dict, request: HttpRequest) -> list[dict]:
    base = request.build_absolute_uri("/")[:-1]
    if kind == "areas":
        return opendata.area_rows(services.areas(filters), base)
    return opendata.place_rows(services.places(filters))


def _columns(kind: str) -> list[str]:
    columns = opendata.AREA_COLUMNS if kind == "areas" else opendata.PLACE_COLUMNS
    return [name for name, _type, _meaning in columns]


@require_GET
def download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    rows = _rows(kind, _filters(request), request)
    if fmt == "geojson":
        response = HttpResponse(
            json.dumps(opendata.geojson(rows), ensure_ascii=False),
            content_type="application/geo+json; charset=utf-8",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # Excel reads UTF-8 Thai only with the mark
        writer = csv.DictWriter(response, fieldnames=_columns(kind))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: cell(v) for k, v in row.items()})
    response["Content-Disposition"] = f'attachment; filename="learning-city-{kind}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(code: str, message: str, status: int = 400, **extra) -> JsonResponse:
    return JsonResponse(
        {"error": code, "message": message, **extra},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def api(request: HttpRequest, kind: str) -> HttpResponse:
    """``/network/api/v1/<areas|places>/``: paginated JSON, filtered like the directory."""
    unknown = sorted(set(request.GET) - set(API_PARAMETERS))
    if unknown:
        return _error(
            "unknown_parameter",
            _("Unknown parameter: %(names)s") % {"names": ", ".join(unknown)},
            allowed=list(API_PARAMETERS),
        )
    form = DirectoryFilterForm(request.GET)
    if not form.is_valid():
        return _error(
            "invalid_parameter",
            _("A parameter has a value that is not allowed."),
            details={name: [str(m) for m in errors] for name, errors in form.errors.items()},
        )
    page_number = request.GET.get("page", "1")
    if not page_number.isdigit() or not 1 <= int(page_number) <= 100_000:
        return _error("invalid_parameter", _("page must be a whole number from 1."))
    key = (
        "network-api:"
        + hashlib.sha256(
            f"{kind}|{sorted(request.GET.items())}|{services.version()}".encode()
        ).hexdigest()
    )
    etag = f'"{key[-32:]}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304, headers={"ETag": etag})
    body = cache.get(key)
    if body is None:
        rows = _rows(kind, form.filters(), request)
        paginator = Paginator(rows, PAGE_SIZE)
        try:
            page = paginator.page(int(page_number))
        except EmptyPage:
            return _error("page_out_of_range", _("There is no such page."), status=404)
        body = json.dumps(
            {
                "licence": opendata.LICENCE,
                "count": paginator.count,
                "page": page.number,
                "pages": paginator.num_pages,
                "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
                "previous": _page_url(request, page.previous_page_number())
                if page.has_previous()
                else None,
                "results": list(page.object_list),
            },
            ensure_ascii=False,
        )
        cache.set(key, body, CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    # Revalidated every time (cheap with the ETag): a withdrawn consent shows at once.
    response["Cache-Control"] = "public, no-cache"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
