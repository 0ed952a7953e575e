"""The applicant's page: the area's training attendance and its presentation slot."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..access import get_registration_for
from ..forms import ChangeRequestForm
from ..models import SlotChangeRequest


@login_required
def registration(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_registration_for(request.user, pk)
    may_request = request.user.has_perm("events.request_slot_change", registration)
    form = ChangeRequestForm(request.POST or None)
    if request.method == "POST":
        if not may_request:
            raise Http404
        if form.is_valid():
            try:
                services.request_change(registration, request.user, form.cleaned_data["reason"])
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Your request was sent to the secretariat."))
                return redirect("events:registration", pk=registration.pk)
    representatives = registration.representatives.prefetch_related("attendances__session")
    context = {
        "registration": registration,
        "representatives": representatives,
        "status": services.training_status(registration),
        "sessions": registration.edition.training_sessions.all(),
        "slot": services.slot_of(registration),
        "requests": SlotChangeRequest.objects.filter(registration=registration),
        "may_request": may_request,
        "form": form,
    }
    return render(request, "events/registration.html", context)
