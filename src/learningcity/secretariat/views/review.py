from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration

from ..access import secretariat_only
from ..forms import DecisionForm, FilterForm
from ..services import lists
from ..services.eligibility import decide_eligibility, rule_checks
from .common import chosen_edition, page_of_rows, query_without_page, workspace_context

QUEUE_PAGE_SIZE = 20


def _annotated(pk: int) -> Registration:
    registration = Registration.objects.filter(pk=pk).select_related("edition").first()
    if registration is None:
        raise Http404
    return (
        lists.registrations(registration.edition)
        .prefetch_related("representatives__attendances")
        .get(pk=pk)
    )


def _card(registration: Registration, form: DecisionForm | None = None) -> dict:
    return {
        "registration": registration,
        "checks": rule_checks(registration),
        "form": form or DecisionForm(),
        "awaiting": registration.status == RegistrationStatus.SUBMITTED,
    }


@secretariat_only
def review_queue(request: HttpRequest) -> HttpResponse:
    edition = chosen_edition(request)
    form = FilterForm(request.GET or None, edition=edition)
    rows = lists.review_queue(edition, form.filters()).prefetch_related(
        "representatives__attendances"
    )
    page = page_of_rows(request, rows, QUEUE_PAGE_SIZE)
    context = workspace_context(request, edition, "review")
    context.update(
        form=form,
        page=page,
        cards=[_card(r) for r in page.object_list],
        query=query_without_page(request),
        elsewhere=lists.awaiting_elsewhere(edition),
        # The folded filters stay open while one of them is in use.
        filters_open=any(
            request.GET.get(name) for name in form.fields if name not in ("q", "waiting")
        ),
    )
    return render(request, "secretariat/review_queue.html", context)


@secretariat_only
def review(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _annotated(pk)
    context = workspace_context(request, registration.edition, "review")
    context.update(card=_card(registration))
    return render(request, "secretariat/review.html", context)


@secretariat_only
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _annotated(pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decide_eligibility(
                registration,
                approve=form.cleaned_data["decision"] == "approve",
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            if not request.htmx:
                messages.success(
                    request,
                    _("Decision recorded for %(area)s; the organisation is notified by e-mail.")
                    % {"area": registration.local_government.full_name_th},
                )
                back = request.POST.get("next", "")
                if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                    return redirect(back)
                return redirect("secretariat:review_queue")
            registration = _annotated(pk)
            form = None
    context = workspace_context(request, registration.edition, "review")
    context.update(card=_card(registration, form))
    template = "secretariat/review.html#card" if request.htmx else "secretariat/review.html"
    return render(request, template, context)
