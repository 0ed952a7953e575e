"""PPTX checks, all from the zip's central directory: nothing is extracted to disk."""

import io
import zipfile

from learningcity.attachments.checks.refusals import refusal
from learningcity.attachments.enums import RefusalCode

MAX_PARTS = 2_000
MAX_UNPACKED = 200 * 1024 * 1024
# Deflate rarely beats 100:1 on real slides; a bomb reaches 1000:1. Small parts are exempt
# because a few kilobytes of repeated XML legitimately compress very well.
MAX_RATIO = 100
RATIO_EXEMPT_BELOW = 1024 * 1024
MAX_CONTENT_TYPES = 1024 * 1024
REQUIRED = ("[Content_Types].xml", "ppt/presentation.xml")


def _unsafe(name: str) -> bool:
    return (
        name.startswith("/")
        or "\\" in name
        or ":" in name  # a drive letter, C:evil
        or ".." in name.split("/")
    )


def check_pptx(data: bytes) -> None:
    """Refuses a zip that is no presentation, holds macros, unsafe names or a decompression bomb.

    The sizes are those the central directory declares; whoever later reads a part must still
    read it with a limit, since a forged directory can understate them.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise refusal(RefusalCode.PPTX_BROKEN) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise refusal(RefusalCode.PPTX_TOO_MANY_PARTS, limit=f"{MAX_PARTS:,}")
        if any(_unsafe(part.filename) for part in parts):
            raise refusal(RefusalCode.PPTX_UNSAFE_PATH)
        if sum(part.file_size for part in parts) > MAX_UNPACKED or any(
            part.file_size >= RATIO_EXEMPT_BELOW
            and part.file_size > MAX_RATIO * max(part.compress_size, 1)
            for part in parts
        ):
            raise refusal(RefusalCode.PPTX_UNPACKED_TOO_LARGE)
        if any(part.flag_bits & 0x1 for part in parts):  # encrypted parts cannot be checked
            raise refusal(RefusalCode.PPTX_BROKEN)
        by_name = {part.filename: part for part in parts}
        # Two parts of one name: readers disagree on which one counts, so a checked one can hide
        # the other.
        if len(by_name) != len(parts) or any(name not in by_name for name in REQUIRED):
            raise refusal(RefusalCode.PPTX_BROKEN)
        if any(part.filename.lower().endswith("vbaproject.bin") for part in parts):
            raise refusal(RefusalCode.PPTX_MACROS)
        content_types = by_name["[Content_Types].xml"]
        if content_types.file_size > MAX_CONTENT_TYPES:
            raise refusal(RefusalCode.PPTX_BROKEN)
        try:
            with archive.open(content_types) as handle:
                declared = handle.read(MAX_CONTENT_TYPES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            raise refusal(RefusalCode.PPTX_BROKEN) from None
        # A .pptm declares its main part as ...presentation.macroEnabled.main+xml.
        if b"macroenabled" in declared.lower():
            raise refusal(RefusalCode.PPTX_MACROS)
