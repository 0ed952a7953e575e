"""A number in a request that no row can have (an id beyond the database's integers) is the
client's mistake: it answers 400 with a Thai sentence, never a server error.

Django's ``ModelChoiceField`` and ``<int:pk>`` URL converters pass any integer to the query;
SQLite refuses one over 2^63 with ``OverflowError`` and PostgreSQL one over its column with
``DataError`` (numeric value out of range, SQLSTATE 22003). One middleware covers every form,
id parameter and URL of the project, present and future, instead of a check in each.
"""

from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

OUT_OF_RANGE = "22003"


def _out_of_range(exception: BaseException) -> bool:
    if isinstance(exception, OverflowError):
        return True
    if isinstance(exception, DataError):
        cause = exception.__cause__
        return getattr(cause, "sqlstate", None) == OUT_OF_RANGE or "out of range" in str(exception)
    return False


def bad_number_response(request: HttpRequest) -> HttpResponse:
    message = _(
        "A number sent with the form is too large for what it names (no such item can "
        "exist). Please go back, reload the page and try again."
    )
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return JsonResponse({"error": message}, status=400)
    return render(request, "bad_input.html", {"message": message}, status=400)


class BadInputMiddleware:
    """Turns an integer out of the database's range into a Thai 400 page."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if _out_of_range(exception):
            return bad_number_response(request)
        return None
