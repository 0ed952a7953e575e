"""Oversized integers in every field that takes an id, in every form of the site (issue 14).

The world of the permission matrix is built; every page a role may open (the admin aside) is
read, its POST forms parsed, and each form sent back once per id-taking field with that field
set to 99999999999999999999: a <select> or a checkbox / radio whose values are numbers, a
number input, or a hidden field holding a number. Every integer URL argument is also replaced
by it. No answer may be a server error; a 400 must say what is wrong in Thai.
"""

from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urljoin

import pytest
from django.db import transaction

from . import permission_matrix as table
from .matrix import ARGUMENT, ROLES, clients, path_for, routes
from .world import build_world

HUGE = "99999999999999999999"
THAI = range(0x0E00, 0x0E80)
# Who reads each page: the first of these the permission table lets in. Every request is
# rolled back, so a form that submits or deletes changes nothing for the next one.
ROLE_ORDER = ("applicant_a", "head_a", "judge", "secretariat", "superuser", "anonymous")


class Forms(HTMLParser):
    """The POST forms of a page: action, fields (name, value) and which fields take ids."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": [], "ids": set()}
            self.forms.append(self._current)
        if self._current is None or "name" not in attrs:
            numeric = (attrs.get("value") or "").isdigit()
            if tag == "option" and self._current is not None and self._select and numeric:
                self._current["ids"].add(self._select)
            return
        name = attrs["name"]
        if tag == "select":
            self._select = name
            self._current["fields"].append((name, ""))
            return
        if tag in ("input", "textarea"):
            kind = (attrs.get("type") or "text").lower()
            value = attrs.get("value") or ""
            if kind == "file":
                return
            # An unticked box is not sent; its field still takes ids.
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                self._current["fields"].append((name, value))
            takes_id = kind == "number" or (
                kind in ("hidden", "checkbox", "radio") and value.isdigit()
            )
            if takes_id and name != "csrfmiddlewaretoken":
                self._current["ids"].add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        if tag == "select":
            self._select = None


def _thai(text: str) -> bool:
    return sum(ord(char) in THAI for char in text) >= 10


def _send(client, cookies, method, path, data=None):
    with transaction.atomic():
        response = client.generic(method, path) if data is None else client.post(path, data)
        transaction.set_rollback(True)
    client.cookies = SimpleCookie(cookies)
    return response


@pytest.mark.django_db
def test_oversized_ids_in_every_form_and_url_never_a_server_error(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    world = build_world()
    by_role = clients(world)
    cookies = {role: SimpleCookie(client.cookies) for role, client in by_role.items()}
    failures: list[str] = []
    sent = {"url": 0, "field": 0}
    forms_seen = 0

    for route in routes():
        row = table.row_for(route.key)
        if row is None or route.key.startswith(("admin:", "admin/")):
            continue
        arguments = {name: world.value(ref) for name, ref in row.arguments.items()}
        path = path_for(route, arguments)
        allowed = [r for r, e in zip(ROLES, row.expected("GET"), strict=True) if e == "ok"]
        role = next((r for r in ROLE_ORDER if r in allowed), None)
        if role is None:
            continue
        client = by_role[role]
        # Every integer URL argument out of range.
        for match in ARGUMENT.finditer(route.route):
            if match["converter"] == "int":
                huge_path = path_for(route, {**arguments, match["name"]: HUGE})
                for method in ("GET", "POST"):
                    response = _send(client, cookies[role], method, huge_path)
                    sent["url"] += 1
                    if response.status_code >= 500 or (
                        response.status_code == 400 and not _thai(response.content.decode())
                    ):
                        failures.append(f"{method} {huge_path} as {role}: {response.status_code}")
        page = _send(client, cookies[role], "GET", path)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        parser = Forms()
        parser.feed(page.content.decode())
        for form in parser.forms:
            forms_seen += 1
            action = urljoin(path, form["action"]) if form["action"] else path
            for field in sorted(form["ids"]):
                data: dict[str, list[str]] = {}
                for name, value in form["fields"]:
                    if name != field:
                        data.setdefault(name, []).append(value)
                data[field] = [HUGE]
                response = _send(client, cookies[role], "POST", action, data)
                sent["field"] += 1
                status = response.status_code
                body = response.content.decode(errors="replace")
                if status >= 500 or (status == 400 and not _thai(body)):
                    failures.append(f"POST {action} {field}={HUGE} as {role}: {status}")

    print(
        f"\noversized ids: {forms_seen} forms, {sent['field']} id fields and {sent['url']}"
        f" URL requests sent with {HUGE}; failures: {len(failures)}"
    )
    assert sent["field"] > 20
    assert not failures, "\n".join(failures)
