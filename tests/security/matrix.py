"""How the permission matrix is run: walk the URL configuration, ask each URL as each role
with each method, and sort every answer into a class the table can name."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import log_in

ROLES = (
    "anonymous",
    "applicant_a",
    "applicant_b",
    "head_a",
    "judge",
    "conflicted_judge",
    "secretariat",
    "superuser",
)
METHODS = ("GET", "POST")
# What an answer may be, as the table writes it:
#   ok        2xx
#   login     a redirect to a log-in page (ours or the admin's)
#   redirect  any other redirect (back to a page, to the workspace...)
#   404 405 400 429 ...  that status
#   any       not compared (the superuser in the admin); still never 403 nor 5xx
CLASSES = {"ok", "login", "redirect", "any"}
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


@dataclass(frozen=True)
class Route:
    key: str  # the URL name ("namespace:name"), or the route itself when it has none
    route: str
    pattern: URLPattern
    namespace: str | None


def routes(patterns=None, prefix: str = "", namespace: str | None = None) -> Iterator[Route]:
    """Every URL pattern of the project, with its full name and route."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            route = prefix + str(entry.pattern)
            if entry.name:
                key = f"{namespace}:{entry.name}" if namespace else entry.name
            else:
                key = route
            yield Route(key, route, entry, namespace)


ARGUMENT = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def path_for(route: Route, arguments: dict) -> str:
    """The route with its arguments filled in (regular-expression routes: their catch-all)."""
    text = route.route
    if text.startswith("^") or "(?P<" in text:
        # Only the admin's catch-all is a regular expression; any path under it will do.
        return "/" + re.sub(r"\(\?P<\w+>[^)]*\)\$?", "missing-page/", text.lstrip("^"))
    missing = [m["name"] for m in ARGUMENT.finditer(text) if m["name"] not in arguments]
    if missing:
        raise KeyError(f"{route.key}: no value for URL argument(s) {missing} in the table row")
    return "/" + ARGUMENT.sub(lambda m: str(arguments[m["name"]]), text)


def classify(response) -> str:
    status = response.status_code
    if 200 <= status < 300:
        return "ok"
    if 300 <= status < 400:
        location = response.get("Location", "")
        path = re.sub(r"^https?://[^/]+", "", location)
        return "login" if path.startswith(LOGIN_PATHS) else "redirect"
    return str(status)


def clients(world) -> dict[str, Client]:
    """One client per role, logged in (judges and the secretariat with their second factor)."""
    result = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        person = world.people[role]
        if person is not None:
            log_in(client, person)
        result[role] = client
    return result
