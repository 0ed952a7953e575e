"""Screenshots of pages as people see them, phone- and desktop-sized, in Debian's Chromium.

    uv run python scripts/screenshots.py http://127.0.0.1:8000 / /registry/?q=คลองท่อมใต้

PNGs land in var/shots/ (``<name>-phone.png``, ``<name>-desktop.png``; ``--full`` for whole pages).
"""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--full", action="store_true", help="capture the whole page")
    parser.add_argument("--out", default="var/shots")
    parser.add_argument("--lang", default="th-TH")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, locale=args.lang)
            page = context.new_page()
            for path in args.paths:
                page.goto(args.base.rstrip("/") + path)
                page.evaluate("document.fonts.ready")
                name = re.sub(r"[^\w]+", "-", path).strip("-") or "home"
                target = out / f"{name}-{size}.png"
                page.screenshot(path=str(target), full_page=args.full)
                print(target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
