"""The application page itself (step 2): every section of the application, editable while the
window is open, read-only otherwise.

The page an applicant reloads most during the deadline rush, so it is built to be cheap
(bench/application_page.py): a fixed number of queries whatever the rows, and the row tables'
widgets written without the template engine (row_renderer.py).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import services
from ..access import get_registration_for
from ..answer_forms import SectionEditor
from ..models import Application
from .row_renderer import ROW_FORM_RENDERER, cells_html

TEMPLATE = "applications/application.html"


def _window(application: Application) -> dict:
    """Whether the submission window is still to open or has closed, for the read-only
    notice."""
    opens_at, closes_at = services.submission_window(application)
    now = timezone.now()
    if opens_at is not None and now < opens_at:
        return {"opens_at": opens_at}
    if closes_at is not None and now > closes_at:
        return {"closed_at": closes_at}
    return {}


def render_fast(editor: SectionEditor) -> None:
    """The section's forms write their widgets, empty error lists and the row tables' cells
    without templates."""
    if not editor.editable:
        return  # the read-only section shows the stored rows as text, no widgets
    editor.form.renderer = ROW_FORM_RENDERER
    for table in editor.tables:
        for form in table.forms:
            form.renderer = ROW_FORM_RENDERER
            form.cells_html = cells_html(form)


def page(
    request: HttpRequest, application: Application, replaced: SectionEditor | None = None
) -> HttpResponse:
    """The whole page; ``replaced`` is a section as just sent (kept when it was not saved)."""
    may_change = request.user.has_perm("applications.change_application", application)
    editable = may_change and services.application_is_editable(application)
    answers = list(services.answers_with_rows(application))
    editors = [
        replaced
        if replaced is not None and replaced.criterion.pk == answer.criterion_id
        else SectionEditor.from_answer(answer, editable=editable)
        for answer in answers
    ]
    for editor in editors:
        render_fast(editor)
    context = {
        "application": application,
        "registration": application.registration,
        "sections": editors,
        "progress": services.progress(application, answers=answers),
        "editable": editable,
        "may_change": may_change,
        "window": {} if editable else _window(application),
    }
    return render(request, TEMPLATE, context)


@login_required
def application(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_registration_for(request.user, pk)
    application = services.get_or_start_application(registration)
    application.registration = registration
    return page(request, application)
