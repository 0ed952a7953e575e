"""Builds every test file from scratch: good photos, documents, and broken or hostile ones."""

import io
import warnings
import zipfile
import zlib

from PIL import Image

from learningcity.attachments import jpeg
from learningcity.demo.submitted import minimal_pdf


def photo(size=(1920, 1080), *, noise=False) -> Image.Image:
    """A gradient, plus noise when the file must compress like a real photo."""
    base = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize(size),
            Image.linear_gradient("L").rotate(90).resize(size),
            Image.new("L", size, 128),
        ),
    )
    if noise:
        grain = Image.effect_noise(size, 40).convert("RGB")
        base = Image.blend(base, grain, 0.5)
    return base


def jpeg_bytes(size=(1920, 1080), *, exif: Image.Exif | None = None, image=None, **params) -> bytes:
    out = io.BytesIO()
    if exif is not None:
        params["exif"] = exif.tobytes()
    (image or photo(size)).save(out, "JPEG", quality=85, **params)
    return out.getvalue()


def png_bytes(size=(1920, 1080), *, image=None, **params) -> bytes:
    out = io.BytesIO()
    (image or photo(size)).save(out, "PNG", **params)
    return out.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (19.0, 10.0, 5.0), 3: "E", 4: (99.0, 53.0, 40.0)})
    return exif


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        len(payload).to_bytes(4, "big")
        + kind
        + payload
        + zlib.crc32(kind + payload).to_bytes(4, "big")
    )


def png_with_size(width: int, height: int) -> bytes:
    """A tiny PNG whose IHDR claims ``width`` × ``height``; the CRC is fixed so it looks valid."""
    data = bytearray(png_bytes((8, 8)))
    data[16:20] = width.to_bytes(4, "big")
    data[20:24] = height.to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return bytes(data)


def jpeg_with_size(width: int, height: int) -> bytes:
    """A tiny JPEG whose SOF0 frame header claims ``width`` × ``height``."""
    data = bytearray(jpeg_bytes((16, 16)))
    frame = next(s for s in jpeg.walk(bytes(data)).segments if s.marker in jpeg.SOF_MARKERS)
    data[frame.start + 5 : frame.start + 7] = height.to_bytes(2, "big")
    data[frame.start + 7 : frame.start + 9] = width.to_bytes(2, "big")
    return bytes(data)


def png_bad_crc() -> bytes:
    data = bytearray(png_bytes((64, 64)))
    data[40] ^= 0xFF  # inside the first IDAT
    return bytes(data)


def png_bad_pixels() -> bytes:
    """Every chunk and CRC in order, but the compressed pixels are not zlib data."""
    data = png_bytes((64, 64))
    ihdr = data[8:33]
    return data[:8] + ihdr + png_chunk(b"IDAT", b"\x00" * 50) + png_chunk(b"IEND", b"")


def pdf_bytes(catalog_extra: bytes = b"", *, objects: tuple[bytes, ...] = ()) -> bytes:
    """A minimal one-page PDF with a correct cross-reference table."""
    return minimal_pdf(catalog_extra, objects=objects)


def pdf_stream(content: bytes) -> bytes:
    """An uncompressed stream object body holding ``content``."""
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)


# A name tree with one JavaScript action, for the catalog's /Names: objects 4 and 5.
JS_NAME_TREE = (b"<< /Names [(a) 5 0 R] >>", b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>")
FILE_NAME_TREE = (
    b"<< /Names [(run.exe) 5 0 R] >>",
    b"<< /Type /Filespec /F (run.exe) /EF << /F 6 0 R >> >>",
    b"<< /Type /EmbeddedFile /Length 4 >>\nstream\nMZ\x90\x00\nendstream",
)


def pdf_with_hidden_open_action() -> bytes:
    """/OpenAction inside a Flate object stream, invisible to a plain byte search."""
    from tests.attachments.hostile_pdfs import object_stream_pdf

    return object_stream_pdf(("/FlateDecode",))


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/ppt/presentation.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>'
)
PPTM_CONTENT_TYPES = CONTENT_TYPES.replace(
    b"vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    b"vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
)


