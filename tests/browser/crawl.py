"""The accessibility crawl's machinery: follow a role's same-origin links breadth-first, one page
per URL route, and check every page at a phone and a desktop width in the same page load.

Checks per page and viewport: axe-core (injected from node_modules, never a pasted copy),
no horizontal overflow, no visible English word outside the allow-list of proper names, and no
Common-Era year on a Thai page. Findings are collected, not raised, so one run reports them all.
"""

import os
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"360": {"width": 360, "height": 800}, "1366": {"width": 1366, "height": 900}}
FAILING_IMPACTS = {"critical", "serious"}
# Moderate, yet required on every page: a main landmark, all content inside landmarks, an h1.
FAILING_RULES = {"landmark-one-main", "region", "page-has-heading-one"}

# Paths never followed: logging out ends the role's session, the admin is Django's own and
# English-only by design, the language switch changes the session's language, and file
# downloads are not pages.
SKIP_PATH = re.compile(
    r"^/(admin|i18n|static|media)/|/logout/|/download|\.(pdf|zip|xlsx|csv|ics|png|jpe?g)$"
)
# Route names that answer with a file, not a page.
SKIP_ROUTE_NAME = re.compile(r"download|pdf|zip|export_file|thumbnail|photo|file$|csv|xlsx|ics")

# Proper names, acronyms and units that a Thai page may show in Latin letters.
_PROPER_NAMES = """
LC Local Learning City Award Thailand Platform UNESCO GNLC SDG SDGs PDF ZIP CSV XLSX QR TOTP OTP
Google Authenticator Microsoft FreeOTP English Sarabun DLA PDPA EEF URL Zoom Line LINE Facebook
YouTube MB KB GB HEIC JPEG JPG PNG WebP Phayao Excel PowerPoint PPTX
"""
# Names and terms the official guidelines (the edition's data) write in Latin letters.
_GUIDELINE_TERMS = "Magazine Forum Online Portal Global Network Cities Lifelong Park TK Case Study"
_GUIDELINE_TERMS += " Pixel Resolution of baseline Markdown"
# The open-data page documents its API and the map credits its sources, as licences require.
_DATA_TERMS = "API Atom GeoJSON ETag BOM GET If-None-Match Leaflet OpenStreetMap contributors"
_DATA_TERMS += " Creative Commons Attribution International CC BY WGS"
ALLOWED_LATIN = frozenset(f"{_PROPER_NAMES} {_GUIDELINE_TERMS} {_DATA_TERMS}".split())
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# Tokens that are data, not words: e-mail and web addresses, codes with digits, placeholders
# of notice templates ({area}), the four-letter groups of a second-factor key.
DATA_TOKEN = re.compile(
    r"\S*(@|://|www\.)\S*|\S*\d\S*|\S+\.(in\.th|go\.th|ac\.th|com|org)\S*|\S*[{}]\S*|[A-Z2-7]{4}"
)
# A four-digit number 1900–2100 not inside a longer number nor a size in pixels (1920 × 1080).
CE_YEAR = re.compile(r"(?<![\d,./:-])(19\d\d|20\d\d|2100)(?![\d,]|\s*[x×]\s*\d)")

PAGE_FACTS = """() => {
  // Code (<code>, <kbd>, <samp>, <pre>) is shown as typed: keys, not words of the language.
  let text = document.body ? document.body.innerText : "";
  for (const code of document.querySelectorAll("code, kbd, samp, pre")) {
    text = text.replace(code.innerText, " ");
  }
  return {
    text,
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
    lang: document.documentElement.lang,
    wide: [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1
        && getComputedStyle(e).position !== "fixed"
        && !e.closest("[role=region][tabindex], .table-wrap, .sr-only"))
      .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")),
  };
}"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
    target: v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | "),
  }));
}"""


def require_axe() -> None:
    if AXE.exists():
        return
    reason = f"axe-core not installed at {AXE.relative_to(ROOT)}: run `npm ci` at the repo root"
    if os.environ.get("LEARNINGCITY_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass
class Finding:
    role: str
    path: str
    viewport: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.role} {self.path} @{self.viewport}: {self.rule}: {self.detail}"


