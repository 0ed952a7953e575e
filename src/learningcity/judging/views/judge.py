"""A judge's pages: the assigned applications, scoring one, declaring conflicts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from learningcity.accounts.models import Organisation
from learningcity.applications import pdf

from .. import judge_list, services
from ..access import get_review_for, get_seat_for
from ..forms import ConflictForm
from ..models import Conflict, Judge
from ..reading import scoring_context
from ..services.committee import declare_conflict
from ..services.drafting import save_review


def _seats(user):
    if not user.has_perm("judging.judge"):
        raise Http404
    return list(
        Judge.objects.filter(user=user).select_related("edition").prefetch_related("conflicts")
    )


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The judge's applications: a summary per edition (the current round first) and category,
    and the rows of the chosen category (the first by default) a page at a time, conflicted
    ones left out."""
    seats = sorted(_seats(request.user), key=lambda seat: -seat.edition.number)
    all_groups = judge_list.groups(seats)
    chosen = next((g for g in all_groups if g.key == request.GET.get("group")), None)
    if chosen is None and all_groups:
        chosen = all_groups[0]
    page = judge_list.rows_page(seats, chosen, request.GET.get("page")) if chosen else None
    return render(
        request,
        "judging/home.html",
        {
            "seats": seats,
            "categories": all_groups,
            "chosen": chosen,
            "page": page,
            "query": f"group={chosen.key}" if chosen else "",
        },
    )


def _entries(request: HttpRequest, review, only: int | None = None) -> dict:
    criteria = review.assignment.judge.edition.criteria.order_by("number")
    if only is not None:
        criteria = criteria.filter(number=only)
    return {
        c: (request.POST.get(f"points_{c.number}", ""), request.POST.get(f"comment_{c.number}", ""))
        for c in criteria
    }


def _render_review(request, review, *, errors=None, entries=None, status=200):
    context = scoring_context(review)
    posted = {c.number: value for c, value in (entries or {}).items()}
    for section in context["sections"]:
        number = section.criterion.number
        section.errors = (errors or {}).get(number, [])
        if number in posted:
            section.points_value, section.comment_value = posted[number]
        else:
            section.points_value = section.score.points if section.score else ""
            section.comment_value = section.score.comment if section.score else ""
    context["form_errors"] = (errors or {}).get(0, [])
    if entries is not None:
        context["overall_value"] = request.POST.get("overall_comment", "")
    else:
        context["overall_value"] = review.overall_comment
    return render(request, "judging/review.html", context, status=status)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The scoring page; POST saves every score (and submits when asked), all or nothing."""
    review = get_review_for(request.user, pk)
    if request.method != "POST":
        return _render_review(request, review)
    entries = _entries(request, review)
    errors = save_review(review, entries, request.POST.get("overall_comment", ""), request.user)
    if errors:
        return _render_review(request, review, errors=errors, entries=entries, status=422)
    if request.POST.get("action") == "submit":
        try:
            services.submit_review(review, request.user)
        except ValidationError as error:
            return _render_review(request, review, errors={0: error.messages}, status=422)
        messages.success(request, _("Your review is submitted. Thank you."))
    else:
        messages.success(request, _("Your scores are saved as a draft."))
    return redirect("judging:review", pk=pk)


@login_required
@require_POST
def score(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Autosave of one criterion's score (htmx); without htmx, back to the page."""
    review = get_review_for(request.user, pk)
    entries = _entries(request, review, only=number)
    if not entries:
        raise Http404
    errors = save_review(review, entries, review.overall_comment, request.user)
    if not request.htmx:
        if errors:
            return _render_review(request, review, errors=errors, entries=entries, status=422)
        return redirect("judging:review", pk=pk)
    context = scoring_context(review)
    section = next(s for s in context["sections"] if s.criterion.number == number)
    context.update(section=section, errors=errors.get(number, []) + errors.get(0, []))
    # 200 even on refusal: htmx swaps only successful answers, and this one is the message.
    return render(request, "judging/review.html#score-status", context)


@login_required
@require_GET
def application_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole application as a PDF, for its assigned judges."""
    review = get_review_for(request.user, pk)
    application = review.assignment.application
    response = HttpResponse(pdf.application_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="application-{application.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def conflicts(request: HttpRequest, number: int) -> HttpResponse:
    """The judge's declared conflicts for one edition, and a form to declare another."""
    seat = get_seat_for(request.user, number)
    return conflicts_page(
        request,
        seat,
        done=_("Your conflict of interest is recorded."),
        then=reverse("judging:conflicts", kwargs={"number": number}),
    )


def conflicts_page(request: HttpRequest, judge, *, done: str, then: str, manage=False):
    """A judge's declared conflicts and the form to declare another, for the judge or the
    secretariat (``manage``); ``done`` is said and ``then`` opened after a declaration."""
    organisations = (
        Organisation.objects.filter(registrations__edition=judge.edition)
        .distinct()
        .order_by("name")
    )
    form = ConflictForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            declare_conflict(
                judge,
                request.user,
                reason=data["reason"],
                organisation=data["organisation"],
                local_government=data["local_government"],
                province=data["province"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(then)
    declared = Conflict.objects.filter(judge=judge).select_related(
        "organisation", "local_government", "province", "declared_by"
    )
    context = {"seat": judge, "edition": judge.edition, "form": form, "declared": declared}
    if manage:
        context["manage"] = True
    return render(request, "judging/conflicts.html", context, status=422 if form.errors else 200)
