from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..access import secretariat_only
from ..forms import FilterForm
from ..services import lists
from .common import (
    chosen_edition,
    page_of,
    page_of_rows,
    query_without_page,
    workspace_context,
)


def _list(request: HttpRequest, kind: str) -> HttpResponse:
    edition = chosen_edition(request)
    form = FilterForm(request.GET or None, edition=edition)
    filters = form.filters()
    if kind == "registrations":
        rows = lists.filter_registrations(lists.registrations(edition), filters).order_by(
            "-created_at", "-pk"
        )
    else:
        rows = lists.applications(edition, filters)
    context = workspace_context(request, edition, kind)
    page = page_of_rows(request, rows) if kind == "registrations" else page_of(request, rows)
    context.update(form=form, page=page, query=query_without_page(request))
    template = f"secretariat/{kind}.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@secretariat_only
def registration_list(request: HttpRequest) -> HttpResponse:
    return _list(request, "registrations")


@secretariat_only
def application_list(request: HttpRequest) -> HttpResponse:
    return _list(request, "applications")
