"""The chunk structure of a PNG file, read without decompressing any pixels."""

import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Text and EXIF chunks: where cameras and phones put GPS positions, and where a polyglot hides.
METADATA_CHUNKS = frozenset({b"eXIf", b"tEXt", b"iTXt", b"zTXt"})
# An animated PNG's control chunks and further frames: without them the file is its still image.
ANIMATION_CHUNKS = frozenset({b"acTL", b"fcTL", b"fdAT"})


class MalformedPng(ValueError):
    """The bytes are not a whole PNG: a chunk is cut short, out of place or corrupted."""


@dataclass(frozen=True)
class Chunk:
    type: bytes
    start: int  # offset of the length field
    end: int  # offset just after the CRC


@dataclass(frozen=True)
class PngLayout:
    chunks: list[Chunk]
    width: int
    height: int
    end: int  # offset just after IEND; bytes beyond it are not part of the image


def walk(data: bytes) -> PngLayout:
    """The chunks of ``data`` from IHDR to IEND, CRCs checked; raises ``MalformedPng``."""
    if not data.startswith(SIGNATURE):
        raise MalformedPng("no PNG signature")
    size = len(data)
    chunks: list[Chunk] = []
    pos = len(SIGNATURE)
    while True:
        if pos + 12 > size:
            raise MalformedPng("the file ends before IEND")
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > size:
            raise MalformedPng("a chunk is cut short")
        crc = int.from_bytes(data[end - 4 : end], "big")
        if zlib.crc32(data[pos + 4 : end - 4]) != crc:
            raise MalformedPng(f"the CRC of a {kind!r} chunk is wrong")
        if not chunks and (kind != b"IHDR" or length != 13):
            raise MalformedPng("the first chunk is not IHDR")
        chunks.append(Chunk(kind, pos, end))
        pos = end
        if kind == b"IEND":
            header = data[len(SIGNATURE) + 8 : len(SIGNATURE) + 16]
            width = int.from_bytes(header[:4], "big")
            height = int.from_bytes(header[4:], "big")
            if not width or not height:
                raise MalformedPng("the image has no pixels")
            return PngLayout(chunks, width, height, pos)
