"""JPEG and PNG checks: the size from the header first, then a cheap proof the data is whole."""

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pillow_heif
from PIL import Image

from learningcity.attachments import jpeg, png
from learningcity.attachments.checks.refusals import refusal
from learningcity.attachments.enums import RefusalCode

# A 40-megapixel limit is above any phone or consumer camera and far below what would let one
# upload exhaust the server's memory once decoded (40 MP × 4 bytes = 160 MB).
MAX_PIXELS = 40_000_000
# A long thin image passes the pixel limit but is no photo and breaks layouts and thumbnails.
MAX_SIDE = 20_000
EXIF_ORIENTATION = 0x0112
# ISO base media "ftyp" brands of HEIF still images (iPhones write heic; others mif1, heix).
HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
)

# Lets Pillow open HEIC/HEIF; every Image.open here still names the formats it accepts.
pillow_heif.register_heif_opener()


def is_heif(head: bytes) -> bool:
    """Whether the leading bytes (at least 12) are those of a HEIF/HEIC image."""
    return head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS


@dataclass(frozen=True)
class ImageFacts:
    width: int
    height: int
    end: int  # offset just after the image's last marker or chunk
    rotated: bool  # an EXIF orientation other than "normal": shown differently from stored


def _check_dimensions(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise refusal(
            RefusalCode.IMAGE_TOO_MANY_PIXELS,
            width=width,
            height=height,
            megapixels=MAX_PIXELS // 1_000_000,
        )
    if max(width, height) > MAX_SIDE:
        raise refusal(
            RefusalCode.IMAGE_SIDE_TOO_LONG, width=width, height=height, max_side=MAX_SIDE
        )


@contextmanager
def decoding(width: int, height: int) -> Iterator[None]:
    """Pillow's decompression-bomb guard and decoding errors, turned into refusals.

    Our own header check runs first with a lower limit, so Pillow's guard is a second line.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refusal(
            RefusalCode.IMAGE_TOO_MANY_PIXELS,
            width=width,
            height=height,
            megapixels=MAX_PIXELS // 1_000_000,
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, Image.UnidentifiedImageError):
        raise refusal(RefusalCode.IMAGE_BROKEN) from None


def check_jpeg(data: bytes) -> ImageFacts:
    """Refuses a JPEG that is cut short, oversized or undecodable; never decodes at full size."""
    try:
        layout = jpeg.walk(data)
    except jpeg.MalformedJpeg:
        raise refusal(RefusalCode.IMAGE_BROKEN) from None
    _check_dimensions(layout.width, layout.height)
    with decoding(layout.width, layout.height):
        image = Image.open(io.BytesIO(data[: layout.end]), formats=["JPEG"])
        # An eighth-scale decode still reads every entropy-coded byte, so a damaged scan
        # fails here, at a fraction of the cost of a full decode.
        image.draft("RGB", (max(1, layout.width // 8), max(1, layout.height // 8)))
        image.load()
        orientation = image.getexif().get(EXIF_ORIENTATION, 1)
    return ImageFacts(layout.width, layout.height, layout.end, orientation not in (1, None))


def check_png(data: bytes) -> ImageFacts:
    """Refuses a PNG that is cut short, corrupted, oversized or undecodable."""
    try:
        layout = png.walk(data)
    except png.MalformedPng:
        raise refusal(RefusalCode.IMAGE_BROKEN) from None
    _check_dimensions(layout.width, layout.height)
    whole = data[: layout.end]
    with decoding(layout.width, layout.height):
        Image.open(io.BytesIO(whole), formats=["PNG"]).verify()
        # verify() only reads chunks; the pixels must decompress too.
        image = Image.open(io.BytesIO(whole), formats=["PNG"])
        image.load()
        orientation = image.getexif().get(EXIF_ORIENTATION, 1)
    return ImageFacts(layout.width, layout.height, layout.end, orientation not in (1, None))


def _check_lazily_opened(data: bytes, formats: list[str]) -> ImageFacts:
    """Size from the container header first (Pillow reads no pixels on open), then a decode."""
    try:
        image = Image.open(io.BytesIO(data), formats=formats)
        width, height = image.size
    except (OSError, SyntaxError, ValueError, EOFError, Image.UnidentifiedImageError):
        raise refusal(RefusalCode.IMAGE_BROKEN) from None
    _check_dimensions(width, height)
    with decoding(width, height):
        image.load()  # the first frame of an animation, the primary image of a HEIF
    return ImageFacts(width, height, len(data), rotated=False)


def check_heif(data: bytes) -> ImageFacts:
    """Refuses a HEIC/HEIF that is oversized or undecodable; it is converted, never kept."""
    return _check_lazily_opened(data, ["HEIF"])


def check_webp(data: bytes) -> ImageFacts:
    """Refuses a WebP that is oversized or undecodable; it is converted, never kept."""
    return _check_lazily_opened(data, ["WEBP"])
