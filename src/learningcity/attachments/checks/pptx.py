"""PPTX checks on the package (OPC): the zip's entries, every part inflated while measured, the
content types and every relationship. Nothing is extracted to disk.

The sizes a zip declares are only claims: every part is inflated here, in chunks, counting what
comes out, and refused as soon as it passes its declared size or the limits.
"""

import io
import zipfile
import zlib
from xml.etree import ElementTree as ET

from learningcity.attachments.checks.refusals import refusal
from learningcity.attachments.enums import RefusalCode

MAX_PARTS = 2_000
MAX_UNPACKED = 200 * 1024 * 1024
# Deflate rarely beats 100:1 on real slides; a bomb reaches 1000:1. Small parts are exempt
# because a few kilobytes of repeated XML legitimately compress very well.
MAX_RATIO = 100
RATIO_EXEMPT_BELOW = 1024 * 1024
MAX_XML = 8 * 1024 * 1024  # content types and relationship parts are read whole
REQUIRED = ("[Content_Types].xml", "ppt/presentation.xml")
CHUNK = 256 * 1024
S_IFMT, S_IFLNK = 0o170000, 0o120000
# Headers of programs and OLE compound files (VBA projects, OLE objects, ActiveX binaries).
EXECUTABLE_MAGIC = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"MZ", b"\x7fELF")
# Content types and relationship types of macros, OLE objects, ActiveX and embedded packages.
FORBIDDEN_TYPE_WORDS = (
    "macroenabled",
    "vbaproject",
    "vbadata",
    "activex",
    "oleobject",
    "/package",
    "embeddedpackage",
    "ms-office.vba",
    "msdownload",
    "x-msdos-program",
)
MACRO_TYPE_WORDS = ("macroenabled", "vbaproject", "vbadata", "ms-office.vba")
# The only outside targets kept: links a person clicks on, to the web or to an e-mail address.
HYPERLINK_TYPE = "/hyperlink"
WEB_PREFIXES = ("http://", "https://", "mailto:")
PK_LOCAL = b"PK\x03\x04"


def _unsafe(name: str) -> bool:
    return (
        name.startswith("/")
        or "\\" in name
        or ":" in name  # a drive letter, C:evil
        or ".." in name.split("/")
    )


def _local_data_offset(data: bytes, part: zipfile.ZipInfo) -> int:
    start = part.header_offset
    if data[start : start + 4] != PK_LOCAL:
        raise refusal(RefusalCode.PPTX_BROKEN)
    name_length = int.from_bytes(data[start + 26 : start + 28], "little")
    extra_length = int.from_bytes(data[start + 28 : start + 30], "little")
    return start + 30 + name_length + extra_length


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_UNPACKED


def _inflate(data: bytes, part: zipfile.ZipInfo, budget: _Budget, keep: int) -> bytes:
    """Inflate ``part`` in chunks, measuring; the first ``keep`` bytes are returned."""
    offset = _local_data_offset(data, part)
    raw = memoryview(data)[offset : offset + part.compress_size]
    if len(raw) != part.compress_size:
        raise refusal(RefusalCode.PPTX_BROKEN)
    allowed = min(part.file_size, budget.left)
    if part.file_size >= RATIO_EXEMPT_BELOW:
        allowed = min(allowed, MAX_RATIO * max(part.compress_size, 1))
    kept = bytearray()
    produced = 0
    crc = 0
    if part.compress_type == zipfile.ZIP_STORED:
        pieces = (bytes(raw[i : i + CHUNK]) for i in range(0, len(raw), CHUNK))
        inflater = None
    elif part.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        pieces = (bytes(raw[i : i + CHUNK]) for i in range(0, len(raw), CHUNK))
    else:  # PowerPoint writes only deflate and stored parts
        raise refusal(RefusalCode.PPTX_BROKEN)
    for piece in pieces:
        pending = piece
        while pending:
            try:
                out = (
                    inflater.decompress(pending, allowed + 1 - produced)
                    if inflater is not None
                    else pending
                )
            except zlib.error:
                raise refusal(RefusalCode.PPTX_BROKEN) from None
            pending = inflater.unconsumed_tail if inflater is not None else b""
            produced += len(out)
            # More than it declares (the directory lies), or past the total or the ratio.
            if produced > allowed:
                raise refusal(RefusalCode.PPTX_UNPACKED_TOO_LARGE)
            crc = zlib.crc32(out, crc)
            if len(kept) < keep:
                kept += out[: keep - len(kept)]
            if inflater is not None and inflater.eof:
                break
    if produced != part.file_size or crc != part.CRC:
        raise refusal(RefusalCode.PPTX_BROKEN)
    budget.left -= produced
    return bytes(kept)


