"""HTML templates to PDF with WeasyPrint, in Sarabun from the font package, never the network.

Only ``file:`` URLs under the font folder and MEDIA_ROOT, and ``data:`` URLs, are fetched, so
that nothing in a document (applicant text is escaped anyway) can reach another file or host.
"""

import functools
from pathlib import Path
from urllib.parse import unquote, urlsplit

import fontpkg_sarabun
from django.conf import settings
from django.template.loader import render_to_string
from PIL import ImageFile

FONT_DIR = fontpkg_sarabun.ROOT / "files"
WEIGHTS = {"regular": "Regular", "semibold": "SemiBold", "bold": "Bold", "italic": "Italic"}


def font_urls() -> dict[str, str]:
    """``file://`` URLs of the Sarabun TTFs the PDF stylesheet declares, by weight name."""
    return {key: (FONT_DIR / f"Sarabun-{name}.ttf").as_uri() for key, name in WEIGHTS.items()}


@functools.cache
def _weasyprint():
    """WeasyPrint's ``HTML`` and a fetcher class, imported on first use.

    Importing WeasyPrint sets Pillow's process-wide ``LOAD_TRUNCATED_IMAGES``, which would make
    the upload checks accept broken images; the setting is put back at once.
    """
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    ImageFile.LOAD_TRUNCATED_IMAGES = truncated

    class LocalFetcher(URLFetcher):
        """Fetches ``data:`` URLs and files under the allowed folders, and nothing else."""

        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.roots = tuple(root.resolve() for root in roots)

        def fetch(self, url, headers=None):
            if url.lower().startswith("file:"):
                path = Path(unquote(urlsplit(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in self.roots):
                    msg = f"Not an allowed file: {url}"
                    raise ValueError(msg)
            return super().fetch(url, headers)

    return HTML, LocalFetcher


def render_pdf(template_name: str, context: dict) -> bytes:
    """The template rendered (autoescaped, like every page) and laid out as an A4 PDF."""
    html_class, fetcher_class = _weasyprint()
    media_root = Path(settings.MEDIA_ROOT)
    html = render_to_string(template_name, {"fonts": font_urls(), **context})
    document = html_class(
        string=html,
        base_url=media_root.as_uri() + "/",
        url_fetcher=fetcher_class((FONT_DIR, media_root)),
    )
    return document.write_pdf()
