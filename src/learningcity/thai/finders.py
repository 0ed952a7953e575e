"""A static-files finder that serves the web subsets of Sarabun, building them on first use."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

from .fonts import build_web_fonts

PREFIX = "fonts/sarabun-web"


class WebFontFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(settings.VAR_DIR) / "webfonts"
        self.storage = FileSystemStorage(location=self.directory)
        self.storage.prefix = PREFIX
        self._built = False

    def _ensure_built(self) -> None:
        if not self._built:
            build_web_fonts(self.directory)
            self._built = True

    def find(self, path, find_all=False, **kwargs):
        if not path.startswith(PREFIX + "/"):
            return [] if find_all else None
        self._ensure_built()
        candidate = self.directory / path.removeprefix(PREFIX + "/")
        if candidate.suffix == ".woff2" and candidate.is_file():
            return [str(candidate)] if find_all else str(candidate)
        return [] if find_all else None

    def list(self, ignore_patterns):
        self._ensure_built()
        for path in utils.get_files(self.storage, [*(ignore_patterns or []), "*.sha256"]):
            yield path, self.storage
