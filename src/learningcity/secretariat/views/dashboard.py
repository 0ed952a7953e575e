from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..access import secretariat_only
from ..services.dashboard import DEADLINE_WARNING_DAYS, REVIEW_DAYS, build_dashboard
from .common import chosen_edition, workspace_context


@secretariat_only
def dashboard(request: HttpRequest) -> HttpResponse:
    edition = chosen_edition(request)
    context = workspace_context(request, edition, "dashboard")
    context.update(
        board=build_dashboard(edition),
        review_days=REVIEW_DAYS,
        warning_days=DEADLINE_WARNING_DAYS,
    )
    return render(request, "secretariat/dashboard.html", context)
