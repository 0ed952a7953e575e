"""Thai first and accessible on every page, for every role, measured by a crawl.

As each of the five roles, every page reachable from the role's home by same-origin links (one
page per URL route, so new pages are covered without new rows here), plus the error pages, is
checked at 360×800 and 1366×900 with axe-core and our own rules (see ``crawl.py``). The data is
the demo's: a practice edition open now, an edition in judging, a published one.

Fails on any critical or serious axe violation, on a page without a main landmark, with content
outside landmarks or without an h1; other moderate and minor violations are written to
var/crawl-report.json with every finding (none today) rather than failing, since axe marks them
as advice that may need a person's judgement.

The crawl runs once per CI run, on the SQLite pass: pages render the same on PostgreSQL, and the
crawl is the slowest test of the suite.
"""

import json
import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import translation

from learningcity.accounts.models import User
from learningcity.demo.builder import DEMO_EDITION_NUMBER, DOMAIN
from tests.factories import log_in

from .crawl import ROOT, CrawlReport, check_page, crawl, require_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "anonymous": None,
    "applicant": f"khlongthomtai@{DOMAIN}",
    "head": f"khlongthomtai-head@{DOMAIN}",
    "judge": f"judge1@{DOMAIN}",
    "secretariat": f"secretariat@{DOMAIN}",
}
REPORT = ROOT / "var" / "crawl-report.json"


def _context(browser, live_server, email):
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, locale="th-TH", bypass_csp=True
    )
    if email:
        client = log_in(Client(), User.objects.get(email=email))
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
    return context


def _error_bodies() -> dict[int, bytes]:
    """Pages Django answers with on a bad request and on a server error, rendered in Thai."""
    bad = Client(raise_request_exception=False).get("/", headers={"host": "bad.invalid"})
    from django.test import RequestFactory

    with translation.override("th"):
        crashed = get_resolver().resolve_error_handler(500)(RequestFactory().get("/"))
    return {400: bad.content, 500: crashed.content}


def _secretariat_starts() -> list[str]:
    """The workspace of the practice edition (registrations, training) first, then the
    presentation day of an edition that has one: one page per route is crawled, so the first
    instance should be one with data."""
    from learningcity.events.models import PresentationSlot

    starts = [reverse("secretariat:dashboard") + f"?edition={DEMO_EDITION_NUMBER}"]
    presenting = PresentationSlot.objects.values_list("edition__number", flat=True).first()
    if presenting:
        starts.append(f"/events/editions/{presenting}/running-order/")
    return starts


def _serve(status: int, body: bytes):
    def fulfil(route, _request=None) -> None:
        route.fulfill(status=status, body=body, content_type="text/html; charset=utf-8")

    return fulfil


def _error_pages(context, live_server, report: CrawlReport) -> None:
    page = context.new_page()
    report.pages["errors"] = []
    page.goto(live_server.url + "/no-such-page/")
    report.pages["errors"].append("/no-such-page/ (404)")
    check_page(page, report, "errors", "404")
    # A form whose CSRF token went stale: Django's 403 page.
    page.goto(live_server.url + reverse("accounts:login"))
    page.evaluate("document.querySelector('[name=csrfmiddlewaretoken]').value = 'stale'")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    report.pages["errors"].append("CSRF failure (403)")
    check_page(page, report, "errors", "403-csrf")
    for status, body in _error_bodies().items():
        path = f"/__error/{status}/"
        page.route(live_server.url + path, _serve(status, body))
        page.goto(live_server.url + path)
        report.pages["errors"].append(f"{status}")
        check_page(page, report, "errors", str(status))


def test_crawl_every_role_every_page_accessible_and_thai(live_server, browser):
    if connection.vendor != "sqlite":
        pytest.skip("the crawl runs on CI's SQLite pass; pages render the same on PostgreSQL")
    require_axe()
    call_command("demo", "--no-serve", verbosity=0)
    report = CrawlReport()
    for role, email in ROLES.items():
        context = _context(browser, live_server, email)
        starts = ["/", reverse("accounts:login"), reverse("accounts:signup")]
        if email:
            starts = ["/", reverse("accounts:home")]
        if role == "secretariat":
            starts = _secretariat_starts() + starts
        crawl(context.new_page(), live_server.url, role, starts, report)
        if role == "anonymous":
            _error_pages(context, live_server, report)
        context.close()

    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(
        json.dumps(
            {
                "pages": report.pages,
                "impacts": {f"{v}:{i}": n for (v, i), n in sorted(report.impacts.items())},
                "findings": [str(f) for f in report.findings],
                "overflowed": sorted({f"{r} {p}" for r, p in report.overflowed}),
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    if os.environ.get("LEARNINGCITY_CRAWL_VERBOSE"):
        print({role: len(paths) for role, paths in report.pages.items()})
    assert all(len(report.pages[role]) >= 3 for role in ROLES), report.pages
    failures = "\n".join(str(f) for f in report.failures())
    assert failures == ""
