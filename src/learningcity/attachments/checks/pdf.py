"""PDF checks: a header and an end, and none of the names that make a PDF act on its own.

The names are searched in the raw bytes, inside streams too, plus inside compressed object
streams (where a PDF 1.5+ file may put any dictionary), decompressed with a ceiling.
"""

import re
import zlib

from learningcity.attachments.checks.refusals import refusal
from learningcity.attachments.enums import RefusalCode

# Scripts, actions run on opening or on events, programs to launch, attached files, Flash/video.
LONG_NAMES = ("JavaScript", "OpenAction", "Launch", "EmbeddedFiles", "EmbeddedFile", "RichMedia")
# Three bytes long: random compressed data spells "/JS" or "/AA" before a delimiter about once
# in 280 MB, so inside binary streams they would refuse honest photo-heavy PDFs. They are
# searched outside streams and inside object streams, the only places a reader takes keys from;
# an /AA or /JS that runs a script also needs /JavaScript or /Launch, searched everywhere.
SHORT_NAMES = ("JS", "AA")
# How much decompressed object-stream data one PDF may make us hold.
MAX_INFLATED = 64 * 1024 * 1024
TAIL = 1024  # readers look for %%EOF in the last kilobyte


def _spelled(name: str) -> bytes:
    """A pattern for ``name`` where any character may be written as a #xx hex escape."""
    parts = []
    for char in name:
        high, low = f"{ord(char):02x}"
        parts.append(f"(?:{re.escape(char)}|#[{high}{high.upper()}][{low}{low.upper()}])")
    return "".join(parts).encode()


def _names(names: tuple[str, ...]) -> re.Pattern[bytes]:
    # A name ends at whitespace (NUL included), a delimiter or the end: /JSON is not /JS.
    spelled = b"|".join(_spelled(name) for name in names)
    return re.compile(rb"/(?:" + spelled + rb")(?![^\x00\s/<>\[\]()%{}])")


LONG = _names(LONG_NAMES)
ANY_ACTIVE = _names(LONG_NAMES + SHORT_NAMES)
OBJECT_STREAM = re.compile(rb"/" + _spelled("ObjStm"))
STREAM = re.compile(rb"(?<!end)stream\r?\n")


def _split(data: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """The bytes outside streams, and each stream as (its dictionary, its raw content)."""
    outside = []
    streams = []
    pos = 0
    while match := STREAM.search(data, pos):
        end = data.find(b"endstream", match.end())
        if end < 0:
            raise refusal(RefusalCode.PDF_BROKEN)
        outside.append(data[pos : match.start()])
        dictionary_start = data.rfind(b"obj", pos, match.start())
        streams.append((data[max(dictionary_start, pos) : match.start()], data[match.end() : end]))
        pos = end
    outside.append(data[pos:])
    return b"".join(outside), streams


def _object_streams(streams: list[tuple[bytes, bytes]]) -> bytes:
    """The decompressed content of every Flate object stream, joined."""
    inflated = []
    budget = MAX_INFLATED
    for dictionary, content in streams:
        if not OBJECT_STREAM.search(dictionary):
            continue
        try:
            chunk = zlib.decompressobj().decompress(content, budget + 1)
        except zlib.error:
            continue  # not Flate, or broken: a reader cannot read it either
        budget -= len(chunk)
        if budget < 0:
            raise refusal(RefusalCode.PDF_BROKEN)
        inflated.append(chunk)
    return b"\n".join(inflated)


def check_pdf(data: bytes) -> None:
    """Refuses a PDF that is cut short or that can run scripts, actions or embedded files."""
    if b"%%EOF" not in data[-TAIL:]:
        raise refusal(RefusalCode.PDF_BROKEN)
    if LONG.search(data):
        raise refusal(RefusalCode.PDF_ACTIVE_CONTENT)
    outside, streams = _split(data)
    if ANY_ACTIVE.search(outside) or ANY_ACTIVE.search(_object_streams(streams)):
        raise refusal(RefusalCode.PDF_ACTIVE_CONTENT)
