"""The self-assessment: anyone may take it; an organisation keeps its own and sees progress."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from learningcity.accounts.models import Organisation
from learningcity.network.services import listed_local_government_ids

from . import services
from .access import get_assessment_for
from .chart import radar
from .forms import AttachForm, DimensionForm, StartForm
from .models import Assessment

SESSION_KEY = "assessment_tokens"


def _remember(request: HttpRequest, assessment: Assessment) -> None:
    tokens = [t for t in request.session.get(SESSION_KEY, []) if t != assessment.token]
    request.session[SESSION_KEY] = [assessment.token, *tokens][:10]


def _questionnaire():
    questionnaire = services.current_questionnaire()
    if questionnaire is None:
        raise Http404
    return questionnaire


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    questionnaire = _questionnaire()
    organisations = (
        list(Organisation.objects.filter(members=request.user).select_related("local_government"))
        if request.user.is_authenticated
        else []
    )
    form = StartForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["organisation"]
        organisation = next((o for o in organisations if o.pk == chosen), None)
        if chosen is not None and organisation is None:
            raise Http404
        assessment = services.start_assessment(
            questionnaire, user=request.user, organisation=organisation
        )
        _remember(request, assessment)
        return redirect("assessments:step", token=assessment.token, number=1)
    tokens = request.session.get(SESSION_KEY, [])
    open_ones = list(
        Assessment.objects.filter(token__in=tokens, organisation__isnull=True).order_by(
            "-updated_at"
        )
    )
    return render(
        request,
        "assessments/start.html",
        {
            "questionnaire": questionnaire,
            "dimensions": questionnaire.dimensions.all(),
            "form": form,
            "open_ones": open_ones,
        },
    )


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, token: str, number: int) -> HttpResponse:
    assessment = get_assessment_for(request.user, token, change=request.method == "POST")
    dimensions = list(assessment.questionnaire.dimensions.all())
    if not 1 <= number <= len(dimensions):
        raise Http404
    if assessment.completed_at is not None:
        return redirect("assessments:result", token=token)
    dimension = dimensions[number - 1]
    form = DimensionForm(
        request.POST if request.method == "POST" else None,
        dimension=dimension,
        answers=services.answers_by_question(assessment),
    )
    if request.method == "POST" and form.is_valid():
        services.save_answers(assessment, dimension, form.rows())
        if assessment.organisation_id is None:
            _remember(request, assessment)
        if "stay" in request.POST:
            messages.success(request, _("Saved. You can come back to it later."))
            return redirect("assessments:step", token=token, number=number)
        if "back" in request.POST and number > 1:
            return redirect("assessments:step", token=token, number=number - 1)
        if number < len(dimensions):
            return redirect("assessments:step", token=token, number=number + 1)
        return redirect("assessments:result", token=token)
    return render(
        request,
        "assessments/step.html",
        {
            "assessment": assessment,
            "dimension": dimension,
            "dimensions": dimensions,
            "number": number,
            "form": form,
        },
    )


@require_safe
def result(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_for(request.user, token)
    profile = services.profile_of(assessment)
    weak = services.priorities(profile)
    peers = services.strong_peers(
        assessment.questionnaire,
        [s.dimension for s in weak],
        listed_local_government_ids(),
        exclude=assessment.local_government_id,
    )
    earlier = _earlier_completed(assessment)
    earlier_profile = services.profile_of(earlier) if earlier else None
    series = [[s.percent for s in profile.scores]]
    if earlier_profile is not None:
        series.append([s.percent for s in earlier_profile.scores])
    changes = services.compare(earlier_profile, profile) if earlier_profile else None
    registrations = _attachable_registrations(request, assessment)
    return render(
        request,
        "assessments/result.html",
        {
            "assessment": assessment,
            "profile": profile,
            "priorities": [(s, peers.get(s.dimension.pk, [])) for s in weak],
            "readiness": services.readiness_of(profile),
            "chart": radar(series),
            "earlier": earlier,
            "changes": changes,
            "rows": zip(profile.scores, changes or [None] * len(profile.scores), strict=True),
            "attach_form": AttachForm(registrations=registrations) if registrations else None,
            "may_change": assessment.organisation_id is None
            or request.user.has_perm("assessments.change_assessment", assessment),
        },
    )


def _earlier_completed(assessment: Assessment) -> Assessment | None:
    if assessment.organisation_id is None:
        return None
    rows = Assessment.objects.filter(
        organisation_id=assessment.organisation_id,
        questionnaire=assessment.questionnaire,
        completed_at__isnull=False,
    ).exclude(pk=assessment.pk)
    if assessment.completed_at is not None:
        rows = rows.filter(completed_at__lt=assessment.completed_at)
    return rows.order_by("-completed_at").first()


def _attachable_registrations(request: HttpRequest, assessment: Assessment) -> list:
    if assessment.completed_at is None or assessment.organisation_id is None:
        return []
    if not request.user.has_perm("assessments.change_assessment", assessment):
        return []
    return list(
        assessment.organisation.registrations.select_related("edition", "category").order_by(
            "-edition__number"
        )
    )


@require_POST
def complete(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_for(request.user, token, change=True)
    try:
        services.complete_assessment(assessment, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The self-assessment is complete."))
    return redirect("assessments:result", token=token)


@login_required
@require_POST
def attach(request: HttpRequest, token: str) -> HttpResponse:
    assessment = get_assessment_for(request.user, token, change=True)
    registrations = _attachable_registrations(request, assessment)
    form = AttachForm(request.POST, registrations=registrations)
    if not form.is_valid():
        messages.error(request, _("Choose one of your organisation's registrations."))
        return redirect("assessments:result", token=token)
    registration = next(r for r in registrations if r.pk == form.cleaned_data["registration"])
    try:
        services.attach_to_registration(assessment, registration, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Attached to the registration as context for the judges."))
    return redirect("assessments:result", token=token)


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    organisations = list(Organisation.objects.filter(members=request.user))
    rows = []
    for organisation in organisations:
        assessments = services.assessments_of(organisation)
        done = [a for a in assessments if a.completed_at is not None]
        chart = None
        if done:
            latest = services.profile_of(done[0])
            series = [[s.percent for s in latest.scores]]
            if len(done) > 1:
                series.append([s.percent for s in services.profile_of(done[1]).scores])
            chart = {"data": radar(series), "profile": latest}
        rows.append({"organisation": organisation, "assessments": assessments, "chart": chart})
    return render(request, "assessments/mine.html", {"rows": rows})


@login_required
@require_safe
def readiness(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("assessments.view_readiness"):
        raise Http404
    questionnaire = _questionnaire()
    return render(
        request,
        "assessments/readiness.html",
        {
            "questionnaire": questionnaire,
            "dimensions": list(questionnaire.dimensions.all()),
            "provinces": services.readiness_by_province(questionnaire),
            "close": services.close_to_readiness(questionnaire),
        },
    )


@login_required
@require_safe
def readiness_csv(request: HttpRequest) -> HttpResponse:
    """Readiness by province as CSV (UTF-8 with BOM so that Excel reads Thai)."""
    if not request.user.has_perm("assessments.view_readiness"):
        raise Http404
    questionnaire = _questionnaire()
    dimensions = list(questionnaire.dimensions.all())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="readiness-{stamp}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [_("Province"), _("Areas assessed"), pgettext("readiness", "Ready")]
        + [pgettext("readiness", "Close")]
        + [d.title_th for d in dimensions]
    )
    for row in services.readiness_by_province(questionnaire):
        writer.writerow(
            [row["province"].name_th, row["areas"], row["ready"], row["close"]]
            + ["" if m is None else m for m in row["means"]]
        )
    return response
