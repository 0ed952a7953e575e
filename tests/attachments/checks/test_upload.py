"""What inspect_upload accepts, and how it measures and reports what it accepted."""

import hashlib
import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from learningcity.attachments.checks import UploadRefused, inspect_upload
from learningcity.attachments.enums import FileKind, RefusalCode
from tests.attachments import corpus

MB = 1024 * 1024
PHOTO = (FileKind.JPEG, FileKind.PNG)
ANY = tuple(FileKind)


def test_inspect_upload_empty_file_message_in_thai():
    with translation.override("th"), pytest.raises(UploadRefused) as refused:
        inspect_upload(io.BytesIO(b""), "a.jpg", accepted_types=PHOTO, max_bytes=MB)
    assert refused.value.message == "ไฟล์ว่างเปล่า (0 ไบต์) กรุณาเลือกไฟล์อีกครั้ง"


def _pdf_of_exactly(size: int) -> bytes:
    pdf = corpus.pdf_bytes()
    padding = b"%" + b"x" * (size - len(pdf) - 2) + b"\n"
    return pdf.replace(b"xref\n", padding + b"xref\n", 1)


def test_inspect_upload_exactly_5mb_accepted():
    data = _pdf_of_exactly(5 * MB)
    assert len(data) == 5 * MB
    inspection = inspect_upload(io.BytesIO(data), "a.pdf", accepted_types=ANY, max_bytes=5 * MB)
    # The padding object is referenced by nothing: the parser's rewrite leaves it out.
    assert (inspection.kind, inspection.size) == (FileKind.PDF, len(inspection.content))


class CountingStream(io.BytesIO):
    """A stream that remembers how many bytes were asked of it."""

    read_total = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.read_total += len(chunk)
        return chunk


def test_inspect_upload_5mb_plus_one_refused_before_reading():
    stream = CountingStream(_pdf_of_exactly(5 * MB + 1))
    with translation.override("th"), pytest.raises(UploadRefused) as refused:
        inspect_upload(stream, "a.pdf", accepted_types=ANY, max_bytes=5 * MB)
    assert refused.value.code == RefusalCode.TOO_LARGE
    assert refused.value.message == ("ไฟล์มีขนาดใหญ่เกินกว่าที่กำหนด (5 MB) กรุณาลดขนาดไฟล์แล้วอัปโหลดอีกครั้ง")
    assert stream.read_total == 0


def test_inspect_upload_too_large_django_upload_not_read():
    upload = SimpleUploadedFile("a.pdf", _pdf_of_exactly(5 * MB + 1))
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(upload, "a.pdf", accepted_types=ANY, max_bytes=5 * MB)
    assert refused.value.code == RefusalCode.TOO_LARGE
    assert upload.tell() == 0


class Unseekable:
    """A network stream: can only be read forward, does not know its length."""

    def __init__(self, data):
        self._data = io.BytesIO(data)
        self.read_total = 0

    def read(self, size=-1):
        chunk = self._data.read(size)
        self.read_total += len(chunk)
        return chunk


def test_inspect_upload_unseekable_stream_stops_one_byte_past_limit():
    stream = Unseekable(_pdf_of_exactly(6 * MB))
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(stream, "a.pdf", accepted_types=ANY, max_bytes=5 * MB)
    assert refused.value.code == RefusalCode.TOO_LARGE
    assert stream.read_total == 5 * MB + 1


