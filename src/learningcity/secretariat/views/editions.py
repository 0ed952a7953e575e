"""The editions: the next one copied from the last, the workspace of one edition, opening it to
the public and the preview of its call page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.editions.enums import EditionStatus
from learningcity.editions.models import AwardCategory, Edition
from learningcity.editions.services import rubric_total
from learningcity.editions.views import call_context, with_call_relations
from learningcity.judging.ranking import DEFAULT_TIE_BREAK
from learningcity.judging.views.manage import TIE_BREAK_RULES
from learningcity.privacy.models import EditionRetention

from ..access import secretariat_only
from ..forms import NextEditionForm
from ..services.editions import (
    allowed_moves,
    create_next_edition,
    has_submissions,
    next_edition_defaults,
    opening_problems,
    set_edition_status,
)
from .common import chosen_edition, workspace_context


def other_edition(request: HttpRequest, number: int) -> int | None:
    """The edition the workspace's edition switcher asks for, when it is not this one."""
    asked = request.GET.get("edition", "")
    if asked.isdigit() and int(asked) != number and Edition.objects.filter(number=asked).exists():
        return int(asked)
    return None


def edition_or_404(number: int) -> Edition:
    edition = Edition.objects.filter(number=number).first()
    if edition is None:
        raise Http404
    return edition


@secretariat_only
def next_edition(request: HttpRequest) -> HttpResponse:
    source = chosen_edition(request)
    if request.method == "POST":
        form = NextEditionForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                edition = create_next_edition(data.pop("source"), actor=request.user, **data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _(
                        "Edition %(number)s is created as a draft that only the secretariat "
                        "sees. Check everything it holds, then open its call."
                    )
                    % {"number": edition.number},
                )
                return redirect("secretariat:edition", number=edition.number)
    else:
        form = NextEditionForm(initial={"source": source, **next_edition_defaults(source)})
    context = workspace_context(request, source, "editions")
    context.update(
        form=form,
        rows=[
            (edition, has_submissions(edition))
            for edition in Edition.objects.order_by("-number").prefetch_related("phases")
        ],
    )
    return render(request, "secretariat/next_edition.html", context)


@secretariat_only
def edition_workspace(request: HttpRequest, number: int) -> HttpResponse:
    """Everything the edition holds on one page, each part with a link to change it."""
    if (other := other_edition(request, number)) is not None:
        return redirect("secretariat:edition", number=other)
    edition = edition_or_404(number)
    context = workspace_context(request, edition, "editions")
    settings = edition.settings or {}
    context.update(
        status=edition.status,
        moves=allowed_moves(edition),
        problems=opening_problems(edition) if edition.status == EditionStatus.DRAFT else [],
        frozen=has_submissions(edition),
        phases=edition.phases.order_by("starts_at", "ends_at"),
        categories=AwardCategory.objects.filter(edition=edition).order_by("order"),
        criteria=edition.criteria.order_by("number"),
        total=rubric_total(edition),
        documents=edition.documents.order_by("order"),
        prizes=edition.prizes.order_by("order"),
        contacts=edition.contacts.order_by("order"),
        signatories=settings.get("signatories") or [],
        issuer=settings.get("certificate_issuer_th", ""),
        committee=settings,
        tie_break=[
            TIE_BREAK_RULES.get(rule, rule) for rule in settings.get("tie_break", DEFAULT_TIE_BREAK)
        ],
        retention=EditionRetention.objects.filter(edition=edition).first(),
    )
    return render(request, "secretariat/edition.html", context)


@secretariat_only
@require_POST
def edition_status(request: HttpRequest, number: int) -> HttpResponse:
    edition = edition_or_404(number)
    target = request.POST.get("status", "")
    if target not in EditionStatus.values:
        raise Http404
    try:
        set_edition_status(edition, EditionStatus(target), actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if target == EditionStatus.OPEN:
            messages.success(request, _("The call of this edition is open to the public."))
        else:
            messages.success(
                request, _("The edition is a draft again; the public no longer sees it.")
            )
    return redirect("secretariat:edition", number=edition.number)


@secretariat_only
def edition_preview(request: HttpRequest, number: int) -> HttpResponse:
    """The call page as the public will see it, draft or not; for the secretariat only."""
    edition = with_call_relations(edition_or_404(number))
    context = call_context(edition)
    context["preview"] = True
    return render(request, "editions/call.html", context)
