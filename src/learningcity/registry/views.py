"""Public views of the registry: finding a local government by name."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from . import services
from .forms import SearchForm


@require_GET
@vary_on_headers("HX-Request")
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    result = province = None
    if form.is_valid():
        province = form.cleaned_data["province"]
        result = services.search(form.cleaned_data["q"], province.code if province else None)
    template = "registry/search.html"
    # A history restore asks for the whole page, though it comes from htmx.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, {"form": form, "result": result, "province": province})
