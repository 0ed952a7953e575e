"""``inspect_upload``: what an uploaded file really is, or why it is refused."""

import hashlib
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import BinaryIO

from learningcity.attachments.checks.images import (
    check_heif,
    check_jpeg,
    check_png,
    check_webp,
    is_heif,
)
from learningcity.attachments.checks.pdf import check_pdf
from learningcity.attachments.checks.pptx import check_pptx
from learningcity.attachments.checks.refusals import kind_list, megabytes, refusal
from learningcity.attachments.enums import FileKind, RefusalCode
from learningcity.attachments.png import SIGNATURE as PNG_SIGNATURE

CONTENT_TYPES = {
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
    FileKind.PDF: "application/pdf",
    FileKind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    FileKind.HEIF: "image/heic",
    FileKind.WEBP: "image/webp",
}
STORED_EXTENSIONS = {
    FileKind.JPEG: ".jpg",
    FileKind.PNG: ".png",
    FileKind.PDF: ".pdf",
    FileKind.PPTX: ".pptx",
    FileKind.HEIF: ".heic",  # never stored: converted to JPEG first
    FileKind.WEBP: ".webp",
}
NAME_EXTENSIONS = {
    ".jpg": FileKind.JPEG,
    ".jpeg": FileKind.JPEG,
    ".jpe": FileKind.JPEG,
    ".jfif": FileKind.JPEG,
    ".png": FileKind.PNG,
    ".pdf": FileKind.PDF,
    ".pptx": FileKind.PPTX,
    ".heic": FileKind.HEIF,
    ".heif": FileKind.HEIF,
    ".hif": FileKind.HEIF,
    ".webp": FileKind.WEBP,
}
# Phones' formats, taken wherever JPEG is (they are always converted to JPEG). Apps and
# transfers often rename them ".jpg": the bytes decide, so the name is not held against them.
PHONE_KINDS = (FileKind.HEIF, FileKind.WEBP)
IMAGE_KINDS = (FileKind.JPEG, FileKind.PNG, *PHONE_KINDS)
READ_CHUNK = 1024 * 1024
# What makes an image also a web page or a script (a polyglot), wherever it hides: after the
# image's end, in a text chunk or a comment. Seven bytes of random compressed data spell one of
# these about once in 10^16 bytes, so honest photos are never refused for it.
MARKUP = re.compile(
    rb"<(?:script|html|svg|iframe|object|embed|body|!doctype|\?php)[\s>/]", re.IGNORECASE
)


@dataclass(frozen=True)
class Inspection:
    """An accepted upload: its real kind and the exact bytes to store.

    ``content`` is the file without whatever followed the end of an image (``trailing_bytes``
    of it were dropped); ``size`` and ``sha256`` describe ``content``.
    """

    kind: FileKind
    content_type: str
    extension: str
    size: int
    sha256: str
    content: bytes
    width: int | None = None
    height: int | None = None
    rotated: bool = False
    trailing_bytes: int = 0
    needs_conversion: bool = False


def sniff(head: bytes) -> FileKind | None:
    """The kind the leading bytes announce, whatever the file is called."""
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(PNG_SIGNATURE):
        return FileKind.PNG
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"PK\x03\x04"):
        return FileKind.PPTX
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind.WEBP
    if is_heif(head):
        return FileKind.HEIF
    return None


def _declared_size(stream: BinaryIO) -> int | None:
    """The size of ``stream`` without reading it, if it can tell."""
    size = getattr(stream, "size", None)  # Django's UploadedFile
    if isinstance(size, int):
        return size
    try:
        here = stream.tell()
        end = stream.seek(0, os.SEEK_END)
        stream.seek(here)
    except (AttributeError, OSError, ValueError):
        return None
    return end - here


def _too_large(max_bytes: int, stored_max_bytes: int | None):
    if stored_max_bytes is not None:
        return refusal(
            RefusalCode.PHOTO_UPLOAD_TOO_LARGE,
            limit=megabytes(max_bytes),
            stored=megabytes(stored_max_bytes),
        )
    return refusal(RefusalCode.TOO_LARGE, limit=megabytes(max_bytes))


