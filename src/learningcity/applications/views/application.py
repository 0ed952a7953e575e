"""The applicant's views of step 2: saving a section of the application (the page itself is
application_page.py).

Every form works with a plain save button; htmx only adds autosave and partial swaps.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from .. import services
from ..access import APPLICATION_RELATED, get_application_for
from ..answer_forms import SectionEditor
from ..models import Answer, Application
from .application_page import TEMPLATE
from .application_page import page as _page

# What an autosave reads with the application: its registration and edition (for the window).
SAVING = ("registration__edition",)


def _section_url(application: Application, number: int) -> str:
    page = reverse("applications:application", kwargs={"pk": application.registration_id})
    return f"{page}#section-{number}"


@login_required
@require_POST
@vary_on_headers("HX-Request")
def save_section(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    # Without JavaScript the whole page comes back, with the registration's area and category.
    related = SAVING if request.htmx else APPLICATION_RELATED
    application = get_application_for(request.user, pk, related=related)
    if not request.user.has_perm("applications.change_application", application):
        raise Http404
    try:
        # One answer per criterion and one criterion per number in an edition: get().
        answer = Answer.objects.select_related("criterion").get(
            application=application, criterion__number=number
        )
    except Answer.DoesNotExist:
        raise Http404 from None
    editor = SectionEditor.from_post(answer, request.POST)
    if not editor.form.is_valid():
        return HttpResponse(status=400)

    if "take_saved" in request.POST:
        return _respond(request, application, _stored(answer, application), autosave=False)

    base_version = editor.form.cleaned_data["version"]
    if request.POST.get("overwrite", "").isdigit():
        # The person saw the saved version and chose to keep their own text over it.
        base_version = int(request.POST["overwrite"])
    removed = request.POST.get("remove", "")
    autosave = not any(name in request.POST for name in ("save", "add", "remove", "overwrite"))
    rows_valid = all(table.is_valid(removed) for table in editor.tables)
    kwargs = {
        "application": application,
        "criterion": answer.criterion,
        "user": request.user,
        "narrative": editor.form.cleaned_data["narrative"],
        "evidence_confirmed": editor.form.cleaned_data["evidence_confirmed"],
        "base_version": base_version,
        "answer": answer,
    }
    try:
        if rows_valid:
            rows = {table.kind: table.cleaned_rows(removed) for table in editor.tables}
            result = services.save_section(**kwargs, rows=rows)
        else:
            # An unfinished row must not hold back the narrative: save what can be saved.
            result = services.save_answer(**kwargs)
    except ValidationError as error:
        editor.version = editor.form.cleaned_data["version"]
        for field, errors in error.message_dict.items():
            if field == "narrative" and not autosave:
                editor.form.add_error("narrative", errors)
            else:
                editor.errors.extend(errors)
        return _respond(request, application, editor, autosave=autosave)

    editor.answer = result.answer
    if result.conflict:
        editor.conflict = result
        editor.version = editor.form.cleaned_data["version"]
        return _respond(request, application, editor, autosave=autosave)
    if rows_valid and not autosave:
        saved = _stored(answer, application)
        saved.just_saved = True
        if not request.htmx:
            messages.success(
                request,
                _("Section %(number)s is saved.") % {"number": answer.criterion.number},
            )
            return redirect(_section_url(application, number))
        return _respond(request, application, saved, autosave=False)
    editor.just_saved = True
    editor.rows_pending = not rows_valid
    return _respond(
        request, application, editor, autosave=autosave, progress=result.progress_changed
    )


def _stored(answer: Answer, application: Application) -> SectionEditor:
    fresh = services.answers_with_rows(application).get(pk=answer.pk)
    return SectionEditor.from_answer(fresh, editable=True)


def _respond(
    request: HttpRequest,
    application: Application,
    editor: SectionEditor,
    *,
    autosave: bool,
    progress: bool = True,
) -> HttpResponse:
    """``progress``: whether the progress panel may have changed. An autosave that changed
    nothing it shows (more words in a begun answer, the same rows) leaves the panel as it is."""
    if not request.htmx:
        return _page(request, application, replaced=editor)
    context = {
        "application": application,
        "editor": editor,
        "autosave": autosave,
        "oob": True,
    }
    if progress or not autosave:
        # The progress panel follows the save, out of band.
        context["progress"] = services.progress(application)
    if autosave:
        # The person may still be typing: replace only the status area (and, out of band after
        # a save, the version), never the fields under their fingers.
        response = _render_with_progress(request, "section-status", context)
        return reswap(retarget(response, f"#status-{editor.criterion.number}"), "outerHTML")
    return _render_with_progress(request, "section", context)


def _render_with_progress(request: HttpRequest, partial: str, context: dict) -> HttpResponse:
    html = render_to_string(f"{TEMPLATE}#{partial}", context, request=request)
    if "progress" in context:
        html += render_to_string(f"{TEMPLATE}#progress", context, request=request)
    return HttpResponse(html)
