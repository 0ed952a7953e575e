"""Sarabun for the web: the packaged TTFs subset to Thai and Latin, as WOFF2.

The two weights the pages use shrink from about 90 KB each to about 20 KB, which matters on a
rural connection. Thai needs its mark-positioning and substitution features, so every layout
feature is kept. PDFs use the full TTFs straight from the package.
"""

import hashlib
import logging
from contextlib import contextmanager
from pathlib import Path

import fontpkg_sarabun
from fontTools import subset

WEIGHTS = ("Regular", "SemiBold")
# Basic Latin, Latin-1, the Thai block, general punctuation (dashes, quotes, ellipsis).
UNICODES = [
    *range(0x0020, 0x007F),
    *range(0x00A0, 0x0100),
    *range(0x0E00, 0x0E80),
    *range(0x2010, 0x2028),
    0x2030, 0x2039, 0x203A, 0x20AC, 0x2122, 0x2212,
]  # fmt: skip


def source_path(weight: str) -> Path:
    return fontpkg_sarabun.ROOT / "files" / f"Sarabun-{weight}.ttf"


def _stamp(weight: str) -> str:
    digest = hashlib.sha256(source_path(weight).read_bytes())
    digest.update(repr(UNICODES).encode())
    return digest.hexdigest()


@contextmanager
def _quiet_font_tools():
    """fontTools logs every glyph list and timing at INFO; the demo's first start would print
    pages of them. Only its warnings are worth showing."""
    loggers = [logging.getLogger(name) for name in ("fontTools", "fontTools.subset")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def subset_to_woff2(source: Path, target: Path) -> None:
    with _quiet_font_tools():
        _subset_to_woff2(source, target)


def _subset_to_woff2(source: Path, target: Path) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    temporary = target.with_suffix(".tmp")
    subset.save_font(font, str(temporary), options)
    temporary.replace(target)


def build_web_fonts(directory: Path) -> list[Path]:
    """Make the WOFF2 subsets in ``directory``, rebuilding only those whose source changed."""
    directory.mkdir(parents=True, exist_ok=True)
    built = []
    for weight in WEIGHTS:
        target = directory / f"Sarabun-{weight}.woff2"
        stamp_file = directory / f"Sarabun-{weight}.sha256"
        stamp = _stamp(weight)
        if not (target.exists() and stamp_file.exists() and stamp_file.read_text() == stamp):
            subset_to_woff2(source_path(weight), target)
            stamp_file.write_text(stamp)
        built.append(target)
    return built
