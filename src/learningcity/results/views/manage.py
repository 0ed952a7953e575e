"""The secretariat's and the chair's pages: record the decision from the ranking, publish it,
reopen it (the chair), certificates and photo consent. Anyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.applications.models import Application
from learningcity.editions.models import AwardCategory, Edition
from learningcity.judging.ranking import ranking

from .. import services
from ..enums import AwardLevel, DecisionStatus
from ..forms import ConsentForm, DecisionForm, PublishForm, ReopenForm
from ..models import Certificate
from ..tasks import issue_certificates_task


def _edition_for(user, number: int) -> Edition:
    edition = get_object_or_404(Edition, number=number)
    if not user.has_perm("results.manage_edition", edition):
        raise Http404
    return edition


def _decision_for(user, number: int, code: str):
    edition = _edition_for(user, number)
    category = get_object_or_404(AwardCategory, edition=edition, code=code)
    return services.decision_for(edition, category)


def _decision_form(decision, reviews, *, override: bool, data=None) -> DecisionForm:
    """Only fully scored applications are offered and pre-selected, in ranking order; the
    chair's override offers every application of the category."""
    applications = services.category_applications(decision)
    if not override:
        applications = applications.filter(pk__in=reviews.fully_scored)
    ranked = [
        row.application_id
        for row in ranking(decision.edition, decision.category)
        if row.application_id in reviews.fully_scored
    ]
    return DecisionForm(
        data,
        applications=applications,
        awards=services.awards_per_category(decision.edition),
        mentions=services.honourable_mentions_per_category(decision.edition),
        ranked_ids=ranked,
        override=override,
    )


def _override_asked(request, decision, reviews) -> bool:
    """The chair asked, by the page's link (GET) or the override form (POST), to decide with
    reviews missing, and may; no one else is ever offered unscored applications."""
    asked = request.POST.get("override") or request.GET.get("override")
    return (
        bool(asked)
        and not reviews.complete
        and services.may_override(decision, request.user, timezone.now())
    )


@login_required
def edition_page(request: HttpRequest, number: int) -> HttpResponse:
    edition = _edition_for(request.user, number)
    decisions = [services.decision_for(edition, c) for c in edition.categories.all()]
    for decision in decisions:
        decision.reviews = services.completeness(decision)
    return render(
        request, "results/manage_edition.html", {"edition": edition, "decisions": decisions}
    )


def _page(
    request, decision, *, reviews=None, form=None, publish_form=None, reopen_form=None, status=200
):
    edition = decision.edition
    reviews = reviews or services.completeness(decision)
    override = _override_asked(request, decision, reviews)
    rows = ranking(edition, decision.category)
    names = {
        a.pk: a
        for a in Application.objects.filter(pk__in=[r.application_id for r in rows]).select_related(
            "registration__local_government"
        )
    }
    placings = {p.application_id: p for p in decision.placings.all()}
    editable = decision.status in (DecisionStatus.DRAFT, DecisionStatus.REOPENED)
    winners = [p for p in placings.values() if p.level == AwardLevel.WINNER]
    consents = services.photo_consents([p.application_id for p in winners])
    context = {
        "edition": edition,
        "decision": decision,
        "ranking": [
            (row, names.get(row.application_id), placings.get(row.application_id)) for row in rows
        ],
        "form": form
        or (_decision_form(decision, reviews, override=override) if editable else None),
        "reviews": reviews,
        "override": override,
        "may_override": services.may_override(decision, request.user, timezone.now()),
        "judging_ends_at": services.judging_ends_at(edition),
        "decision_public": decision.is_public(),
        "publish_form": publish_form or PublishForm(),
        "reopen_form": reopen_form or ReopenForm(),
        "may_reopen": request.user.has_perm("results.reopen_decision", edition),
        "chair": services.chair_of(edition),
        "certificates": list(services.certificates_of(decision)),
        "winners": [(p, consents.get(p.application_id), ConsentForm()) for p in winners],
        "statuses": DecisionStatus,
    }
    return render(request, "results/manage_category.html", context, status=status)


