"""The secretariat's judging pages: the committee, conflicts, assignments, progress and
reminders, and the ranking of each category."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Application
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Edition

from .. import services
from ..access import get_edition_to_manage, get_judge_to_manage
from ..forms import (
    AssignCategoryForm,
    AssignOneForm,
    AutoAssignForm,
    CsvForm,
    NameJudgeForm,
)
from ..models import Assignment, Judge
from ..ranking import DEFAULT_DISAGREEMENT_THRESHOLD, DEFAULT_TIE_BREAK, cached_ranking
from ..services.bulk import assign_category, assign_from_csv
from ..services.committee import name_judge, set_chair
from ..services.progress import progress_by_category, progress_by_judge, send_reminders
from .judge import conflicts_page


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("judging.manage"):
        raise Http404
    return render(request, "judging/manage/index.html", {"editions": Edition.objects.all()})


def _committee_page(request, edition, *, name_form=None, status=200):
    return render(
        request,
        "judging/manage/committee.html",
        {
            "edition": edition,
            "judges": progress_by_judge(edition),
            "categories": progress_by_category(edition),
            "category_objects": list(edition.categories.order_by("order", "pk")),
            "name_form": name_form or NameJudgeForm(),
            "judging_phase": edition.phases.filter(kind=PhaseKind.JUDGING).first(),
        },
        status=status,
    )


@login_required
def committee(request: HttpRequest, number: int) -> HttpResponse:
    """The committee, its progress per judge and per category; POST names a judge."""
    edition = get_edition_to_manage(request.user, number)
    if request.method != "POST":
        return _committee_page(request, edition)
    form = NameJudgeForm(request.POST)
    if form.is_valid():
        try:
            judge = name_judge(
                edition,
                form.cleaned_data["email"],
                request.user,
                is_chair=form.cleaned_data["is_chair"],
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("%(name)s sits on the committee.") % {"name": judge})
            return redirect("judging:manage_committee", number=number)
    return _committee_page(request, edition, name_form=form, status=422)


@login_required
@require_POST
def chair(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    edition = get_edition_to_manage(request.user, number)
    judge = get_judge_to_manage(request.user, edition, pk)
    set_chair(judge, request.user)
    messages.success(request, _("%(name)s chairs the committee.") % {"name": judge})
    return redirect("judging:manage_committee", number=number)


@login_required
def judge_conflicts(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    """A judge's conflicts; the secretariat may add one for them."""
    edition = get_edition_to_manage(request.user, number)
    judge = get_judge_to_manage(request.user, edition, pk)
    return conflicts_page(
        request,
        judge,
        done=_("The conflict of interest is recorded."),
        then=reverse("judging:manage_conflicts", kwargs={"number": number, "pk": pk}),
        manage=True,
    )


def _assignments_page(request, edition, *, forms=None, csv_errors=None, status=200):
    applications = (
        Application.objects.filter(
            registration__edition=edition, status=ApplicationStatus.SUBMITTED
        )
        .select_related("registration__local_government__province", "registration__category")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("judge__user", "review"),
            )
        )
        .order_by("registration__category__order", "reference")
    )
    forms = forms or {}
    return render(
        request,
        "judging/manage/assignments.html",
        {
            "edition": edition,
            "applications": applications,
            # Listed once for every row's select, not one query per row.
            "judges": list(Judge.objects.filter(edition=edition).select_related("user")),
            "category_form": forms.get("category") or AssignCategoryForm(edition=edition),
            "csv_form": forms.get("csv") or CsvForm(),
            "csv_errors": csv_errors or [],
            "auto_form": forms.get("auto") or AutoAssignForm(),
        },
        status=status,
    )


@login_required
@require_GET
def assignments(request: HttpRequest, number: int) -> HttpResponse:
    edition = get_edition_to_manage(request.user, number)
    return _assignments_page(request, edition)


def _back(number: int):
    return redirect("judging:manage_assignments", number=number)


