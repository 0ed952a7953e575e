"""The secretariat's exports: start one, watch its progress, download it; and the ZIP of one
application's files for anyone who may see the application."""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from learningcity.applications.access import get_application_for
from learningcity.attachments.responses import serve_stored

from . import services, zipping
from .enums import ACTIVE_STATUSES, ExportStatus
from .forms import ExportForm
from .models import ExportJob
from .writers import CONTENT_TYPES


def _require_exporter(request) -> None:
    if not request.user.has_perm("exports.start_export"):
        raise Http404


def _jobs(user):
    return ExportJob.objects.filter(requested_by=user).select_related("edition")[:30]


@require_http_methods(["GET"])
def index(request):
    _require_exporter(request)
    context = {"form": ExportForm(), "jobs": _jobs(request.user)}
    context["running"] = any(job.status in ACTIVE_STATUSES for job in context["jobs"])
    if request.htmx:
        return render(request, "exports/index.html#jobs", context)
    return render(request, "exports/index.html", context)


@require_POST
def start(request):
    _require_exporter(request)
    form = ExportForm(request.POST)
    if not form.is_valid():
        jobs = _jobs(request.user)
        return render(request, "exports/index.html", {"form": form, "jobs": jobs}, status=400)
    services.start_export(
        user=request.user,
        edition=form.cleaned_data["edition"],
        kind=form.cleaned_data["kind"],
        format=form.cleaned_data["format"],
    )
    return redirect("exports:index")


def download(request, pk: int):
    job = ExportJob.objects.select_related("edition").filter(pk=pk).first()
    if (
        job is None
        or job.status != ExportStatus.READY
        or not request.user.has_perm("exports.view_export", job)
    ):
        raise Http404
    return serve_stored(
        job.stored_name,
        content_type=CONTENT_TYPES[job.format],
        filename=job.filename,
        inline=False,
    )


def application_files(request, pk: int):
    """Every file of one application in a ZIP, streamed."""
    application = get_application_for(request.user, pk)
    files = zipping.entries(application)
    response = StreamingHttpResponse(zipping.stream(files), content_type="application/zip")
    name = f"{application.reference or f'application-{application.pk}'}.zip"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