@login_required
def category_page(request: HttpRequest, number: int, code: str) -> HttpResponse:
    return _page(request, _decision_for(request.user, number, code))


def _back(decision):
    return redirect("results:manage_category", decision.edition.number, decision.category.code)


@login_required
@require_POST
def record(request: HttpRequest, number: int, code: str) -> HttpResponse:
    decision = _decision_for(request.user, number, code)
    reviews = services.completeness(decision)
    form = _decision_form(
        decision, reviews, override=_override_asked(request, decision, reviews), data=request.POST
    )
    if form.is_valid():
        try:
            services.record_decision(
                decision,
                winners=form.chosen(form.winner_names),
                honourable=form.chosen(form.mention_names),
                note=form.cleaned_data["note"],
                chair_approved=form.cleaned_data["chair_approved"],
                override_reason=form.override_reason(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is recorded; the scores are locked."))
            return _back(decision)
    return _page(request, decision, reviews=reviews, form=form, status=400)


@login_required
@require_POST
def publish(request: HttpRequest, number: int, code: str) -> HttpResponse:
    decision = _decision_for(request.user, number, code)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.publish_decision(decision, form.cleaned_data["publish_at"], request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The results will be public on the chosen date."))
            return _back(decision)
    return _page(request, decision, publish_form=form, status=400)


@login_required
@require_POST
def reopen(request: HttpRequest, number: int, code: str) -> HttpResponse:
    decision = _decision_for(request.user, number, code)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_decision(decision, request.user, form.cleaned_data["reason"])
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is reopened."))
            return _back(decision)
    return _page(request, decision, reopen_form=form, status=400)


@login_required
@require_POST
def generate_certificates(request: HttpRequest, number: int, code: str) -> HttpResponse:
    decision = _decision_for(request.user, number, code)
    if decision.status not in (DecisionStatus.RECORDED, DecisionStatus.PUBLISHED):
        raise Http404
    issue_certificates_task.enqueue(decision.pk)
    messages.success(request, _("The certificates are being made; reload this page shortly."))
    return _back(decision)


@login_required
@require_POST
def consent(request: HttpRequest, number: int, code: str, app_pk: int) -> HttpResponse:
    decision = _decision_for(request.user, number, code)
    placing = get_object_or_404(decision.placings, application_id=app_pk, level=AwardLevel.WINNER)
    if request.POST.get("withdraw"):
        services.withdraw_publication_consent(placing.application, request.user)
        messages.success(request, _("The consent is withdrawn; the photos are hidden."))
        return _back(decision)
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.record_publication_consent(
            placing.application, form.cleaned_data["given_by"], request.user
        )
        messages.success(request, _("The consent to publish the photos is recorded."))
    else:
        messages.error(request, _("Name the person who gave the consent."))
    return _back(decision)


@login_required
def certificate_download(request: HttpRequest, code: str) -> HttpResponse:
    certificate = services.standing_certificate(code)
    if certificate is None or not request.user.has_perm(
        "results.download_certificate", certificate
    ):
        raise Http404
    certificate = Certificate.objects.select_related(
        "decision__edition",
        "decision__category",
        "decision__chair__user",
        "application__registration__local_government__province",
    ).get(pk=certificate.pk)
    pdf = services.certificate_pdf(certificate)
    response = HttpResponse(pdf, content_type="application/pdf")
    reference = certificate.application.reference or certificate.application.pk
    response["Content-Disposition"] = f'attachment; filename="certificate-{reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def certificates_download(request: HttpRequest, number: int, code: str) -> HttpResponse:
    decision = _decision_for(request.user, number, code)
    if not decision.certificates.exists():
        raise Http404
    response = HttpResponse(services.certificates_zip(decision), content_type="application/zip")
    name = f"certificates-{decision.edition.number}-{decision.category.code}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
