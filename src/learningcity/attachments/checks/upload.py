"""``inspect_upload``: what an uploaded file really is, or why it is refused."""

import hashlib
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import BinaryIO

from learningcity.attachments.checks.images import check_jpeg, check_png
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
}
STORED_EXTENSIONS = {
    FileKind.JPEG: ".jpg",
    FileKind.PNG: ".png",
    FileKind.PDF: ".pdf",
    FileKind.PPTX: ".pptx",
}
NAME_EXTENSIONS = {
    ".jpg": FileKind.JPEG,
    ".jpeg": FileKind.JPEG,
    ".jpe": FileKind.JPEG,
    ".jfif": FileKind.JPEG,
    ".png": FileKind.PNG,
    ".pdf": FileKind.PDF,
    ".pptx": FileKind.PPTX,
}
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


def _read_at_most(stream: BinaryIO, max_bytes: int) -> bytes:
    """All of ``stream``, refusing it as soon as it passes ``max_bytes``."""
    declared = _declared_size(stream)
    if declared is not None and declared > max_bytes:
        raise refusal(RefusalCode.TOO_LARGE, limit=megabytes(max_bytes))
    chunks = []
    total = 0
    while chunk := stream.read(min(READ_CHUNK, max_bytes + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise refusal(RefusalCode.TOO_LARGE, limit=megabytes(max_bytes))
    return b"".join(chunks)


def _check_kind(kind: FileKind | None, declared_name: str, accepted: Collection[str]) -> FileKind:
    extension = os.path.splitext(declared_name)[1].lower()
    named = NAME_EXTENSIONS.get(extension)
    if kind is None:
        if named is not None:
            raise refusal(RefusalCode.TYPE_MISMATCH, extension=extension)
        raise refusal(RefusalCode.UNKNOWN_TYPE, types=kind_list(accepted))
    # A name without an extension claims nothing; one with another extension lies.
    if extension and named != kind:
        raise refusal(RefusalCode.TYPE_MISMATCH, extension=extension)
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
) -> Inspection:
    """What ``stream`` really is, judged from its bytes; raises ``UploadRefused`` otherwise.

    ``declared_name`` is only compared with the content, never trusted. ``width`` and
    ``height`` are the size a photo must have; an image of another size, or one that its EXIF
    orientation turns, is accepted with ``needs_conversion`` set.
    """
    data = _read_at_most(stream, max_bytes)
    if not data:
        raise refusal(RefusalCode.EMPTY)
    kind = _check_kind(sniff(data[:8]), declared_name, accepted_types)
    # Before any decoding: an image that also holds a web page is refused, not cleaned.
    if kind in (FileKind.JPEG, FileKind.PNG) and MARKUP.search(data):
        raise refusal(RefusalCode.TYPE_MISMATCH, extension=STORED_EXTENSIONS[kind])
    facts = None
    if kind == FileKind.JPEG:
        facts = check_jpeg(data)
    elif kind == FileKind.PNG:
        facts = check_png(data)
    elif kind == FileKind.PDF:
        check_pdf(data)
    else:
        check_pptx(data)
    content = data if facts is None else data[: facts.end]
    needs_conversion = facts is not None and (
        facts.rotated
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
        trailing_bytes=len(data) - len(content),
        needs_conversion=needs_conversion,
    )
