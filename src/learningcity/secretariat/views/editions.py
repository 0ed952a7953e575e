from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from learningcity.editions.models import Edition

from ..access import secretariat_only
from ..forms import NextEditionForm
from ..services.editions import create_next_edition, has_submissions, next_edition_defaults
from .common import chosen_edition, workspace_context


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
                        "Edition %(number)s is created, unpublished. "
                        "Check its details, then publish it."
                    )
                    % {"number": edition.number},
                )
                return redirect(reverse("admin:editions_edition_change", args=[edition.pk]))
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
