"""The privacy notice, a person's own data, consents and erasure requests; retention and the
review of erasure requests (secretariat)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learningcity.applications.access import get_application_for
from learningcity.audit.services import record
from learningcity.editions.models import Edition
from learningcity.privacy import services
from learningcity.privacy.enums import APPLICATION_PURPOSES, ConsentPurpose, ErasureStatus
from learningcity.privacy.export import copy_counts, personal_data_of
from learningcity.privacy.forms import (
    ConsentForm,
    ErasureDecisionForm,
    ErasureRequestForm,
    RetentionForm,
)
from learningcity.privacy.models import Consent, EditionRetention, ErasureRequest


def notice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/notice.html",
        {"version": services.NOTICE_VERSION, "purposes": ConsentPurpose.choices},
    )


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """The person's data as a JSON file; the download itself is audited."""
    data = personal_data_of(request.user)
    record(request.user, "privacy.data_exported", request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, app_pk: int) -> HttpResponse:
    application = get_application_for(request.user, app_pk)
    if not request.user.has_perm("applications.change_registration", application.registration):
        raise Http404
    standing = {
        c.purpose: c for c in services.consents_for(application).filter(withdrawn_at__isnull=True)
    }
    form = ConsentForm(
        request.POST if request.method == "POST" else None, initial={"purposes": list(standing)}
    )
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["purposes"])
        for purpose in APPLICATION_PURPOSES:
            if purpose in chosen:
                services.give_consent(
                    application,
                    purpose,
                    user=request.user,
                    on_behalf_of=form.cleaned_data["on_behalf_of"],
                )
            elif purpose in standing:
                services.withdraw_consent(application, purpose, user=request.user)
        messages.success(request, _("Your choices about publication are saved."))
        return redirect("privacy:consent", app_pk=application.pk)
    return render(
        request,
        "privacy/consent.html",
        {
            "application": application,
            "form": form,
            "standing": standing.values(),
            "version": services.NOTICE_VERSION,
            "covers": [(p.label, services.covers_text(p)) for p in APPLICATION_PURPOSES],
        },
    )


def _secretariat(request) -> None:
    if not request.user.has_perm("privacy.manage_retention"):
        raise Http404


@login_required
def retention_list(request: HttpRequest) -> HttpResponse:
    _secretariat(request)
    editions = Edition.objects.order_by("-number").select_related("retention")
    return render(request, "privacy/retention_list.html", {"editions": editions})


@login_required
@require_http_methods(["GET", "POST"])
def retention_detail(request: HttpRequest, edition_pk: int) -> HttpResponse:
    """Set the period, read the dry-run report of what would change, then confirm."""
    _secretariat(request)
    edition = get_object_or_404(Edition, pk=edition_pk)
    retention = EditionRetention.objects.filter(edition=edition).first()
    form = RetentionForm(
        request.POST if request.POST.get("action") == "set" else None,
        initial={
            "keep_until": retention and retention.keep_until,
            "remove_unpublished_material": retention.remove_unpublished_material
            if retention
            else True,
        },
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "set" and form.is_valid():
                services.set_retention(
                    edition,
                    form.cleaned_data["keep_until"],
                    user=request.user,
                    remove_unpublished_material=form.cleaned_data["remove_unpublished_material"],
                )
                messages.success(request, _("The retention period is saved."))
                return redirect("privacy:retention_detail", edition_pk=edition.pk)
            if request.POST.get("action") == "confirm":
                services.confirm_anonymisation(edition, user=request.user)
                messages.success(
                    request,
                    _("Confirmed. The data will be anonymised on the first day after the period."),
                )
                return redirect("privacy:retention_detail", edition_pk=edition.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("privacy:retention_detail", edition_pk=edition.pk)
    plan = services.retention_plan(edition)
    return render(
        request,
        "privacy/retention_detail.html",
        {
            "edition": edition,
            "retention": retention,
            "form": form,
            "plan": plan.changes,
            "kinds": plan.by_kind(),
            "total": plan.total,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """What the platform holds about the person, by kind, and their erasure requests."""
    return render(
        request,
        "privacy/me.html",
        {
            "counts": copy_counts(request.user),
            "requests": services.requests_of(request.user),
            "open": services.requests_of(request.user)
            .filter(status=ErasureStatus.REQUESTED)
            .first(),
            "form": ErasureRequestForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_consents(request: HttpRequest) -> HttpResponse:
    """Every consent given by or about the person: what it covers, when, and withdrawal."""
    if request.method == "POST":
        given = request.POST.get("consent", "")
        consent = Consent.objects.filter(pk=int(given)).first() if given.isdigit() else None
        # None first: a superuser passes every permission check, even on nothing.
        if consent is None or not request.user.has_perm("privacy.withdraw_consent", consent):
            raise Http404
        subject = services.consents.subject_of(consent)
        if subject is None:
            raise Http404
        services.withdraw_consent(subject, consent.purpose, user=request.user)
        messages.success(request, _("The consent is withdrawn."))
        return redirect("privacy:my_consents")
    return render(
        request,
        "privacy/my_consents.html",
        {
            "consents": services.consents_of_person(request.user),
            "version": services.NOTICE_VERSION,
            "notice_covers": services.covers_text(ConsentPurpose.PRIVACY_NOTICE),
        },
    )


@login_required
@require_POST
def erasure_request(request: HttpRequest) -> HttpResponse:
    form = ErasureRequestForm(request.POST)
    if form.is_valid():
        services.request_erasure(request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Your request is sent. The secretariat will review it."))
    return redirect("privacy:me")


@login_required
@require_POST
def erasure_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = get_object_or_404(ErasureRequest, pk=pk, requested_by=request.user)
    try:
        services.decide(erasure, ErasureStatus.WITHDRAWN, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("privacy:me")


def _reviewer(request) -> None:
    if not request.user.has_perm("privacy.review_erasure"):
        raise Http404


@login_required
def erasure_list(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    rows = ErasureRequest.objects.select_related("requested_by", "decided_by")[:200]
    return render(request, "privacy/erasure_list.html", {"requests": rows})


@login_required
@require_http_methods(["GET", "POST"])
def erasure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The request, the dry run of what erasure would change, and the decision."""
    _reviewer(request)
    erasure = get_object_or_404(ErasureRequest.objects.select_related("requested_by"), pk=pk)
    form = ErasureDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(
                erasure,
                form.cleaned_data["decision"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The decision is recorded."))
        return redirect("privacy:erasure_detail", pk=erasure.pk)
    waiting = erasure.status == ErasureStatus.REQUESTED
    plan = services.person_plan(erasure.requested_by) if waiting else None
    return render(
        request,
        "privacy/erasure_detail.html",
        {
            "erasure": erasure,
            "form": form,
            "kinds": plan.by_kind() if plan else [],
            "waiting": waiting,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