def _xml(payload: bytes) -> ET.Element:
    # OPC forbids DTDs (ECMA-376 part 2, 8.1.4): no entity can expand or reach outside.
    if b"<!DOCTYPE" in payload.upper() or b"<!ENTITY" in payload.upper():
        raise refusal(RefusalCode.PPTX_BROKEN)
    try:
        # Safe once DTDs are refused: expat then has no entity to expand and fetches nothing.
        return ET.fromstring(payload)  # noqa: S314
    except ET.ParseError:
        raise refusal(RefusalCode.PPTX_BROKEN) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _check_content_types(payload: bytes) -> None:
    for element in _xml(payload).iter():
        content_type = element.get("ContentType", "").lower()
        if not content_type:
            continue
        if any(word in content_type for word in MACRO_TYPE_WORDS):
            raise refusal(RefusalCode.PPTX_MACROS)
        if any(word in content_type for word in FORBIDDEN_TYPE_WORDS):
            part = element.get("PartName") or element.get("Extension") or content_type
            raise refusal(RefusalCode.PPTX_EMBEDDED_OBJECT, part=part)


def _check_relationships(name: str, payload: bytes) -> None:
    for element in _xml(payload).iter():
        if _local(element.tag) != "Relationship":
            continue
        kind = element.get("Type", "").lower()
        target = element.get("Target", "")
        if any(word in kind for word in MACRO_TYPE_WORDS):
            raise refusal(RefusalCode.PPTX_MACROS)
        if any(word in kind for word in FORBIDDEN_TYPE_WORDS):
            raise refusal(RefusalCode.PPTX_EMBEDDED_OBJECT, part=target[:80] or name)
        if element.get("TargetMode", "").lower() == "external":
            web = target.strip().lower().startswith(WEB_PREFIXES)
            if not (kind.endswith(HYPERLINK_TYPE) and web):
                raise refusal(RefusalCode.PPTX_EXTERNAL_LINK, target=target[:80])


def _check_entries(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise refusal(RefusalCode.PPTX_TOO_MANY_PARTS, limit=f"{MAX_PARTS:,}")
    if any(_unsafe(part.filename) for part in parts):
        raise refusal(RefusalCode.PPTX_UNSAFE_PATH)
    if any((part.external_attr >> 16) & S_IFMT == S_IFLNK for part in parts):
        raise refusal(RefusalCode.PPTX_SYMLINK)
    if any(part.flag_bits & 0x1 for part in parts):  # encrypted entries cannot be checked
        raise refusal(RefusalCode.PPTX_ENCRYPTED)
    if sum(part.file_size for part in parts) > MAX_UNPACKED or any(
        part.file_size >= RATIO_EXEMPT_BELOW
        and part.file_size > MAX_RATIO * max(part.compress_size, 1)
        for part in parts
    ):
        raise refusal(RefusalCode.PPTX_UNPACKED_TOO_LARGE)
    names = {part.filename for part in parts}
    # Two parts of one name: readers disagree on which one counts, so a checked one can hide
    # the other.
    if len(names) != len(parts) or any(name not in names for name in REQUIRED):
        raise refusal(RefusalCode.PPTX_BROKEN)
    if any("vbaproject" in part.filename.lower() for part in parts):
        raise refusal(RefusalCode.PPTX_MACROS)


def check_pptx(data: bytes) -> None:
    """Refuses a package that is no presentation, or holds macros, OLE objects, embedded
    packages, programs, outside links (web hyperlinks excepted), symlinks, encrypted entries,
    unsafe names, or parts that unpack to more than they declare or than the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OverflowError):
        raise refusal(RefusalCode.PPTX_BROKEN) from None
    with archive:
        parts = archive.infolist()
        _check_entries(parts)
        budget = _Budget()
        for part in parts:
            lower = part.filename.lower()
            is_xml = lower == "[content_types].xml" or lower.endswith(".rels")
            if is_xml and part.file_size > MAX_XML:
                raise refusal(RefusalCode.PPTX_BROKEN)
            head = _inflate(data, part, budget, MAX_XML if is_xml else 8)
            if head.startswith(EXECUTABLE_MAGIC):
                if "vba" in lower:
                    raise refusal(RefusalCode.PPTX_MACROS)
                raise refusal(RefusalCode.PPTX_EMBEDDED_OBJECT, part=part.filename[:80])
            if lower == "[content_types].xml":
                _check_content_types(head)
            elif lower.endswith(".rels"):
                _check_relationships(part.filename, head)
