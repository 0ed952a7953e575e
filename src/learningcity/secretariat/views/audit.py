from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..access import secretariat_only
from ..forms import AuditSearchForm
from ..services import audit_search, audit_sentences
from .common import chosen_edition, page_of, query_without_page, workspace_context


@secretariat_only
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    context = workspace_context(request, chosen_edition(request), "audit")
    page = page_of(request, audit_search.search(form.query()))
    for entry in page.object_list:
        entry.sentence = audit_sentences.sentence(entry)
    context.update(
        form=form,
        page=page,
        query=query_without_page(request),
        actions=audit_search.known_actions(),
        object_types=audit_search.known_object_types(),
    )
    return render(request, "secretariat/audit.html", context)
