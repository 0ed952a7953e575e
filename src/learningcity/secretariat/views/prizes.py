from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import secretariat_only
from ..forms import AddWinnerForm, DeliveryForm
from ..models import PrizeDelivery
from ..services import prizes as service
from .common import chosen_edition, workspace_context


def _back(edition) -> HttpResponse:
    return redirect(reverse("secretariat:prizes") + f"?edition={edition.number}")


@secretariat_only
def prizes(request: HttpRequest, add_form: AddWinnerForm | None = None) -> HttpResponse:
    edition = chosen_edition(request)
    context = workspace_context(request, edition, "prizes")
    context.update(
        rows=service.winner_rows(edition),
        prizes=list(edition.prizes.order_by("order")),
        add_form=add_form or AddWinnerForm(edition=edition),
        results_available=service.decided_winners(edition) is not None,
    )
    return render(request, "secretariat/prizes.html", context)


@secretariat_only
@require_POST
def add_winner(request: HttpRequest) -> HttpResponse:
    edition = chosen_edition(request)
    if request.POST.get("from_results"):
        added = service.sync_decided_winners(edition, actor=request.user)
        messages.success(
            request, _("%(count)s winning areas added from the results.") % {"count": added}
        )
        return _back(edition)
    form = AddWinnerForm(request.POST, edition=edition)
    if form.is_valid():
        try:
            service.add_winner(form.cleaned_data["registration"], actor=request.user)
        except ValidationError as error:
            form.add_error("registration", error.messages)
        else:
            messages.success(request, _("The area is added to the winners."))
            return _back(edition)
    return prizes(request, add_form=form)


@secretariat_only
@require_POST
def set_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = PrizeDelivery.objects.select_related("registration__edition").filter(pk=pk).first()
    if delivery is None:
        raise Http404
    form = DeliveryForm(request.POST)
    if form.is_valid():
        try:
            service.set_delivery_status(
                delivery,
                form.cleaned_data["status"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The prize status is saved."))
    else:
        messages.error(request, _("Choose a status."))
    return _back(delivery.registration.edition)
