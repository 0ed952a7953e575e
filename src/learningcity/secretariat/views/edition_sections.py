"""One page per part of an edition: load and check → form → service → back to the workspace."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.privacy.forms import RetentionForm
from learningcity.privacy.models import EditionRetention
from learningcity.privacy.services import set_retention

from .. import edition_forms as forms
from ..access import secretariat_only
from ..services.edition_setup import save_collection, save_details, save_settings
from ..services.editions import has_submissions
from .common import workspace_context
from .editions import edition_or_404, other_edition

TITLES = {
    "details": gettext_lazy("Titles and the call"),
    "phases": gettext_lazy("Phases"),
    "categories": gettext_lazy("Award categories"),
    "criteria": gettext_lazy("Judging criteria"),
    "documents": gettext_lazy("Required documents"),
    "prizes": gettext_lazy("Prizes"),
    "contacts": gettext_lazy("Contact people"),
    "signatories": gettext_lazy("Certificate signatories"),
    "committee": gettext_lazy("Committee settings"),
    "retention": gettext_lazy("Retention of personal data"),
}
SECTIONS = tuple(TITLES)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _details(request, edition):
    form = forms.EditionDetailsForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        try:
            save_details(form, actor=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return None, {}
    return form, {"form": form}


def _collection(request, edition, section):
    formset = forms.collection_formset(section, edition, request.POST or None)
    if request.method == "POST" and save_collection(edition, section, formset, actor=request.user):
        return None, {}
    return formset, {"formset": formset}


def _committee(request, edition):
    form = forms.CommitteeForm.for_edition(edition, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save_settings(edition, form.settings(), actor=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return None, {}
    return form, {"form": form}


def _signatories(request, edition):
    formset, issuer = forms.signatory_forms(edition, request.POST or None)
    if request.method == "POST" and formset.is_valid() and issuer.is_valid():
        try:
            save_settings(edition, forms.signatory_settings(formset, issuer), actor=request.user)
        except ValidationError as error:
            _add_errors(issuer, error)
        else:
            return None, {}
    return formset, {"formset": formset, "form": issuer}


def _retention(request, edition):
    # Privacy's own form and service: one place decides what retention means.
    retention = EditionRetention.objects.filter(edition=edition).first()
    form = RetentionForm(
        request.POST or None,
        initial={
            "keep_until": retention and retention.keep_until,
            "remove_unpublished_material": (
                retention.remove_unpublished_material if retention else True
            ),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_retention(
                edition,
                form.cleaned_data["keep_until"],
                user=request.user,
                remove_unpublished_material=form.cleaned_data["remove_unpublished_material"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return None, {}
    return form, {"form": form, "retention": retention}


@secretariat_only
def edition_section(request: HttpRequest, number: int, section: str) -> HttpResponse:
    if section not in SECTIONS:
        raise Http404
    if (other := other_edition(request, number)) is not None:
        return redirect("secretariat:edition_section", number=other, section=section)
    edition = edition_or_404(number)
    if section == "details":
        bound, context = _details(request, edition)
    elif section == "committee":
        bound, context = _committee(request, edition)
    elif section == "signatories":
        bound, context = _signatories(request, edition)
    elif section == "retention":
        bound, context = _retention(request, edition)
    else:
        bound, context = _collection(request, edition, section)
    if bound is None:
        messages.success(request, _("Saved: %(part)s.") % {"part": TITLES[section]})
        return redirect(reverse("secretariat:edition", args=[edition.number]) + f"#{section}")
    page = workspace_context(request, edition, "editions")
    page.update(
        context,
        part=section,
        title=TITLES[section],
        frozen=has_submissions(edition),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "secretariat/edition_section.html", page, status=status)
