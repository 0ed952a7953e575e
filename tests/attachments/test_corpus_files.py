"""The hostile corpus: every malicious or broken file is refused, in Thai, and leaves nothing.

Each case goes through the real upload path twice: the service (``store_attachment``) and the
upload view (a multipart POST without JavaScript). The files are built by ``corpus`` at run time;
none is committed as a binary.
"""

import html
import io
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from learningcity.attachments.checks import images
from learningcity.attachments.models import Attachment
from learningcity.attachments.services import store_attachment
from learningcity.editions.enums import DocumentKind
from tests.attachments import corpus, hostile_pdfs, hostile_pptx
from tests.attachments.conftest import files_under

MB = 1024 * 1024
THAI = range(0x0E00, 0x0E80)
PHOTOS, MAP, PRESENTATION = DocumentKind.PHOTOS, DocumentKind.MAP, DocumentKind.PRESENTATION


@dataclass(frozen=True)
class Case:
    name: str  # the test id
    build: object  # () -> bytes, so that big files exist only while their case runs
    filename: str
    kind: str
    code: str
    # Refused from the header or the zip directory, before Pillow decodes a pixel.
    before_decoding: bool = True


def _valid_jpeg() -> bytes:
    return corpus.jpeg_bytes((1920, 1080))


CASES = [
    # Renamed formats: the bytes decide, never the name.
    Case("html-as-jpg", lambda: corpus.HTML, "photo.jpg", PHOTOS, "type_mismatch"),
    Case("bmp-as-jpg", lambda: corpus.BMP.getvalue(), "photo.jpg", PHOTOS, "type_mismatch"),
    Case("gif-as-png", lambda: corpus.GIF.getvalue(), "map.png", MAP, "type_mismatch"),
    Case("text-as-pdf", lambda: b"just some text\n" * 20, "map.pdf", MAP, "type_mismatch"),
    Case("exe-as-pdf", lambda: corpus.WINDOWS_EXE, "slides.pdf", PRESENTATION, "type_mismatch"),
    Case("elf-as-png", lambda: corpus.ELF, "map.png", MAP, "type_mismatch"),
    Case("php-as-jpg", lambda: corpus.PHP, "photo.jpg", PHOTOS, "type_mismatch"),
    Case("html-as-html", lambda: corpus.HTML, "index.html", MAP, "unknown_type"),
    Case("svg-with-script", lambda: corpus.SVG_SCRIPT, "map.svg", MAP, "unknown_type"),
    Case("svg-as-png", lambda: corpus.SVG_SCRIPT, "map.png", MAP, "type_mismatch"),
    Case("zip-as-pptx", corpus.plain_zip, "slides.pptx", PRESENTATION, "pptx_broken"),
    Case("pdf-as-photo", corpus.pdf_bytes, "photo.pdf", PHOTOS, "type_not_accepted"),
    # Polyglots: a real image that is also an HTML page.
    Case(
        "png-then-html",
        lambda: corpus.png_bytes((32, 32)) + corpus.HTML,
        "map.png",
        MAP,
        "type_mismatch",
    ),
    Case("png-html-in-text", corpus.png_text_polyglot, "map.png", MAP, "type_mismatch"),
    Case("jpeg-html-in-comment", corpus.jpeg_comment_polyglot, "map.jpg", MAP, "type_mismatch"),
    Case(
        "jpeg-then-svg",
        lambda: _valid_jpeg() + corpus.SVG_SCRIPT,
        "photo.jpg",
        PHOTOS,
        "type_mismatch",
    ),
    # Decompression bombs and impossible sizes, refused from the header.
    Case("png-bomb", corpus.png_bomb, "map.png", MAP, "image_too_many_pixels"),
    Case("jpeg-bomb", corpus.jpeg_bomb, "photo.jpg", PHOTOS, "image_too_many_pixels"),
    Case(
        "png-huge-declared",
        lambda: corpus.png_with_size(100_000, 100_000),
        "map.png",
        MAP,
        "image_too_many_pixels",
    ),
    Case(
        "jpeg-huge-declared",
        lambda: corpus.jpeg_with_size(65_000, 65_000),
        "photo.jpg",
        PHOTOS,
        "image_too_many_pixels",
    ),
    Case(
        "png-too-long",
        lambda: corpus.png_with_size(30_000, 10),
        "map.png",
        MAP,
        "image_side_too_long",
    ),
    # Truncated and corrupted images.
    Case(
        "jpeg-truncated",
        lambda: _valid_jpeg()[:20_000],
        "photo.jpg",
        PHOTOS,
        "image_broken",
    ),
    Case(
        "png-truncated",
        lambda: (data := corpus.png_bytes((256, 256)))[: len(data) // 2],
        "map.png",
        MAP,
        "image_broken",
    ),
    Case("png-bad-crc", corpus.png_bad_crc, "map.png", MAP, "image_broken"),
    Case(
        "png-bad-pixels",
        corpus.png_bad_pixels,
        "map.png",
        MAP,
        "image_broken",
        before_decoding=False,  # the chunks are whole; only inflating the pixels shows it
    ),
    # Presentations.
    Case(
        "pptx-macros",
        lambda: corpus.pptx_bytes({"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}),
        "slides.pptx",
        PRESENTATION,
        "pptx_macros",
    ),
    Case(
        "pptm-content-types",
        lambda: corpus.pptx_bytes(content_types=corpus.PPTM_CONTENT_TYPES),
        "slides.pptx",
        PRESENTATION,
        "pptx_macros",
    ),
    Case(
        "pptx-too-many-parts",
        lambda: corpus.pptx_with_many_parts(2_001),
        "slides.pptx",
        PRESENTATION,
        "pptx_too_many_parts",
    ),
    Case(
        "pptx-declares-300mb",
        lambda: corpus.pptx_declaring_size(300 * MB),
        "slides.pptx",
        PRESENTATION,
        "pptx_unpacked_too_large",
    ),
    Case(
        "pptx-zip-bomb-part",
        corpus.pptx_bomb_part,
        "slides.pptx",
        PRESENTATION,
        "pptx_unpacked_too_large",
    ),
    Case(
        "pptx-dot-dot-entry",
        lambda: corpus.pptx_bytes({"../../evil.sh": b"rm -rf /"}),
        "slides.pptx",
        PRESENTATION,
        "pptx_unsafe_path",
    ),
    Case(
        "pptx-absolute-entry",
        lambda: corpus.pptx_bytes({"/etc/cron.d/evil": b"* * * * * root x"}),
        "slides.pptx",
        PRESENTATION,
        "pptx_unsafe_path",
    ),
    Case(
        "pptx-duplicate-part",
        corpus.pptx_with_duplicate_part,
        "slides.pptx",
        PRESENTATION,
        "pptx_broken",
    ),
    Case(
        "pptx-without-presentation",
        lambda: corpus.pptx_bytes(without=("ppt/presentation.xml",)),
        "slides.pptx",
        PRESENTATION,
        "pptx_broken",
    ),
    # PDFs that act on their own.
    Case(
        "pdf-javascript",
        lambda: corpus.pdf_bytes(b"/Names << /JavaScript 4 0 R >>", objects=corpus.JS_NAME_TREE),
        "map.pdf",
        MAP,
        "pdf_active_content",
    ),
    Case(
        "pdf-openaction",
        lambda: corpus.pdf_bytes(b"/OpenAction << /S /URI /URI (http://x) >>"),
        "map.pdf",
        MAP,
        "pdf_active_content",
    ),
    Case(
        "pdf-launch",
        lambda: corpus.pdf_bytes(b"/AA << /O << /S /Launch /F (cmd.exe) >> >>"),
        "slides.pdf",
        PRESENTATION,
        "pdf_active_content",
    ),
    Case(
        "pdf-embedded-file",
        lambda: corpus.pdf_bytes(
            b"/Names << /EmbeddedFiles 4 0 R >>", objects=corpus.FILE_NAME_TREE
        ),
        "slides.pdf",
        PRESENTATION,
        "pdf_active_content",
    ),
    Case(
        "pdf-hex-escaped-javascript",
        lambda: corpus.pdf_bytes(b"/Names << /J#61vaScript 4 0 R >>", objects=corpus.JS_NAME_TREE),
        "map.pdf",
        MAP,
        "pdf_active_content",
    ),
    Case(
        "pdf-hidden-openaction",
        corpus.pdf_with_hidden_open_action,
        "map.pdf",
        MAP,
        "pdf_active_content",
    ),
    Case(
        "pdf-truncated",
        lambda: corpus.pdf_bytes()[:-40],
        "map.pdf",
        MAP,
        "pdf_broken",
    ),
    # Empty and too large.
    Case("empty-jpg", lambda: b"", "photo.jpg", PHOTOS, "empty"),
    Case("empty-pdf", lambda: b"", "slides.pdf", PRESENTATION, "empty"),
    Case(
        "5mb-plus-one",
        lambda: corpus.padded_pdf(5 * MB + 1),
        "map.pdf",
        MAP,
        "too_large",
    ),
    # Hostile names around a valid photo: the name's extension lies about the content.
    Case("name-dot-dot", _valid_jpeg, "../../../settings.py", PHOTOS, "type_mismatch"),
    Case("name-rtl-override", _valid_jpeg, "photo\u202egpj.exe", PHOTOS, "type_mismatch"),
    Case("name-300-chars", _valid_jpeg, "ก" * 295 + ".html", PHOTOS, "type_mismatch"),
    Case("name-nul", _valid_jpeg, "photo.jpg\x00.php", PHOTOS, "type_mismatch"),
]
# Issue 14: active content only a parser sees, and presentations only the package shows.
CASES += [
    Case(name, build, "slides.pdf", PRESENTATION, code)
    for name, build, code in hostile_pdfs.REFUSED
]
CASES += [
    Case(name, build, "slides.pptx", PRESENTATION, code)
    for name, build, code in hostile_pptx.REFUSED
]


def test_corpus_has_at_least_30_hostile_files():
    names = [case.name for case in CASES]

    print(f"\nhostile corpus: {len(CASES)} files")

    assert len(set(names)) == len(names)
    assert len(CASES) >= 30


@pytest.fixture
def limits(open_now):
    """Edition 1's presentation types, and the map's limit set to 5 MB (a photo's limit)."""
    documents = open_now.registration.edition.documents
    documents.filter(kind=MAP).update(max_bytes=5 * MB)
    documents.filter(kind=PRESENTATION).update(
        content_types=["application/pdf", corpus.CONTENT_TYPE_PPTX], max_bytes=50 * MB
    )
    return open_now


@pytest.fixture
def decodes(monkeypatch):
    """How many times the image checks asked Pillow to open a file."""
    calls = []
    real_open = Image.open

    def counting_open(*args, **kwargs):
        calls.append(1)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(images.Image, "open", counting_open)
    return calls


def _is_thai(message: str) -> bool:
    return sum(ord(char) in THAI for char in message) >= 10


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_file_refused_by_service(case, limits, member, media, decodes):
    with pytest.raises(ValidationError) as error:
        store_attachment(
            application=limits,
            kind=case.kind,
            slot=1,
            upload=ContentFile(case.build(), name=case.filename),
            caption="ภาพกิจกรรม",
            user=member,
        )

    assert error.value.code == case.code
    assert _is_thai(error.value.messages[0]), error.value.messages
    assert Attachment.objects.count() == 0
    assert files_under(media) == []
    if case.before_decoding:
        assert decodes == []


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_file_refused_by_upload_view(case, client, limits, member, media):
    client.force_login(member)
    upload = io.BytesIO(case.build())
    upload.name = case.filename

    response = client.post(
        reverse("attachments:upload", args=[limits.pk]),
        {"kind": case.kind, "slot": "1", "caption": "ภาพกิจกรรม", "file": upload},
    )

    assert response.status_code == 400
    error = response.content.decode().split('class="notice', 1)[-1]
    assert _is_thai(html.unescape(error))
    assert Attachment.objects.count() == 0
    assert files_under(media) == []


def test_hostile_name_on_a_good_file_is_stored_under_its_hash(open_now, member, media):
    name = "../../" + "\u202e" + "ภาพ" * 100 + "\x00.jpg"

    attachment = store_attachment(
        application=open_now,
        kind=PHOTOS,
        slot=1,
        upload=ContentFile(_valid_jpeg(), name=name),
        caption="ลานกีฬา",
        user=member,
    )

    assert files_under(media) == [attachment.stored_name]
    assert attachment.stored_name == f"{attachment.sha256[:2]}/{attachment.sha256}.jpg"
    assert "/" not in attachment.display_name
    assert "\u202e" not in attachment.display_name
    assert "\x00" not in attachment.display_name
    assert len(attachment.display_name) <= 120
