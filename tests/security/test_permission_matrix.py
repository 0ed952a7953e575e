"""The permission matrix: every URL pattern × every role × GET and POST against the table in
``permission_matrix.py``. A URL missing from the table fails; so does any answer other than
the one written there, any 403 (forbidden objects answer 404) and any server error.

To add rows for new URLs, run ``PERMISSION_MATRIX_RECORD=1 uv run pytest
tests/security/test_permission_matrix.py -s``: it prints rows for what is missing, written
from what the code answers now. Read each one before pasting it (see SECURITY.md).
"""

import os
from http.cookies import SimpleCookie

import pytest
from django.db import transaction

from . import permission_matrix as table
from .matrix import ARGUMENT, CLASSES, METHODS, ROLES, classify, clients, path_for, routes
from .world import build_world

RECORD = os.environ.get("PERMISSION_MATRIX_RECORD") == "1"


def test_permission_matrix_table_is_well_formed():
    for key, row in table.ROWS.items():
        for method in METHODS:
            answers = row.expected(method)
            assert len(answers) == len(ROLES), f"{key} {method}: one answer per role {ROLES}"
            for answer in answers:
                assert answer in CLASSES or answer.isdigit(), f"{key} {method}: {answer!r}"
                assert answer != "403", f"{key}: forbidden answers 404, never 403"


def test_permission_matrix_lists_every_url_pattern_and_nothing_else():
    keys = {route.key for route in routes()}
    missing = sorted(key for key in keys if table.row_for(key) is None)
    stale = sorted(key for key in table.ROWS if key not in keys and "*" not in key)

    assert not missing, "URL patterns missing from tests/security/permission_matrix.py: " + str(
        missing
    )
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


@pytest.mark.django_db
def test_permission_matrix(db, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    world = build_world()
    by_role = clients(world)
    cookies = {role: SimpleCookie(client.cookies) for role, client in by_role.items()}
    failures, recorded, asked, unexpected_2xx = [], [], 0, 0
    patterns = list(routes())

    for route in patterns:
        row = table.row_for(route.key)
        if row is None or row.GET == "?" or row.POST == "?":
            if RECORD:
                recorded.append((route, row))
            continue
        arguments = {name: world.value(ref) for name, ref in row.arguments.items()}
        path = path_for(route, arguments)
        for method in METHODS:
            for role, expected in zip(ROLES, row.expected(method), strict=True):
                client = by_role[role]
                with transaction.atomic():
                    # Each request leaves the world as it found it: its changes, a log-out
                    # included, are rolled back, and the client gets its session back.
                    response = client.generic(method, path)
                    transaction.set_rollback(True)
                client.cookies = SimpleCookie(cookies[role])
                asked += 1
                answer = classify(response)
                admin_refusal = answer == "403" and expected == "any" and is_admin(route)
                wrong = (answer == "403" and not admin_refusal) or answer.startswith("5")
                if expected != "any" and answer != expected:
                    wrong = True
                    if answer == "ok":
                        unexpected_2xx += 1
                if wrong:
                    failures.append(f"{method} {path} as {role}: {answer}, table says {expected}")

    if RECORD:
        print(record_rows(recorded, world, by_role, cookies))
    size = (
        f"{len(patterns)} URL patterns ({len(table.ROWS)} table rows) × {len(ROLES)} roles"
        f" × {len(METHODS)} methods = {asked} requests"
    )
    print(f"\npermission matrix: {size}; unexpected 2xx: {unexpected_2xx}")
    assert not failures, "\n".join(failures)
    assert unexpected_2xx == 0


def is_admin(route) -> bool:
    return route.key.startswith(("admin:", "admin/"))


def record_rows(recorded, world, by_role, cookies) -> str:
    """Table rows for URLs not in the table yet, from what the code answers now."""
    lines = []
    for route, row in recorded:
        names = [m["name"] for m in ARGUMENT.finditer(route.route)]
        arguments = {name: table.GUESSES.get(name, "missing") for name in names}
        arguments.update(row.arguments if row else {})
        try:
            path = path_for(route, {n: world.value(v) for n, v in arguments.items()})
        except KeyError as error:
            lines.append(f"# {error}")
            continue
        answers = {}
        for method in METHODS:
            got = []
            for role in ROLES:
                with transaction.atomic():
                    response = by_role[role].generic(method, path)
                    transaction.set_rollback(True)
                by_role[role].cookies = SimpleCookie(cookies[role])
                got.append(classify(response))
            answers[method] = " ".join(got)
        args = "".join(f', {name}="{value}"' for name, value in arguments.items())
        lines.append(
            f'    "{route.key}": row(GET="{answers["GET"]}", POST="{answers["POST"]}"{args}),'
        )
    return "\n".join(lines)
