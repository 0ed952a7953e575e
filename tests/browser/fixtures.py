"""Real-browser fixtures, shared by every test folder (a pytest plugin loaded from
tests/conftest.py): Playwright driving Debian's Chromium (never a downloaded browser).

Where /usr/bin/chromium is missing these tests skip with the reason, unless
LEARNINGCITY_REQUIRE_BROWSER=1 (set by .ci/run), where the missing browser is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = os.environ.get("LEARNINGCITY_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SHOTS = Path(
    os.environ.get("LEARNINGCITY_SHOTS", Path(__file__).resolve().parents[2] / "var" / "shots")
)


def screenshots_folder(name: str) -> Path:
    """Where a test's screenshots for an issue go: ``docs/screenshots/<name>`` when asked
    (``LEARNINGCITY_DOC_SCREENSHOTS=1``, to refresh the documentation), else under var/shots,
    so that a test run never changes the repository's files."""
    if os.environ.get("LEARNINGCITY_DOC_SCREENSHOTS") == "1":
        return Path(__file__).resolve().parents[2] / "docs" / "screenshots" / name
    return SHOTS / name


class SerialWSGIServer(WSGIServer):
    """The live server, one request at a time. On SQLite the test database lives in memory and
    its one connection is shared with the server thread; Chromium's parallel requests (photo
    previews, thumbnails) on a threaded server would use that connection at once and corrupt
    each other's cursors. Served serially, every response says ``Connection: close``."""

    def __init__(self, *args, connections_override=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = SerialWSGIServer

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself (fixtures, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    reason = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium fonts-thai-tlwg"
    if os.environ.get("LEARNINGCITY_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page_factory(browser):
    """Open pages in fresh contexts of a given size; collect console errors (CSP included)."""
    contexts = []

    def open_page(viewport=DESKTOP, locale="th-TH"):
        context = browser.new_context(viewport=viewport, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: (
                page.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def shot():
    """Save a screenshot under var/shots/ for people to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