@login_required
@require_POST
def assign_one(request: HttpRequest, number: int, app_pk: int) -> HttpResponse:
    edition = get_edition_to_manage(request.user, number)
    application = get_object_or_404(
        Application.objects.select_related("registration__local_government"),
        pk=app_pk,
        registration__edition=edition,
    )
    form = AssignOneForm(request.POST, edition=edition)
    if form.is_valid():
        try:
            services.assign(form.cleaned_data["judge"], application, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The application is assigned."))
    else:
        messages.error(request, _("Choose a judge of this edition."))
    return _back(number)


@login_required
@require_POST
def assign_whole_category(request: HttpRequest, number: int) -> HttpResponse:
    edition = get_edition_to_manage(request.user, number)
    form = AssignCategoryForm(request.POST, edition=edition)
    if not form.is_valid():
        return _assignments_page(request, edition, forms={"category": form}, status=422)
    result = assign_category(
        edition, form.cleaned_data["category"], list(form.cleaned_data["judges"]), request.user
    )
    messages.success(
        request,
        _(
            "%(created)s new assignments; %(kept)s already there; %(conflicted)s left out for a "
            "conflict of interest."
        )
        % {"created": result.created, "kept": result.kept, "conflicted": result.conflicted},
    )
    return _back(number)


@login_required
@require_POST
def assign_csv(request: HttpRequest, number: int) -> HttpResponse:
    edition = get_edition_to_manage(request.user, number)
    form = CsvForm(request.POST, request.FILES)
    if not form.is_valid():
        return _assignments_page(request, edition, forms={"csv": form}, status=422)
    try:
        result = assign_from_csv(edition, form.cleaned_data["file"].read(), request.user)
    except ValidationError as error:
        return _assignments_page(
            request, edition, forms={"csv": form}, csv_errors=error.messages, status=422
        )
    messages.success(
        request,
        _("The file is imported: %(created)s new assignments, %(kept)s already there.")
        % {"created": result.created, "kept": result.kept},
    )
    return _back(number)


@login_required
@require_POST
def assign_auto(request: HttpRequest, number: int) -> HttpResponse:
    edition = get_edition_to_manage(request.user, number)
    form = AutoAssignForm(request.POST)
    if not form.is_valid():
        return _assignments_page(request, edition, forms={"auto": form}, status=422)
    created = services.auto_assign(edition, form.cleaned_data["per_application"], request.user)
    messages.success(
        request,
        ngettext("%(count)s new assignment.", "%(count)s new assignments.", len(created))
        % {"count": len(created)},
    )
    return _back(number)


@login_required
@require_POST
def remind(request: HttpRequest, number: int) -> HttpResponse:
    edition = get_edition_to_manage(request.user, number)
    reminded = send_reminders(edition, request.user)
    if reminded:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(count)s judge.",
                "A reminder is on its way to %(count)s judges.",
                len(reminded),
            )
            % {"count": len(reminded)},
        )
    else:
        messages.info(request, _("Every judge has submitted every review; no reminder sent."))
    return redirect("judging:manage_committee", number=number)


TIE_BREAK_RULES = {
    "sum_of_20_point_criteria": gettext_lazy(
        "the higher mean sum of the highest-weighted criteria"
    ),
    "count_of_top_scores": gettext_lazy("the higher mean count of full-mark scores"),
    "committee_vote": gettext_lazy("the committee's recorded vote"),
}


# A page of the ranking: the committee reads the top first; 4,000 rows were 2 MB of HTML.
RANKING_PAGE_SIZE = 100


@login_required
@require_GET
def category_ranking(request: HttpRequest, number: int, code: str) -> HttpResponse:
    """The ranking of one category: raw mean first, spread, advisory normalised mean, ties."""
    edition = get_edition_to_manage(request.user, number)
    category = get_object_or_404(edition.categories, code=code)
    cached = cached_ranking(edition, category)
    page = Paginator(cached.rows, RANKING_PAGE_SIZE).get_page(request.GET.get("page"))
    names = dict(
        Application.objects.filter(pk__in=[r.application_id for r in page]).values_list(
            "pk", "registration__local_government__full_name_th"
        )
    )
    rows = [copy.copy(row) for row in page]  # never change the cached objects
    for row in rows:
        row.name = names.get(row.application_id, "")
    rules = edition.settings.get("tie_break", DEFAULT_TIE_BREAK)
    return render(
        request,
        "judging/manage/ranking.html",
        {
            "edition": edition,
            "category": category,
            "categories": edition.categories.order_by("order", "pk"),
            "rows": rows,
            "page": page,
            "query": "",
            "tie_break": [TIE_BREAK_RULES.get(rule, rule) for rule in rules],
            "rule_names": TIE_BREAK_RULES,
            "threshold": edition.settings.get(
                "disagreement_threshold", DEFAULT_DISAGREEMENT_THRESHOLD
            ),
            # Never older than the data: cached_ranking recomputes after any change.
            "generated_at": cached.computed_at,
        },
    )
