"""Page weight on a rural connection: bytes transferred (compressed) per page and per asset type,
and the load time under a throttled slow-3G profile, in Debian's Chromium through Playwright.

    uv run python bench/page_weight.py                 # builds the demo in a temporary folder,
                                                       # serves it with granian, measures
    uv run python bench/page_weight.py --base http://127.0.0.1:8080   # an existing server
                                                       # (e.g. scripts/prod_up) with the demo logins

Slow 3G is WebPageTest's profile: 400 ms round trip, 400 kbit/s down and up. "Interactive" is
DOMContentLoaded's end (deferred scripts have run, htmx is live). First load = empty cache;
next pages = same browser, assets cached.
Targets (issue 7): application form ≤ 100 KB on first load, ≤ 25 KB per next page, ≤ 3 s on slow 3G.
The network directory (issue 15) loads Leaflet from our own static files; map tiles come from
OpenStreetMap and are left out (the list is the page without them).
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}
COORDINATOR = "khlongthomtai@demo.learningcity.in.th"
PASSWORD = "demo-2569"  # noqa: S105 - the public demo password


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def demo_server():
    """The demo on SQLite in a temporary folder, served by granian (whitenoise serves static)."""
    with tempfile.TemporaryDirectory(prefix="lc-weight-") as var:
        env = {**os.environ, "LEARNINGCITY_VAR_DIR": var, "UV_PYTHON_DOWNLOADS": "never"}
        env.pop("DATABASE_URL", None)
        print("building the demo…", file=sys.stderr)
        subprocess.run(
            ["uv", "run", "learningcity", "demo", "--no-serve"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
        port = free_port()
        server = subprocess.Popen(
            [
                "uv",
                "run",
                "granian",
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "1",
                "learningcity.wsgi:application",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.2)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)


class Meter:
    """Counts what the network delivered (encoded = compressed bytes on the wire)."""

    def __init__(self, page) -> None:
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.types: dict[str, str] = {}
        self.bytes: dict[str, int] = defaultdict(int)
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _response(self, event) -> None:
        self.types[event["requestId"]] = event.get("type", "Other")

    def _finished(self, event) -> None:
        kind = self.types.get(event["requestId"], "Other")
        self.bytes[kind] += int(event.get("encodedDataLength", 0))

    def reset(self) -> None:
        self.bytes = defaultdict(int)

    def throttle(self, on: bool) -> None:
        conditions = (
            SLOW_3G
            if on
            else {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
        )
        self.cdp.send("Network.emulateNetworkConditions", conditions)

    def clear_cache(self) -> None:
        self.cdp.send("Network.clearBrowserCache")


def visit(page, meter: Meter, url: str) -> dict:
    meter.reset()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # late font and script responses
    timing = page.evaluate(
        "(() => { const t = performance.getEntriesByType('navigation')[0];"
        " return {interactive: t.domContentLoadedEventEnd, load: t.loadEventEnd}; })()"
    )
    return {"bytes": dict(meter.bytes), "total": sum(meter.bytes.values()), **timing}


def log_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("load")


def application_url(page, base: str) -> str:
    page.goto(f"{base}/apply/")
    registrations = page.eval_on_selector_all(
        "a[href*='/registrations/']", "els => els.map(e => e.href)"
    )
    for registration in registrations:
        page.goto(registration)
        links = page.eval_on_selector_all("a[href*='/application/']", "els => els.map(e => e.href)")
        if links:
            return links[0]
    sys.exit("no application link for the demo coordinator")


def report(name: str, row: dict) -> None:
    kinds = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(row["bytes"].items()))
    print(
        f"{name:<34} {row['total'] / 1024:7.1f} KB  interactive {row['interactive']:6.0f} ms"
        f"  load {row['load']:6.0f} ms   [{kinds}]"
    )


def measure(base: str, email: str, password: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
        page = context.new_page()
        # Map tiles come from OpenStreetMap's servers, not ours: left out of the figures.
        page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        meter = Meter(page)
        log_in(page, base, email, password)
        app = application_url(page, base)
        pages = [
            ("call page (public)", f"{base}/"),
            ("application form", app),
            ("applicant dashboard", f"{base}/apply/"),
            ("registry search", f"{base}/registry/?q=คลองท่อม"),
            ("network directory and map", f"{base}/network/"),
            ("self-assessment, first part", f"{base}/self-assessment/"),
        ]
        print(f"server: {base}   profile: no throttling (bytes), then slow 3G (times)")
        print("-- first load (empty cache), no throttling")
        for name, url in pages:
            meter.clear_cache()
            report(name, visit(page, meter, url))
        print("-- next pages (assets cached), no throttling")
        visit(page, meter, f"{base}/")
        for name, url in pages:
            report(name, visit(page, meter, url))
        print("-- slow 3G (400 ms RTT, 400 kbit/s), first load then cached")
        meter.throttle(True)
        meter.clear_cache()
        report("application form, first load", visit(page, meter, app))
        report("application form, cached", visit(page, meter, app))
        meter.clear_cache()
        report("call page, first load", visit(page, meter, f"{base}/"))
        meter.clear_cache()
        report("network directory, first load", visit(page, meter, f"{base}/network/"))
        report("network directory, cached", visit(page, meter, f"{base}/network/"))
        meter.throttle(False)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", help="measure this server instead of a fresh demo")
    parser.add_argument("--email", default=COORDINATOR)
    parser.add_argument("--password", default=PASSWORD)
    args = parser.parse_args()
    if args.base:
        measure(args.base.rstrip("/"), args.email, args.password)
        return
    with demo_server() as base:
        measure(base, args.email, args.password)


if __name__ == "__main__":
    main()
