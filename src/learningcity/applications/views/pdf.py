"""Downloads of an application as PDF: the whole application, and the certification letter.

Members of the applying organisation and the secretariat may download; others get 404.
"""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

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


application_pdf = _pdf_view(pdf.application_pdf, "application")
certification_pdf = _pdf_view(pdf.certification_pdf, "certification")