@dataclass
class CrawlReport:
    pages: dict[str, list[str]] = field(default_factory=dict)
    impacts: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    overflowed: list[tuple[str, str]] = field(default_factory=list)

    def failures(self) -> list[Finding]:
        return [f for f in self.findings if not f.rule.startswith("axe-moderate")]


def route_of(path: str) -> str | None:
    """The URL pattern a path belongs to (one page per pattern is crawled), None if unknown."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name and SKIP_ROUTE_NAME.search(match.url_name):
        return None
    return f"{match.namespace}:{match.route}"


PLACEHOLDER = re.compile(r"\{\{\s*[\w.]+\s*\}\}")


def english_words(text: str) -> list[str]:
    words = []
    text = PLACEHOLDER.sub(" ", text)  # a notice template's {{ area }}: a name, not a word
    for token in text.split():
        if DATA_TOKEN.fullmatch(token):
            continue
        words += [w for w in LATIN_WORD.findall(token) if w.strip("'’-") not in ALLOWED_LATIN]
    return words


def check_page(page, report: CrawlReport, role: str, path: str, *, thai: bool = True) -> None:
    """Check the loaded page at every viewport (resizing, not reloading)."""
    for name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        page.wait_for_timeout(50)
        facts = page.evaluate(PAGE_FACTS)
        if facts["scrollWidth"] > facts["width"]:
            report.overflowed.append((role, path))
            report.findings.append(
                Finding(
                    role,
                    path,
                    name,
                    "overflow",
                    f"{facts['scrollWidth']} px > {facts['width']} px: {facts['wide']}",
                )
            )
        if thai and name == "360":
            english = english_words(facts["text"])
            if english:
                lines = [line for line in facts["text"].splitlines() if english[0] in line]
                where = lines[0].strip()[:80] if lines else ""
                report.findings.append(
                    Finding(
                        role,
                        path,
                        name,
                        "english",
                        " ".join(sorted(set(english))[:12]) + f" (e.g. in “{where}”)",
                    )
                )
            years = sorted(set(CE_YEAR.findall(facts["text"])))
            if years:
                report.findings.append(Finding(role, path, name, "ce-year", " ".join(years)))
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        for violation in page.evaluate(AXE_RUN):
            impact = violation["impact"] or "minor"
            report.impacts[(name, impact)] += violation["nodes"]
            failing = impact in FAILING_IMPACTS or violation["id"] in FAILING_RULES
            rule = "axe-" + ("failing" if failing else "moderate")
            report.findings.append(
                Finding(
                    role,
                    path,
                    name,
                    f"{rule}:{violation['id']}",
                    f"{impact}, {violation['nodes']} node(s): {violation['target']}",
                )
            )


def crawl(page, base_url: str, role: str, starts: list[str], report: CrawlReport) -> None:
    """Visit every page reachable from ``starts`` by same-origin links, one per URL route."""
    seen_routes: set[str] = set()
    queue = deque(starts)
    report.pages[role] = []
    while queue:
        path = queue.popleft()
        route = route_of(urlsplit(path).path)
        if route is None or route in seen_routes:
            continue
        seen_routes.add(route)
        page.set_viewport_size(VIEWPORTS["360"])  # loaded as on a phone, then widened
        try:
            response = page.goto(base_url + path)
        except Exception as error:
            report.findings.append(Finding(role, path, "-", "navigation", str(error)[:120]))
            continue
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        landed = urlsplit(page.url)
        if landed.netloc != urlsplit(base_url).netloc:
            continue
        if response.status >= 400:
            report.findings.append(Finding(role, path, "-", "status", str(response.status)))
        report.pages[role].append(path)
        check_page(page, report, role, path)
        for href in page.eval_on_selector_all(
            "a[href]:not([download])", "links => links.map((a) => a.getAttribute('href'))"
        ):
            target = urlsplit(urljoin(page.url, href))
            if target.netloc != landed.netloc or SKIP_PATH.search(target.path):
                continue
            link = target.path + (f"?{target.query}" if target.query else "")
            if route_of(target.path) not in seen_routes:
                queue.append(link)
