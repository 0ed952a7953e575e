"""Steps 4 and 5 of the applicant's journey: check, certify, submit, receipt; and the
secretariat's remedies (reopen, extend the deadline). Every form works without JS."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from learningcity.accounts.enums import MembershipRole
from learningcity.accounts.memberships import roles_in
from learningcity.accounts.rules import is_secretariat
from learningcity.attachments.responses import serve_stored

from .. import services
from ..access import get_application_for
from ..enums import ApplicationStatus, CertificationMethod
from ..models import Application, Certification
from ..submission_forms import (
    CertifyByAccountForm,
    CertifyByUploadForm,
    ExtendDeadlineForm,
    ReopenForm,
)


def _certification_pdf_url(application: Application) -> str | None:
    # The certification page PDF is built elsewhere; link it only where it exists.
    try:
        return reverse("applications:certification_pdf", kwargs={"pk": application.pk})
    except NoReverseMatch:
        return None


def _check_page(request: HttpRequest, application: Application, **forms) -> HttpResponse:
    user = request.user
    answers = list(services.answers_with_rows(application))
    is_head = MembershipRole.HEAD in roles_in(user, application.registration.organisation_id)
    may_change = user.has_perm("applications.change_application", application)
    open_for_changes = application.status != ApplicationStatus.SUBMITTED
    problems = services.submission_problems(application)
    context = {
        "application": application,
        "registration": application.registration,
        "answers": answers,
        "progress": services.progress(application, answers=answers),
        "problems": problems,
        "submitted": not open_for_changes,
        "window": services.submission_window(application),
        "certification": Certification.objects.filter(application=application)
        .select_related("certified_by")
        .first(),
        "certification_pdf_url": _certification_pdf_url(application),
        "may_certify_by_account": is_head and open_for_changes,
        "may_certify_by_upload": may_change and open_for_changes,
        "may_submit": may_change and open_for_changes and not problems,
        "may_change": may_change,
        "account_form": forms.get("account_form") or CertifyByAccountForm(),
        "upload_form": forms.get("upload_form") or CertifyByUploadForm(),
        "submit_errors": forms.get("submit_errors", []),
    }
    return render(request, "applications/check.html", context)


@login_required
def check(request: HttpRequest, pk: int) -> HttpResponse:
    """ตรวจสอบคำตอบก่อนส่ง: the answers, what is missing, certification and the submit button."""
    return _check_page(request, get_application_for(request.user, pk))


@login_required
@require_POST
def certify_account(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for(request.user, pk)
    form = CertifyByAccountForm(request.POST)
    if form.is_valid():
        try:
            services.certify_by_account(application, request.user, form.cleaned_data["password"])
        except ValidationError as error:
            _add_errors(form, error, "password")
        else:
            messages.success(request, _("The application is certified."))
            return redirect(_check_anchor(application, "certification"))
    return _check_page(request, application, account_form=form)


@login_required
@require_POST
def certify_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for(request.user, pk)
    form = CertifyByUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.certify_by_upload(application, request.user, form.cleaned_data["signed_file"])
        except ValidationError as error:
            _add_errors(form, error, "signed_file")
        else:
            messages.success(request, _("The signed certification page is stored."))
            return redirect(_check_anchor(application, "certification"))
    return _check_page(request, application, upload_form=form)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for(request.user, pk)
    if not request.user.has_perm("applications.change_application", application):
        raise Http404
    try:
        services.submit_application(application, request.user)
    except ValidationError as error:
        return _check_page(request, application, submit_errors=error.messages)
    messages.success(
        request,
        _("The application is submitted. Its reference number is %(reference)s.")
        % {"reference": application.reference},
    )
    return redirect("applications:receipt", pk=application.pk)


@login_required
@require_GET
def signed_certification(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed certification page uploaded for the application, to members of the
    organisation and the secretariat (others: 404), served like every private file."""
    application = get_application_for(request.user, pk)
    certification = Certification.objects.filter(
        application=application, method=CertificationMethod.SIGNED_UPLOAD
    ).first()
    if certification is None or not certification.stored_name:
        raise Http404
    return serve_stored(
        certification.stored_name,
        content_type="application/pdf",
        filename=f"certification-signed-{application.pk}.pdf",
        inline=False,
        cache_control="private, no-store",
    )


@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt of a submitted application, made to be printed."""
    application = get_application_for(request.user, pk)
    # A reopened application keeps its reference and the receipt of its last submission.
    if not application.reference:
        raise Http404
    return render(
        request,
        "applications/receipt.html",
        {"application": application, "registration": application.registration},
    )


def _check_anchor(application: Application, anchor: str) -> str:
    return reverse("applications:check", kwargs={"pk": application.pk}) + f"#{anchor}"


def _add_errors(form, error: ValidationError, field: str) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# The secretariat --------------------------------------------------------------------------


def _application_for_secretariat(request: HttpRequest, pk: int) -> Application:
    if not is_secretariat(request.user):
        raise Http404
    return get_application_for(request.user, pk)


def _secretariat_page(request, application, reopen_form=None, extend_form=None) -> HttpResponse:
    return render(
        request,
        "applications/secretariat.html",
        {
            "application": application,
            "registration": application.registration,
            "window": services.submission_window(application),
            "reopen_form": reopen_form or ReopenForm(),
            "extend_form": extend_form or ExtendDeadlineForm(),
            "may_reopen": application.status == ApplicationStatus.SUBMITTED,
            "certification": Certification.objects.filter(application=application).first(),
        },
    )


@login_required
def secretariat_application(request: HttpRequest, pk: int) -> HttpResponse:
    return _secretariat_page(request, _application_for_secretariat(request, pk))


@login_required
@require_POST
def secretariat_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for_secretariat(request, pk)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_application(application, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The application is reopened for changes."))
            return redirect("applications:secretariat_application", pk=application.pk)
    return _secretariat_page(request, application, reopen_form=form)


@login_required
@require_POST
def secretariat_extend(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for_secretariat(request, pk)
    form = ExtendDeadlineForm(request.POST, edition=application.registration.edition)
    if form.is_valid():
        services.extend_deadline(
            application, request.user, form.cleaned_data["until"], form.cleaned_data["reason"]
        )
        messages.success(request, _("The deadline of this application is extended."))
        return redirect("applications:secretariat_application", pk=application.pk)
    return _secretariat_page(request, application, extend_form=form)
