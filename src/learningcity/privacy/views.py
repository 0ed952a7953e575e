"""The privacy notice, a person's own data, consent to publish, and retention (secretariat)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from learningcity.applications.access import get_application_for
from learningcity.audit.services import record
from learningcity.editions.models import Edition
from learningcity.privacy import services
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.export import personal_data_of
from learningcity.privacy.forms import ConsentForm, RetentionForm
from learningcity.privacy.models import EditionRetention


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
        for purpose in ConsentPurpose.values:
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
        initial={"keep_until": retention and retention.keep_until},
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "set" and form.is_valid():
                services.set_retention(edition, form.cleaned_data["keep_until"], user=request.user)
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
    plan = services.anonymisation_plan(edition)
    return render(
        request,
        "privacy/retention_detail.html",
        {"edition": edition, "retention": retention, "form": form, "plan": plan},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
