"""The secretariat's presentation-day pages: allocation, adjustments, requests, running order."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.thai.formatting import format_time

from .. import services
from ..access import get_change_request_for, get_edition_for, get_slot_for
from ..enums import ChangeRequestStatus
from ..forms import AddSlotForm, AllocateForm, DecisionForm, SwapForm
from ..models import SlotChangeRequest


def _labelled(slots):
    for slot in slots:
        area = slot.registration.local_government.full_name_th if slot.registration else _("free")
        slot.label = (
            f"{format_time(slot.starts_at)}–{format_time(slot.ends_at)} "
            f"{slot.category.code} · {area}"
        )
    return slots


def _by_category(slots):
    return [(category, list(items)) for category, items in groupby(slots, lambda s: s.category)]


@login_required
def presentation(request: HttpRequest, edition_number: int) -> HttpResponse:
    return _presentation_page(request, get_edition_for(request.user, edition_number))


def _presentation_page(request, edition, add_form: AddSlotForm | None = None) -> HttpResponse:
    slots = _labelled(list(services.running_order(edition)))
    pending = SlotChangeRequest.objects.filter(
        registration__edition=edition, status=ChangeRequestStatus.PENDING
    ).select_related("registration__local_government", "slot__category")
    decided = (
        SlotChangeRequest.objects.filter(registration__edition=edition)
        .exclude(status=ChangeRequestStatus.PENDING)
        .select_related("registration__local_government")[:20]
    )
    context = {
        "edition": edition,
        "categories": _by_category(slots),
        "has_slots": bool(slots),
        "plan": services.day_plan(edition),
        "allocate_form": AllocateForm(),
        "swap_form": SwapForm(slots=slots),
        "add_form": add_form or AddSlotForm(edition=edition),
        "pending": [
            (change, DecisionForm(slots=slots, prefix=f"c{change.pk}")) for change in pending
        ],
        "decided": decided,
    }
    return render(request, "events/presentation.html", context)


@login_required
@require_POST
def allocate(request: HttpRequest, edition_number: int) -> HttpResponse:
    edition = get_edition_for(request.user, edition_number)
    form = AllocateForm(request.POST)
    if form.is_valid():
        try:
            made = services.allocate_slots(
                edition,
                request.user,
                meeting_url=form.cleaned_data["meeting_url"],
                replace=form.cleaned_data["replace"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(count)s slots were allocated.") % {"count": len(made)})
    else:
        messages.error(request, _("The meeting link is not a web address."))
    return redirect("events:presentation", edition_number=edition.number)


@login_required
@require_POST
def swap(request: HttpRequest, edition_number: int) -> HttpResponse:
    edition = get_edition_for(request.user, edition_number)
    first = get_slot_for(request.user, edition, request.POST.get("first"))
    second = get_slot_for(request.user, edition, request.POST.get("second"))
    try:
        services.swap_slots(first, second, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The slots were changed."))
    return redirect("events:presentation", edition_number=edition.number)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_change_request_for(request.user, pk)
    edition = change.registration.edition
    prefix = f"c{change.pk}"
    target_pk = request.POST.get(f"{prefix}-target")
    approve = "approve" in request.POST
    target = get_slot_for(request.user, edition, target_pk) if approve and target_pk else None
    try:
        services.decide_change_request(
            change,
            ChangeRequestStatus.APPROVED if approve else ChangeRequestStatus.DECLINED,
            request.user,
            note=request.POST.get(f"{prefix}-note", ""),
            target=target,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request was answered and the area was told."))
    return redirect("events:presentation", edition_number=edition.number)


@login_required
def running_order(request: HttpRequest, edition_number: int) -> HttpResponse:
    edition = get_edition_for(request.user, edition_number)
    slots = list(services.running_order(edition))
    context = {"edition": edition, "categories": _by_category(slots), "has_slots": bool(slots)}
    return render(request, "events/running_order.html", context)


@login_required
@require_POST
def add_slot(request: HttpRequest, edition_number: int) -> HttpResponse:
    edition = get_edition_for(request.user, edition_number)
    form = AddSlotForm(request.POST, edition=edition)
    if form.is_valid():
        services.add_slot(
            edition, form.cleaned_data["category"], form.cleaned_data["starts_at"], request.user
        )
        messages.success(request, _("A free slot was added."))
        return redirect("events:presentation", edition_number=edition.number)
    # The page again with what was typed and the field's question or message (a CE year).
    messages.error(request, _("Choose the category and the time of the new slot."))
    return _presentation_page(request, edition, add_form=form)
