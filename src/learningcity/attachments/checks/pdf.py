"""PDF checks with a real parser (pikepdf, on qpdf): every object is read as a reader would.

qpdf decodes object streams and their filters (Flate, ASCIIHex, ASCII85, LZW, RunLength and
chains of them) and decrypts files with an empty user password, so what a byte search missed
is seen here as keys and values. What is stored is the parser's rewrite, unencrypted: exactly
the objects that were checked, nothing after the end of the document.
"""

import base64
import binascii
import io
import re
import zlib

import pikepdf
from django.utils.translation import gettext as _

from learningcity.attachments.checks.refusals import refusal
from learningcity.attachments.enums import RefusalCode

TAIL = 1024  # readers look for %%EOF in the last kilobyte
# Action types (/S) that run code, open programs or other files, or send or fetch data.
ACTION_FINDINGS = {
    "/JavaScript": "javascript",
    "/Rendition": "javascript",  # a rendition action may carry /JS
    "/Launch": "launch",
    "/GoToR": "other_file",
    "/GoToE": "other_file",
    "/SubmitForm": "submit",
    "/ImportData": "import",
    "/RichMediaExecute": "rich_media",
}
LOCAL_URI_PREFIXES = ("file:", "smb:", "\\\\", "//")
# qpdf inflates object and cross-reference streams whole while parsing: a 500 KB file can hold a
# 500 MB one. They are inflated here first, in chunks, within this budget for the whole file.
MAX_INFLATED = 64 * 1024 * 1024
STREAM = re.compile(rb"(?<!end)stream\r?\n")
FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/<>\[\]()]+)")
DECODED_AT_PARSE = re.compile(
    rb"/(?:O|#4[fF])(?:b|#62)(?:j|#6[aA])(?:S|#53)(?:t|#74)(?:m|#6[dD])"
    rb"|/(?:X|#58)(?:R|#52)(?:e|#65)(?:f|#66)(?![^\x00\s/<>\[\]()%{}])"
)
FILTER_NAMES = {
    b"/FlateDecode": "flate",
    b"/Fl": "flate",
    b"/ASCIIHexDecode": "hex",
    b"/AHx": "hex",
    b"/ASCII85Decode": "a85",
    b"/A85": "a85",
}


def _labels() -> dict[str, str]:
    return {
        "javascript": _("JavaScript"),
        "open_action": _("an action run when the file opens (OpenAction)"),
        "additional_actions": _("actions run on events (AA)"),
        "launch": _("a command that starts a program (Launch)"),
        "other_file": _("a link that opens another file (GoToR/GoToE)"),
        "submit": _("a form that sends data elsewhere (SubmitForm)"),
        "import": _("a form that imports data (ImportData)"),
        "rich_media": _("embedded multimedia (RichMedia)"),
        "xfa": _("an XFA form"),
        "embedded_file": _("an embedded or attached file"),
        "local_link": _("a link to a file or network share (file:, UNC, smb:)"),
    }


def _name(value) -> str | None:
    return str(value) if isinstance(value, pikepdf.Name) else None


def _text(value) -> str:
    try:
        return str(value)
    except (UnicodeDecodeError, ValueError):
        return ""


def _dictionary_findings(dictionary) -> set[str]:
    """What one dictionary (a stream's included) does, judged from its own keys."""
    found = set()
    keys = set(dictionary.keys())
    if keys & {"/JS", "/JavaScript"}:
        found.add("javascript")
    if "/AA" in keys:
        found.add("additional_actions")
    # An /OpenAction that is a destination (an array) only turns to a page; an action runs.
    if "/OpenAction" in keys and not isinstance(dictionary.get("/OpenAction"), pikepdf.Array):
        found.add("open_action")
    if keys & {"/EmbeddedFiles", "/EF", "/EmbeddedFile"}:
        found.add("embedded_file")
    if "/XFA" in keys:
        found.add("xfa")
    if keys & {"/RichMediaContent", "/RichMediaSettings"}:
        found.add("rich_media")
    kind = _name(dictionary.get("/S"))
    if kind in ACTION_FINDINGS:
        found.add(ACTION_FINDINGS[kind])
    if kind == "/URI":
        uri = _text(dictionary.get("/URI", "")).strip().lower()
        if uri.startswith(LOCAL_URI_PREFIXES):
            found.add("local_link")
    for key in ("/Type", "/Subtype"):
        name = _name(dictionary.get(key))
        if name in ("/EmbeddedFile", "/FileAttachment"):
            found.add("embedded_file")
        elif name == "/RichMedia":
            found.add("rich_media")
    return found


