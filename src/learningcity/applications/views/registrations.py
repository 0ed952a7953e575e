"""The applicant's views of step 1: registering an area and inviting co-workers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from learningcity.accounts.models import Organisation
from learningcity.editions.models import Edition
from learningcity.registry import services as registry
from learningcity.registry.models import LocalGovernment

from .. import services
from ..access import get_registration_for
from ..forms import InvitationForm, OrganisationForm, RegistrationForm


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    context = {
        "open_editions": services.editions_open_for_registration(),
        "registrations": services.registrations_of(request.user),
    }
    return render(request, "applications/dashboard.html", context)


def _lg_search(request: HttpRequest):
    query = request.GET.get("q", "").strip()
    return registry.search(query, limit=10) if query else None


@login_required
@vary_on_headers("HX-Request")
def register(request: HttpRequest, edition_number: int) -> HttpResponse:
    edition = get_object_or_404(Edition, number=edition_number, is_published=True)
    template = "applications/register.html"
    context: dict = {"edition": edition, "is_open": services.registration_window_is_open(edition)}
    # A form sent just after the window closed comes back with the service's refusal and
    # everything typed; a new visit only learns that registration is closed.
    if not context["is_open"] and request.method != "POST":
        return render(request, template, context)

    memberships = services.applying_memberships(request.user)
    new_organisation = not memberships or "new_organisation" in request.GET
    if request.method == "POST" and "create_organisation" in request.POST:
        new_organisation = True
    if new_organisation:
        return _new_organisation(request, edition, context)

    organisations = Organisation.objects.filter(pk__in=memberships.values("organisation_id"))
    form = RegistrationForm(request.POST or None, edition=edition, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register_area(
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                edition=edition,
                **form.registration_details(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Your area is registered for the category “%(category)s”.")
                % {"category": registration.category.name_th},
            )
            return redirect("applications:registration", pk=registration.pk)
    if memberships and not form.is_bound and len(memberships) == 1:
        form.initial["organisation"] = memberships[0].organisation_id
    context.update({"form": form, "memberships": memberships})
    return render(request, template, context)


def _new_organisation(request: HttpRequest, edition: Edition, context: dict) -> HttpResponse:
    template = "applications/register.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#lg-choices"
    if request.method == "POST":
        form = OrganisationForm(request.POST)
        if form.is_valid():
            try:
                services.create_organisation(
                    user=request.user,
                    kind=form.cleaned_data["kind"],
                    name=form.cleaned_data["name"],
                    local_government=form.cleaned_data["dla_code"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The organisation is created. Now register its area."))
                return redirect("applications:register", edition_number=edition.number)
    else:
        form = OrganisationForm(initial=request.GET.dict())
    if form.is_bound:
        chosen = form.cleaned_data.get("dla_code")
    else:
        code = request.GET.get("dla_code", "")
        chosen = LocalGovernment.objects.select_related("province").filter(dla_code=code).first()
    context.update(
        {
            "organisation_form": form,
            "chosen": chosen,
            "query": request.GET.get("q", ""),
            "result": _lg_search(request),
        }
    )
    return render(request, template, context)


@login_required
def registration(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_registration_for(request.user, pk)
    return _detail(request, registration, InvitationForm())


def _detail(request: HttpRequest, registration, invitation_form) -> HttpResponse:
    user = request.user
    may_invite = user.has_perm("applications.invite_to_registration", registration)
    context = {
        "registration": registration,
        "representatives": registration.representatives.all(),
        "can_edit": user.has_perm("applications.change_registration", registration)
        and services.registration_is_editable(registration),
        "can_invite": may_invite,
        # Consents (publication, network listing) outlive the registration's editing window.
        "can_consent": user.has_perm("applications.change_registration", registration),
        "invitation_form": invitation_form,
        "pending_invitations": services.pending_invitations(registration.organisation)
        if may_invite
        else [],
    }
    return render(request, "applications/registration.html", context)


@login_required
def edit_registration(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_registration_for(request.user, pk)
    if not request.user.has_perm("applications.change_registration", registration):
        raise Http404
    if not services.registration_is_editable(registration):
        messages.warning(request, _("This registration can no longer be changed."))
        return redirect("applications:registration", pk=registration.pk)
    form = RegistrationForm(
        request.POST or None,
        edition=registration.edition,
        initial=RegistrationForm.initial_from(registration),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_registration(
                registration, user=request.user, **form.registration_details()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The registration is updated."))
            return redirect("applications:registration", pk=registration.pk)
    context = {
        "edition": registration.edition,
        "registration": registration,
        "form": form,
        "is_open": True,
    }
    return render(request, "applications/register.html", context)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_registration_for(request.user, pk)
    if not request.user.has_perm("applications.invite_to_registration", registration):
        raise Http404
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invite_member(
                organisation=registration.organisation,
                email=form.cleaned_data["email"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("applications:registration", pk=registration.pk)
    return _detail(request, registration, form)


@login_required
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_invitation(token)
    if invitation is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            membership = services.accept_invitation(token, request.user)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(
                request,
                _("You have joined %(organisation)s.") % {"organisation": membership.organisation},
            )
            return redirect("applications:dashboard")
    context = {"invitation": invitation, "error": error}
    return render(request, "applications/invitation.html", context)
