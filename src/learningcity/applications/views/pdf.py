"""Downloads of an application as PDF: the whole application, and the certification letter.

Members of the applying organisation and the secretariat may download; others get 404.
"""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from learningcity.attachments.responses import serve_stored

from .. import pdf
from ..access import get_application_for
from ..models import Application


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    # The application holds personal data: never kept by a shared cache or the browser.
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf_view(
    render: Callable[[Application], bytes], prefix: str
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_GET
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        application = get_application_for(request.user, pk)
        return _download(render(application), f"{prefix}-{application.pk}.pdf")

    view.__name__ = view.__qualname__ = f"{prefix}_pdf"
    return view


@login_required
@require_GET
def application_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The submitted application's PDF from storage (built once per submission); a draft's is
    rendered on each download."""
    application = get_application_for(request.user, pk)
    filename = f"application-{application.pk}.pdf"
    stored = pdf.submitted_pdf(application)
    if stored is None:
        return _download(pdf.application_pdf(application), filename)
    return serve_stored(
        stored.stored_name,
        content_type="application/pdf",
        filename=filename,
        inline=False,
        cache_control="private, no-store",
    )


certification_pdf = _pdf_view(pdf.certification_pdf, "certification")