def _walk(value, found: set[str], depth: int = 0) -> None:
    """Every direct dictionary inside ``value``; indirect ones are visited on their own."""
    if depth > 100:  # deeper nesting than any honest file; qpdf would also give up
        raise refusal(RefusalCode.PDF_BROKEN)
    if isinstance(value, pikepdf.Stream):
        found |= _dictionary_findings(value.stream_dict)
        children = value.stream_dict.values()
    elif isinstance(value, pikepdf.Dictionary):
        found |= _dictionary_findings(value)
        children = value.values()
    elif isinstance(value, pikepdf.Array):
        children = list(value)
    else:
        return
    for child in children:
        if isinstance(child, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)) and (
            not child.is_indirect
        ):
            _walk(child, found, depth + 1)


def active_content(pdf: pikepdf.Pdf) -> set[str]:
    """The codes of everything in ``pdf`` that acts on its own or reaches outside it."""
    found: set[str] = set()
    _walk(pdf.trailer, found)
    for obj in pdf.objects:
        _walk(obj, found)
    return found


def _inflate(data: bytes, budget: int) -> bytes:
    out = bytearray()
    inflater = zlib.decompressobj()
    pending = data
    try:
        while pending and not inflater.eof:
            out += inflater.decompress(pending, budget + 1 - len(out))
            pending = inflater.unconsumed_tail
            if len(out) > budget:
                raise refusal(RefusalCode.PDF_BROKEN)
    except zlib.error:
        pass  # what could be inflated counts; the parser judges the rest
    return bytes(out)


def _decoded(content: bytes, filters: list[bytes], budget: int) -> bytes:
    for name in filters:
        kind = FILTER_NAMES.get(name)
        if kind == "flate":
            content = _inflate(content, budget)
        elif kind == "hex":  # at most half its size
            digits = re.sub(rb"[^0-9A-Fa-f]", b"", content.split(b">", 1)[0])
            content = binascii.unhexlify(digits + b"0" * (len(digits) % 2))
        elif kind == "a85":  # "z" makes four bytes of one: at most four times its size
            try:
                content = base64.a85decode(content.split(b"~>", 1)[0] + b"~>", adobe=False)
            except ValueError:
                return b""
        else:  # object streams are written with these filters; any other is refused
            raise refusal(RefusalCode.PDF_BROKEN)
        if len(content) > budget:
            raise refusal(RefusalCode.PDF_BROKEN)
    return content


def _check_parse_time_streams(data: bytes) -> None:
    """Refuses a file whose object or cross-reference streams inflate past the budget."""
    budget = MAX_INFLATED
    pos = 0
    while match := STREAM.search(data, pos):
        dictionary = data[max(0, data.rfind(b"obj", pos, match.start())) : match.start()]
        end = data.find(b"endstream", match.end())
        end = len(data) if end < 0 else end
        pos = max(end, match.end())
        if not DECODED_AT_PARSE.search(dictionary):
            continue
        found = FILTER.search(dictionary)
        filters = re.findall(rb"/[^\s/<>\[\]()]+", found.group(1)) if found else []
        budget -= len(_decoded(data[match.end() : end], filters, budget))
        if budget < 0:
            raise refusal(RefusalCode.PDF_BROKEN)


def _open(data: bytes) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(data), password="")
    except pikepdf.PasswordError:
        raise refusal(RefusalCode.PDF_ENCRYPTED) from None
    except (pikepdf.PdfError, ValueError, RuntimeError, OverflowError):
        raise refusal(RefusalCode.PDF_BROKEN) from None


def check_pdf(data: bytes) -> bytes:
    """The PDF rewritten by the parser, or a refusal naming what it would run or reach.

    Refuses a file cut short, one protected by a password, and one holding JavaScript,
    automatic or event actions, launches, links to other files or shares, forms that send or
    import data, XFA, multimedia or embedded files.
    """
    if b"%%EOF" not in data[-TAIL:]:
        raise refusal(RefusalCode.PDF_BROKEN)
    _check_parse_time_streams(data)
    pdf = _open(data)
    with pdf:
        try:
            found = active_content(pdf)
        except (pikepdf.PdfError, RuntimeError, ValueError, RecursionError):
            raise refusal(RefusalCode.PDF_BROKEN) from None
        if found:
            labels = _labels()
            raise refusal(
                RefusalCode.PDF_ACTIVE_CONTENT,
                found=", ".join(labels[code] for code in sorted(found)),
            )
        out = io.BytesIO()
        try:
            # No encryption: the stored file opens without a password for judges; the ID is
            # derived from the content so that the same upload is stored under the same hash.
            # Streams are copied as they are (no decoding): nothing is inflated while writing.
            pdf.save(
                out,
                encryption=False,
                deterministic_id=True,
                fix_metadata_version=False,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
            )
        except (pikepdf.PdfError, RuntimeError, ValueError):
            raise refusal(RefusalCode.PDF_BROKEN) from None
    return out.getvalue()