def test_inspect_upload_accepts_full_hd_jpeg():
    data = corpus.jpeg_bytes()
    inspection = inspect_upload(
        io.BytesIO(data),
        "IMG_0001.JPG",
        accepted_types=PHOTO,
        max_bytes=5 * MB,
        width=1920,
        height=1080,
    )
    assert (inspection.kind, inspection.content_type, inspection.extension) == (
        FileKind.JPEG,
        "image/jpeg",
        ".jpg",
    )
    assert (inspection.width, inspection.height) == (1920, 1080)
    assert (inspection.size, inspection.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert (inspection.needs_conversion, inspection.trailing_bytes) == (False, 0)


def test_inspect_upload_accepts_full_hd_png():
    data = corpus.png_bytes()
    inspection = inspect_upload(
        io.BytesIO(data),
        "map.png",
        accepted_types=PHOTO,
        max_bytes=30 * MB,
        width=1920,
        height=1080,
    )
    assert (inspection.kind, inspection.content_type, inspection.extension) == (
        FileKind.PNG,
        "image/png",
        ".png",
    )
    assert (inspection.width, inspection.height, inspection.needs_conversion) == (
        1920,
        1080,
        False,
    )


def test_inspect_upload_accepts_minimal_pdf():
    data = corpus.pdf_bytes()
    inspection = inspect_upload(io.BytesIO(data), "แผนที่.pdf", accepted_types=ANY, max_bytes=MB)
    assert (inspection.kind, inspection.content_type, inspection.extension) == (
        FileKind.PDF,
        "application/pdf",
        ".pdf",
    )
    assert (inspection.width, inspection.height) == (None, None)
    # What is stored is the parser's rewrite: the same page, opened again without a warning.
    with pikepdf.open(io.BytesIO(inspection.content)) as pdf:
        assert (len(pdf.pages), pdf.get_warnings()) == (1, [])
    assert inspection.sha256 == hashlib.sha256(inspection.content).hexdigest()


def test_inspect_upload_pdf_bytes_in_a_stream_are_not_actions():
    """Data that spells /JavaScript inside a content stream is not a key: a reader never acts."""
    data = corpus.pdf_bytes(objects=(corpus.pdf_stream(b"\x00\x9c/JavaScript\x00"),))
    inspection = inspect_upload(io.BytesIO(data), "a.pdf", accepted_types=ANY, max_bytes=MB)
    assert inspection.kind == FileKind.PDF


def test_inspect_upload_pdf_repaired_is_stored_as_rewritten():
    """A stream cut short is repaired by the parser; what is kept is the clean rewrite."""
    data = corpus.pdf_bytes(objects=(b"<< /Length 99 >>\nstream\n\x00\x01",))
    inspection = inspect_upload(io.BytesIO(data), "a.pdf", accepted_types=ANY, max_bytes=MB)
    with pikepdf.open(io.BytesIO(inspection.content)) as pdf:
        assert pdf.get_warnings() == []
    assert inspection.content != data


def test_inspect_upload_pdf_name_like_jsonish_is_not_active():
    data = corpus.pdf_bytes(b"/JSON 4 0 R /AAx 5 0 R /Launcher 6 0 R")
    inspection = inspect_upload(io.BytesIO(data), "a.pdf", accepted_types=ANY, max_bytes=MB)
    assert inspection.kind == FileKind.PDF


def test_inspect_upload_accepts_minimal_pptx():
    data = corpus.pptx_bytes()
    inspection = inspect_upload(
        SimpleUploadedFile("talk.pptx", data), "talk.pptx", accepted_types=ANY, max_bytes=MB
    )
    assert (inspection.kind, inspection.extension, inspection.size) == (
        FileKind.PPTX,
        ".pptx",
        len(data),
    )
    assert inspection.content_type == (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    )


def test_inspect_upload_name_without_extension_judged_by_bytes():
    inspection = inspect_upload(
        io.BytesIO(corpus.pdf_bytes()), "plan", accepted_types=ANY, max_bytes=MB
    )
    assert inspection.kind == FileKind.PDF


@pytest.mark.parametrize(
    ("image_bytes", "name"),
    [
        (lambda: corpus.png_bytes((320, 180)), "photo.png"),
        (lambda: corpus.jpeg_bytes((320, 180)), "photo.jpg"),
    ],
    ids=["png", "jpeg"],
)
def test_inspect_upload_trailing_bytes_stripped(image_bytes, name):
    image = image_bytes()
    trailer = b"\x00\x00SEFHphone trailer SEFT"  # what some phones append after the image
    inspection = inspect_upload(
        io.BytesIO(image + trailer), name, accepted_types=PHOTO, max_bytes=MB
    )
    assert inspection.content == image
    assert inspection.trailing_bytes == len(trailer)
    assert inspection.sha256 == hashlib.sha256(image).hexdigest()
    assert inspection.size == len(image)


@pytest.mark.parametrize(
    ("image_bytes", "name"),
    [
        (lambda: corpus.png_bytes((320, 180)) + corpus.HTML, "photo.png"),
        (lambda: corpus.jpeg_bytes((320, 180)) + corpus.SVG_SCRIPT, "photo.jpg"),
        (corpus.png_text_polyglot, "photo.png"),
        (corpus.jpeg_comment_polyglot, "photo.jpg"),
    ],
    ids=["png-then-html", "jpeg-then-svg", "png-text-chunk", "jpeg-comment"],
)
def test_inspect_upload_polyglot_with_markup_refused(image_bytes, name):
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(io.BytesIO(image_bytes()), name, accepted_types=PHOTO, max_bytes=MB)

    assert refused.value.code == "type_mismatch"


def test_inspect_upload_other_size_needs_conversion():
    inspection = inspect_upload(
        io.BytesIO(corpus.jpeg_bytes((1280, 720))),
        "a.jpg",
        accepted_types=PHOTO,
        max_bytes=MB,
        width=1920,
        height=1080,
    )
    assert (inspection.width, inspection.height, inspection.needs_conversion) == (1280, 720, True)


def test_inspect_upload_exif_rotated_needs_conversion():
    data = corpus.jpeg_bytes(exif=corpus.gps_exif(orientation=6))
    inspection = inspect_upload(
        io.BytesIO(data),
        "a.jpg",
        accepted_types=PHOTO,
        max_bytes=5 * MB,
        width=1920,
        height=1080,
    )
    assert (inspection.rotated, inspection.needs_conversion) == (True, True)


def test_inspect_upload_pdf_short_names_inside_binary_stream_accepted():
    # Three-byte names occur by chance in compressed pictures; only keys outside streams count.
    image_stream = corpus.pdf_stream(b"\x91/AA \x03/JS]\xfe")
    data = corpus.pdf_bytes(objects=(image_stream,))
    inspection = inspect_upload(io.BytesIO(data), "a.pdf", accepted_types=ANY, max_bytes=MB)
    assert inspection.kind == FileKind.PDF


def test_inspect_upload_pillow_bomb_error_becomes_refusal(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(
            io.BytesIO(corpus.jpeg_bytes((64, 64))), "a.jpg", accepted_types=PHOTO, max_bytes=MB
        )
    assert refused.value.code == RefusalCode.IMAGE_TOO_MANY_PIXELS


def test_inspect_upload_pillow_bomb_warning_becomes_refusal(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 3000)  # 64 × 64 = 4096: a warning, not an error
    with pytest.raises(UploadRefused) as refused:
        inspect_upload(
            io.BytesIO(corpus.png_bytes((64, 64))), "a.png", accepted_types=PHOTO, max_bytes=MB
        )
    assert refused.value.code == RefusalCode.IMAGE_TOO_MANY_PIXELS


def test_inspect_upload_progressive_jpeg_accepted():
    data = corpus.jpeg_bytes(progressive=True)
    inspection = inspect_upload(io.BytesIO(data), "a.jpg", accepted_types=PHOTO, max_bytes=MB)
    assert (inspection.width, inspection.height, inspection.content) == (1920, 1080, data)
