"""The segment structure of a JPEG file, read without decoding any pixels.

Used to find where the image really ends (anything after EOI is not part of it), to read its
size before Pillow allocates anything, and to drop metadata segments without re-encoding.
"""

import re
from dataclasses import dataclass

SOI = 0xD8
EOI = 0xD9
SOS = 0xDA
APP0 = 0xE0
APP1 = 0xE1
APP2 = 0xE2
APP13 = 0xED
APP14 = 0xEE
COM = 0xFE
# Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers without a length field.
STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})


class MalformedJpeg(ValueError):
    """The bytes are not a whole JPEG: a marker is missing, cut short or out of place."""


@dataclass(frozen=True)
class Segment:
    marker: int
    start: int  # offset of the 0xFF that opens the marker
    end: int  # offset just after the segment; for SOS, after its entropy-coded data

    def payload(self, data: bytes) -> bytes:
        return data[self.start + 4 : self.end]


@dataclass(frozen=True)
class JpegLayout:
    segments: list[Segment]
    width: int
    height: int
    end: int  # offset just after EOI; bytes beyond it are not part of the image


# In entropy-coded data a 0xFF is followed by 0x00 (a stuffed byte), a restart marker
# (0xD0–0xD7) or another 0xFF (fill); any other byte after it is a real marker. One search in
# C instead of a Python loop over every 0xFF (a noisy phone photo has thousands).
_MARKER_AFTER_SCAN = re.compile(rb"\xff(?=[^\x00\xd0-\xd7\xff])")


def _end_of_scan(data: bytes, pos: int) -> int:
    """Offset of the first real marker after entropy-coded data starting at ``pos``."""
    found = _MARKER_AFTER_SCAN.search(data, pos)
    if found is None:
        raise MalformedJpeg("the scan data is cut short")
    return found.start()


def walk(data: bytes) -> JpegLayout:
    """The segments of ``data`` from SOI to EOI; raises ``MalformedJpeg`` if it is not whole."""
    if not data.startswith(b"\xff\xd8"):
        raise MalformedJpeg("no SOI marker")
    size = len(data)
    segments = [Segment(SOI, 0, 2)]
    width = height = 0
    pos = 2
    while True:
        if pos + 1 >= size:
            raise MalformedJpeg("the file ends before EOI")
        if data[pos] != 0xFF:
            raise MalformedJpeg(f"expected a marker at offset {pos}")
        while pos + 1 < size and data[pos + 1] == 0xFF:
            pos += 1
        if pos + 1 >= size:
            raise MalformedJpeg("the file ends before EOI")
        marker = data[pos + 1]
        if marker == EOI:
            segments.append(Segment(EOI, pos, pos + 2))
            if not width or not height:
                raise MalformedJpeg("no frame header before EOI")
            return JpegLayout(segments, width, height, pos + 2)
        if marker in STANDALONE:
            segments.append(Segment(marker, pos, pos + 2))
            pos += 2
            continue
        if pos + 4 > size:
            raise MalformedJpeg("a segment header is cut short")
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > size:
            raise MalformedJpeg("a segment is cut short")
        if marker in SOF_MARKERS:
            if length < 8:
                raise MalformedJpeg("the frame header is cut short")
            height = int.from_bytes(data[pos + 5 : pos + 7], "big")
            width = int.from_bytes(data[pos + 7 : pos + 9], "big")
        elif marker == SOS:
            if not width or not height:
                raise MalformedJpeg("scan data before a frame header")
            end = _end_of_scan(data, end)
        segments.append(Segment(marker, pos, end))
        pos = end


def is_metadata(segment: Segment, data: bytes) -> bool:
    """Whether a segment only carries metadata that the picture does not need.

    Kept: APP0 (JFIF), APP2 ICC profiles (colours) and APP14 (Adobe, tells how to convert
    CMYK/YCCK). Dropped: APP1 (EXIF with GPS, XMP), APP13 (Photoshop/IPTC), comments and every
    other application segment, including APP2 multi-picture indexes that point past EOI.
    """
    marker = segment.marker
    if marker == COM:
        return True
    if not APP0 <= marker <= 0xEF or marker in (APP0, APP14):
        return False
    if marker == APP2:
        return not segment.payload(data).startswith(b"ICC_PROFILE\x00")
    return True
