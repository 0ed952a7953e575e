from django.core.paginator import Paginator
from django.http import Http404, HttpRequest

from learningcity.editions.models import Edition

from ..services.lists import edition_from

PAGE_SIZE = 50


def chosen_edition(request: HttpRequest) -> Edition:
    edition = edition_from(request.GET.get("edition") or request.POST.get("edition"))
    if edition is None:
        raise Http404
    return edition


def page_of(request: HttpRequest, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def page_of_rows(request: HttpRequest, queryset, size: int = PAGE_SIZE):
    """A page of ``queryset`` in two queries of fixed cost: the ordered keys of the page first,
    then the annotated rows of those keys only, so per-row subqueries never run for the
    thousands of rows the page does not show."""
    page = Paginator(queryset.values_list("pk", flat=True), size).get_page(request.GET.get("page"))
    keys = list(page.object_list)
    rows = {row.pk: row for row in queryset.order_by().filter(pk__in=keys)}
    page.object_list = [rows[key] for key in keys if key in rows]
    return page


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def workspace_context(request: HttpRequest, edition: Edition, section: str) -> dict:
    return {
        "edition": edition,
        "editions": Edition.objects.order_by("-number").only("pk", "number", "title_th", "is_demo"),
        "section": section,
    }
