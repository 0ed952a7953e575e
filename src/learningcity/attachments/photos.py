"""Photos end up JPEG or PNG, exactly the edition's size, under its byte limit, without metadata.

A photo that already conforms only loses its metadata, segment by segment, without being
re-encoded: that is lossless and takes about a millisecond. Anything else is converted.
"""

import io
from typing import BinaryIO, Literal

from PIL import Image, ImageOps

from learningcity.attachments import jpeg, png
from learningcity.attachments.checks.images import MAX_PIXELS, decoding
from learningcity.attachments.checks.refusals import megabytes, refusal
from learningcity.attachments.checks.upload import Inspection
from learningcity.attachments.enums import FileKind, RefusalCode

QUALITIES = (85, 80, 75, 70, 65, 60, 50, 40)
# What a photo may be decoded from: phones' HEIC and WebP are converted like any other.
PHOTO_FORMATS = ["JPEG", "PNG", "HEIF", "WEBP"]
BORDER = (255, 255, 255)


def conforms(inspection: Inspection, width: int, height: int, max_bytes: int) -> bool:
    """Whether a photo can be kept as it is (after ``strip_metadata_losslessly``)."""
    return (
        inspection.kind in (FileKind.JPEG, FileKind.PNG)
        and (inspection.width, inspection.height) == (width, height)
        and inspection.size <= max_bytes
        # Stripping EXIF drops the orientation too, so a turned photo must be converted.
        and not inspection.rotated
    )


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and black would show where it was."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, BORDER)
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def convert_photo(
    stream: BinaryIO,
    *,
    width: int,
    height: int,
    mode: Literal["fit", "crop"] = "fit",
    max_bytes: int,
) -> bytes:
    """A JPEG of exactly ``width`` × ``height``, upright, without metadata, ≤ ``max_bytes``.

    "fit" shows the whole photo and fills the rest with white; "crop" fills the frame and
    cuts the middle out. The stream should have passed ``inspect_upload`` first.
    """
    with decoding(width, height):
        image = Image.open(stream, formats=PHOTO_FORMATS)
        if image.width * image.height > MAX_PIXELS:
            raise Image.DecompressionBombError
        orientation = image.getexif().get(0x0112, 1)
        # Decoding a big JPEG at a reduced scale is much faster; keep at least the target size
        # in both directions, measured before the photo is turned upright.
        target = (height, width) if orientation in (5, 6, 7, 8) else (width, height)
        image.draft("RGB", target)
        image = ImageOps.exif_transpose(image)
        image = _flatten(image)
    icc_profile = image.info.get("icc_profile")
    if mode == "crop":
        image = ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS)
    else:
        image = ImageOps.pad(image, (width, height), Image.Resampling.LANCZOS, color=BORDER)
    return _save_jpeg(image, max_bytes, icc_profile)


def _save_jpeg(image: Image.Image, max_bytes: int, icc_profile=None) -> bytes:
    for quality in QUALITIES:
        out = io.BytesIO()
        # No exif= argument: no EXIF, GPS or thumbnail is written. The ICC profile is kept
        # because it only says what the colours mean.
        image.save(out, "JPEG", quality=quality, optimize=True, icc_profile=icc_profile)
        if out.tell() <= max_bytes:
            return out.getvalue()
    raise refusal(RefusalCode.PHOTO_TOO_LARGE, limit=megabytes(max_bytes))


def to_jpeg(data: bytes, *, max_bytes: int) -> bytes:
    """The picture as an upright JPEG of its own size, without metadata, ≤ ``max_bytes``.

    For images kept at their size that are not stored as they came (a HEIC map, a photo of the
    signed page).
    """
    with decoding(MAX_PIXELS, 1):
        image = Image.open(io.BytesIO(data), formats=PHOTO_FORMATS)
        if image.width * image.height > MAX_PIXELS:
            raise Image.DecompressionBombError
        image = _flatten(ImageOps.exif_transpose(image))
    return _save_jpeg(image, max_bytes, image.info.get("icc_profile"))


def _strip_jpeg(data: bytes) -> bytes:
    layout = jpeg.walk(data)
    return b"".join(
        data[segment.start : segment.end]
        for segment in layout.segments
        if not jpeg.is_metadata(segment, data)
    )


def _strip_png(data: bytes) -> bytes:
    layout = png.walk(data)
    return png.SIGNATURE + b"".join(
        data[chunk.start : chunk.end]
        for chunk in layout.chunks
        if chunk.type not in png.METADATA_CHUNKS and chunk.type not in png.ANIMATION_CHUNKS
    )


def strip_metadata_losslessly(data: bytes) -> bytes:
    """The same picture without EXIF/GPS, XMP, IPTC, comments, text, further animation frames
    or trailing bytes.

    The compressed pixels are copied byte for byte; nothing is decoded or re-encoded. Raises
    ``ValueError`` for anything that is not a whole JPEG or PNG.
    """
    if data.startswith(png.SIGNATURE):
        return _strip_png(data)
    return _strip_jpeg(data)