def _read_at_most(stream: BinaryIO, max_bytes: int, stored_max_bytes: int | None) -> bytes:
    """All of ``stream``, refusing it as soon as it passes ``max_bytes``."""
    declared = _declared_size(stream)
    if declared is not None and declared > max_bytes:
        raise _too_large(max_bytes, stored_max_bytes)
    chunks = []
    total = 0
    while chunk := stream.read(min(READ_CHUNK, max_bytes + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise _too_large(max_bytes, stored_max_bytes)
    return b"".join(chunks)


def _check_kind(kind: FileKind | None, declared_name: str, accepted: Collection[str]) -> FileKind:
    extension = os.path.splitext(declared_name)[1].lower()
    named = NAME_EXTENSIONS.get(extension)
    if kind is None:
        if named is not None:
            raise refusal(RefusalCode.TYPE_MISMATCH, extension=extension)
        raise refusal(RefusalCode.UNKNOWN_TYPE, types=kind_list(accepted))
    # A name without an extension claims nothing; one with another extension lies, except a
    # phone's photo called .jpg, which is converted to a real JPEG anyway.
    renamed_photo = kind in PHONE_KINDS and named == FileKind.JPEG
    if extension and named != kind and not renamed_photo:
        raise refusal(RefusalCode.TYPE_MISMATCH, extension=extension)
    if kind in PHONE_KINDS and FileKind.JPEG in accepted:
        return kind
    if kind not in accepted:
        raise refusal(RefusalCode.TYPE_NOT_ACCEPTED, kind=kind.label, types=kind_list(accepted))
    return kind


def inspect_upload(
    stream: BinaryIO,
    declared_name: str,
    *,
    accepted_types: Collection[str],
    max_bytes: int,
    width: int | None = None,
    height: int | None = None,
    stored_max_bytes: int | None = None,
) -> Inspection:
    """What ``stream`` really is, judged from its bytes; raises ``UploadRefused`` otherwise.

    ``declared_name`` is only compared with the content, never trusted. ``width`` and
    ``height`` are the size a photo must have; an image of another size, or one that its EXIF
    orientation turns, is accepted with ``needs_conversion`` set; so is every HEIF or WebP.
    ``stored_max_bytes`` is given for photos, which may be uploaded larger than they are kept.
    A PDF's ``content`` is the parser's rewrite of it.
    """
    data = _read_at_most(stream, max_bytes, stored_max_bytes)
    if not data:
        raise refusal(RefusalCode.EMPTY)
    kind = _check_kind(sniff(data[:16]), declared_name, accepted_types)
    # Before any decoding: an image that also holds a web page is refused, not cleaned.
    if kind in IMAGE_KINDS and MARKUP.search(data):
        raise refusal(RefusalCode.TYPE_MISMATCH, extension=STORED_EXTENSIONS[kind])
    facts = None
    content = data
    if kind == FileKind.JPEG:
        facts = check_jpeg(data)
    elif kind == FileKind.PNG:
        facts = check_png(data)
    elif kind == FileKind.HEIF:
        facts = check_heif(data)
    elif kind == FileKind.WEBP:
        facts = check_webp(data)
    elif kind == FileKind.PDF:
        content = check_pdf(data)
    else:
        check_pptx(data)
    if facts is not None:
        content = data[: facts.end]
    needs_conversion = facts is not None and (
        kind in PHONE_KINDS
        or facts.rotated
        or (width is not None and facts.width != width)
        or (height is not None and facts.height != height)
    )
    return Inspection(
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        extension=STORED_EXTENSIONS[kind],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        width=facts and facts.width,
        height=facts and facts.height,
        rotated=facts is not None and facts.rotated,
        trailing_bytes=max(len(data) - len(content), 0) if facts is not None else 0,
        needs_conversion=needs_conversion,
    )
