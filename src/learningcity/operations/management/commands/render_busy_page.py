"""``learningcity render_busy_page <file>``: the Thai "busy, trying again" page nginx answers
with (status 429 and ``Retry-After``) when the application servers are full.

It is written at deployment, not rendered per request: it is sent precisely when the
application cannot take another request, so nginx serves it alone (deploy/nginx).
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import translation


class Command(BaseCommand):
    help = "Write the 'busy, trying again' page nginx sends with a 429."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--retry-after", type=int, default=10)

    def handle(self, *args, path: Path, retry_after: int, **options) -> None:
        with translation.override("th"):
            html = render_to_string(
                "operations/busy.html", {"retry_after": retry_after, "LANGUAGE_CODE": "th"}
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".tmp")
        temp.write_text(html, encoding="utf-8")
        temp.replace(path)