def pptx_bytes(
    extra: dict[str, bytes] | None = None,
    *,
    content_types: bytes = CONTENT_TYPES,
    without: tuple[str, ...] = (),
) -> bytes:
    parts = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": b"<Relationships/>",
        "ppt/presentation.xml": b"<p:presentation/>",
        "ppt/slides/slide1.xml": b"<p:sld/>",
        **(extra or {}),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in parts.items():
            if name not in without:
                archive.writestr(zipfile.ZipInfo(name), payload, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def pptx_with_duplicate_part() -> bytes:
    out = io.BytesIO(pptx_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate name
        with zipfile.ZipFile(out, "a") as archive:
            archive.writestr("ppt/presentation.xml", b"<p:presentation>other</p:presentation>")
    return out.getvalue()


def pptx_declaring_size(declared: int) -> bytes:
    """A presentation whose central directory claims one part unpacks to ``declared`` bytes."""
    data = bytearray(pptx_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = declared.to_bytes(4, "little")
    return bytes(data)


BMP = io.BytesIO()
Image.new("RGB", (4, 4)).save(BMP, "BMP")
GIF = io.BytesIO()
Image.new("P", (4, 4)).save(GIF, "GIF")
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)
SVG_PLAIN = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'


# --- The hostile corpus (issue 6): files an attacker or a broken phone would send. ---


def png_bomb(side: int = 8_000) -> bytes:
    """A real decompression bomb: ``side``² grey pixels of zeros, a few kilobytes compressed."""
    ihdr = side.to_bytes(4, "big") * 2 + b"\x08\x00\x00\x00\x00"  # 8-bit greyscale
    squeeze = zlib.compressobj(9)
    row = b"\x00" * (side + 1)  # filter byte + pixels
    idat = b"".join(squeeze.compress(row * 500) for _ in range(side // 500))
    idat += squeeze.compress(row * (side % 500)) + squeeze.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def jpeg_bomb(size=(8_000, 6_000)) -> bytes:
    """A real JPEG of 48 megapixels of one grey: small on disk, 48 MB and more once decoded."""
    out = io.BytesIO()
    Image.new("L", size, 128).save(out, "JPEG", quality=10)
    return out.getvalue()


def png_text_polyglot(markup: bytes = HTML) -> bytes:
    """A valid PNG carrying an HTML page in a tEXt chunk before the pixels."""
    data = png_bytes((32, 32))
    return data[:33] + png_chunk(b"tEXt", b"Comment\x00" + markup) + data[33:]


def jpeg_comment_polyglot(markup: bytes = HTML) -> bytes:
    """A valid JPEG carrying an HTML page in a COM segment right after SOI."""
    data = jpeg_bytes((32, 32))
    return data[:2] + b"\xff\xfe" + (len(markup) + 2).to_bytes(2, "big") + markup + data[2:]


def pptx_with_many_parts(count: int) -> bytes:
    return pptx_bytes({f"ppt/media/image{n}.xml": b"<x/>" for n in range(count)})


def pptx_bomb_part(size: int = 4 * 1024 * 1024) -> bytes:
    """A presentation with one part of zeros that deflates more than 1000 : 1."""
    return pptx_bytes({"ppt/media/zeros.bin": b"\x00" * size})


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", b"not a presentation")
    return out.getvalue()


def padded_pdf(total: int) -> bytes:
    """A clean PDF of exactly ``total`` bytes: one page plus a stream of padding."""
    pad = total
    while len(data := pdf_bytes(objects=(pdf_stream(b"x" * pad),))) != total:
        pad += total - len(data)
    return data


CONTENT_TYPE_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS"
PHP = b"<?php system($_GET['c']); ?>"
