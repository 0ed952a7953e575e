"""File names: the one shown to people (cleaned) and the one files are stored under (generated)."""

import re
import unicodedata

from django.utils.translation import gettext as _

from learningcity.attachments.checks.upload import STORED_EXTENSIONS

MAX_DISPLAY_LENGTH = 120
MAX_EXTENSION_LENGTH = 10  # ".pptx" fits; a longer "extension" is part of the name
# Control and format characters: C0/C1 controls, bidi overrides and isolates (U+202A–U+202E,
# U+2066–U+2069) that make "gpj.exe" display as "exe.jpg", zero-width characters, line breaks.
INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
SHA256 = re.compile(r"[0-9a-f]{64}")


def _cut(text: str, length: int) -> str:
    """``text`` cut to ``length`` characters, never between a letter and its marks (Thai vowels)."""
    if len(text) <= length:
        return text
    while length > 0 and unicodedata.category(text[length]).startswith("M"):
        length -= 1
    return text[:length]


def safe_display_name(name: str) -> str:
    """The name an applicant gave, safe to show: no folders, no invisible characters, ≤ 120."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(char for char in name if unicodedata.category(char) not in INVISIBLE)
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = " ".join(name.split()).strip(". ")
    if not name:
        return _("Untitled file")
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) + 1 > MAX_EXTENSION_LENGTH:
        return _cut(name, MAX_DISPLAY_LENGTH).rstrip(". ")
    extension = "." + extension
    return _cut(stem, MAX_DISPLAY_LENGTH - len(extension)).rstrip(". ") + extension


def storage_name(sha256: str, ext: str) -> str:
    """The path a file is stored under, from its content hash: ``ab/ab12…ef.jpg``.

    Never derived from what the applicant called it; the first two hex digits spread the
    files over 256 folders.
    """
    if not SHA256.fullmatch(sha256):
        raise ValueError(f"not a lowercase SHA-256 hex digest: {sha256!r}")
    if ext not in STORED_EXTENSIONS.values():
        raise ValueError(f"not a stored extension: {ext!r}")
    return f"{sha256[:2]}/{sha256}{ext}"
