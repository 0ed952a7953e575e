"""The secretariat's training pages: sessions, the check-in tablet, CSV import, waivers."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from learningcity.applications.models import Registration, Representative
from learningcity.editions.models import Edition

from .. import services
from ..access import (
    get_attendance_for,
    get_edition_for,
    get_session_for,
    require_secretariat,
)
from ..forms import ImportForm, SessionForm, WaiverForm


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    editions = Edition.objects.order_by("-is_demo", "-number")
    return render(request, "events/index.html", {"editions": editions})


@login_required
def training(request: HttpRequest, edition_number: int) -> HttpResponse:
    edition = get_edition_for(request.user, edition_number)
    form = SessionForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        services.create_session(edition, request.user, **form.cleaned_data)
        messages.success(request, _("The training session was added."))
        return redirect("events:training", edition_number=edition.number)
    context = {
        "edition": edition,
        "sessions": edition.training_sessions.all(),
        "areas": services.areas_training(edition),
        "form": form,
    }
    return render(request, "events/training.html", context)


@login_required
@vary_on_headers("HX-Request")
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for(request.user, pk)
    query = request.GET.get("q", "") if request.method == "GET" else request.POST.get("q", "")
    if request.method == "POST":
        representative = (
            Representative.objects.select_related("registration")
            .filter(pk=request.POST.get("representative"))
            .first()
        )
        if representative is None:
            raise Http404
        try:
            attendance = services.check_in(session, representative, request.user)
        except ValidationError as error:
            if request.htmx:
                return HttpResponse(status=422, content=" ".join(error.messages))
            messages.error(request, " ".join(error.messages))
            return redirect(_checkin_url(session, query))
        if request.htmx:
            return render(
                request,
                "events/checkin.html#row",
                {"session": session, "row": (representative, attendance), "query": query},
            )
        messages.success(request, _("%(name)s is checked in.") % {"name": representative.full_name})
        return redirect(_checkin_url(session, query))
    context = {
        "session": session,
        "query": query,
        "rows": services.checkin_list(session, query),
        "checked_in": session.attendances.count(),
        "expected": services.expected_representatives(session.edition).count(),
        "import_form": ImportForm(),
    }
    template = "events/checkin.html#results" if request.htmx else "events/checkin.html"
    return render(request, template, context)


def _checkin_url(session, query: str) -> str:
    url = reverse("events:checkin", kwargs={"pk": session.pk})
    return f"{url}?{urlencode({'q': query})}" if query else url


@login_required
@require_POST
def undo_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = get_attendance_for(request.user, pk)
    session = attendance.session
    services.undo_check_in(attendance, request.user)
    messages.success(
        request,
        _("The check-in of %(name)s was taken back.")
        % {"name": attendance.representative.full_name},
    )
    return redirect(_checkin_url(session, request.POST.get("q", "")))


@login_required
@require_POST
def import_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for(request.user, pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a CSV file."))
        return redirect("events:checkin", pk=session.pk)
    try:
        result = services.import_attendance(session, request.user, form.cleaned_data["file"].read())
    except services.AttendanceImportError as refused:
        messages.error(request, _("Nothing was imported. Correct the file and import it again."))
        for error in refused.errors[:50]:
            messages.error(request, error)
        return redirect("events:checkin", pk=session.pk)
    messages.success(
        request,
        _("%(recorded)s attendances recorded; %(already)s were already checked in.")
        % {"recorded": result.recorded, "already": result.already},
    )
    return redirect("events:checkin", pk=session.pk)


@login_required
def expected(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for(request.user, pk)
    response = HttpResponse(services.expected_csv(session), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendance-{session.pk}.csv"'
    return response


@login_required
@require_POST
def waiver(request: HttpRequest, edition_number: int) -> HttpResponse:
    edition = get_edition_for(request.user, edition_number)
    form = WaiverForm(request.POST)
    if form.is_valid():
        registration = Registration.objects.filter(
            edition=edition, pk=form.cleaned_data["registration"]
        ).first()
        if registration is None:
            raise Http404
        try:
            services.record_waiver(registration, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The training waiver was recorded."))
    else:
        messages.error(request, _("Write the reason for the waiver."))
    return redirect(
        reverse("events:training", kwargs={"edition_number": edition.number}) + "#areas"
    )
