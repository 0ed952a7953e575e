"""The corpus of hostile and broken files: each refused with its exact code, in Thai."""

import io
import re

import pytest
from django.utils import translation

from learningcity.attachments.checks import UploadRefused, inspect_upload
from learningcity.attachments.enums import FileKind, RefusalCode
from tests.attachments import corpus

MB = 1024 * 1024
PHOTO = (FileKind.JPEG, FileKind.PNG)
ANY = tuple(FileKind)
THAI = re.compile("[\u0e00-\u0e7f]")


HOSTILE = [
    ("empty", "photo.jpg", lambda: b"", PHOTO, RefusalCode.EMPTY),
    ("html-as-jpg", "photo.jpg", lambda: corpus.HTML, PHOTO, RefusalCode.TYPE_MISMATCH),
    ("bmp-as-jpg", "photo.jpg", lambda: corpus.BMP.getvalue(), PHOTO, RefusalCode.TYPE_MISMATCH),
    ("gif-as-jpg", "photo.jpg", lambda: corpus.GIF.getvalue(), PHOTO, RefusalCode.TYPE_MISMATCH),
    ("text-as-jpg", "photo.jpg", lambda: b"just some words\n", PHOTO, RefusalCode.TYPE_MISMATCH),
    ("text-as-pdf", "plan.pdf", lambda: b"%PD not a pdf at all\n", ANY, RefusalCode.TYPE_MISMATCH),
    (
        "exe-as-pdf",
        "plan.pdf",
        lambda: b"MZ\x90\x00" + b"\x00" * 60,
        ANY,
        RefusalCode.TYPE_MISMATCH,
    ),
    ("svg-as-jpg", "photo.jpg", lambda: corpus.SVG_PLAIN, PHOTO, RefusalCode.TYPE_MISMATCH),
    ("svg-script-as-png", "map.png", lambda: corpus.SVG_SCRIPT, PHOTO, RefusalCode.TYPE_MISMATCH),
    ("svg-script", "map.svg", lambda: corpus.SVG_SCRIPT, ANY, RefusalCode.UNKNOWN_TYPE),
    ("html", "index.html", lambda: corpus.HTML, ANY, RefusalCode.UNKNOWN_TYPE),
    ("bmp", "photo.bmp", lambda: corpus.BMP.getvalue(), PHOTO, RefusalCode.UNKNOWN_TYPE),
    ("png-as-jpg", "photo.jpg", lambda: corpus.png_bytes((8, 8)), PHOTO, RefusalCode.TYPE_MISMATCH),
    ("pdf-as-jpg", "photo.jpg", corpus.pdf_bytes, PHOTO, RefusalCode.TYPE_MISMATCH),
    ("pptx-as-pdf", "plan.pdf", corpus.pptx_bytes, ANY, RefusalCode.TYPE_MISMATCH),
    ("pdf-for-photo", "plan.pdf", corpus.pdf_bytes, PHOTO, RefusalCode.TYPE_NOT_ACCEPTED),
    ("pptx-for-photo", "talk.pptx", corpus.pptx_bytes, PHOTO, RefusalCode.TYPE_NOT_ACCEPTED),
    (
        "png-bomb",
        "photo.png",
        lambda: corpus.png_with_size(50_000, 50_000),
        PHOTO,
        RefusalCode.IMAGE_TOO_MANY_PIXELS,
    ),
    (
        "jpeg-bomb",
        "photo.jpg",
        lambda: corpus.jpeg_with_size(50_000, 50_000),
        PHOTO,
        RefusalCode.IMAGE_TOO_MANY_PIXELS,
    ),
    (
        "png-long-side",
        "photo.png",
        lambda: corpus.png_with_size(30_000, 100),
        PHOTO,
        RefusalCode.IMAGE_SIDE_TOO_LONG,
    ),
    (
        "jpeg-long-side",
        "photo.jpg",
        lambda: corpus.jpeg_with_size(60_000, 10),
        PHOTO,
        RefusalCode.IMAGE_SIDE_TOO_LONG,
    ),
    (
        "jpeg-truncated",
        "photo.jpg",
        lambda: corpus.jpeg_bytes((640, 480))[:5000],
        PHOTO,
        RefusalCode.IMAGE_BROKEN,
    ),
    (
        "jpeg-header-only",
        "photo.jpg",
        lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00garbage",
        PHOTO,
        RefusalCode.IMAGE_BROKEN,
    ),
    (
        "png-truncated",
        "photo.png",
        lambda: corpus.png_bytes(image=corpus.photo((640, 480), noise=True))[:3000],
        PHOTO,
        RefusalCode.IMAGE_BROKEN,
    ),
    ("png-bad-crc", "photo.png", corpus.png_bad_crc, PHOTO, RefusalCode.IMAGE_BROKEN),
    ("png-bad-pixels", "photo.png", corpus.png_bad_pixels, PHOTO, RefusalCode.IMAGE_BROKEN),
    *[
        (
            f"pdf-{name.decode().strip('/').replace('#', 'hex')}",
            "plan.pdf",
            # Object 4 exists: a name pointing at nothing is null to a reader, and inert.
            lambda name=name: corpus.pdf_bytes(name + b" 4 0 R", objects=corpus.JS_NAME_TREE[1:]),
            ANY,
            RefusalCode.PDF_ACTIVE_CONTENT,
        )
        for name in (
            b"/OpenAction",
            b"/AA",
            b"/J#61vaScript",
            b"/Open#41ction",
            b"/#4A#53",
            b"/Launch",
            b"/RichMedia",
        )
    ],
    (
        "pdf-javascript",
        "plan.pdf",
        lambda: corpus.pdf_bytes(objects=(b"<< /S /JavaScript /JS (app.alert(1)) >>",)),
        ANY,
        RefusalCode.PDF_ACTIVE_CONTENT,
    ),
    (
        "pdf-embedded-files",
        "plan.pdf",
        lambda: corpus.pdf_bytes(
            b"/Names << /EmbeddedFiles 4 0 R >>", objects=corpus.FILE_NAME_TREE
        ),
        ANY,
        RefusalCode.PDF_ACTIVE_CONTENT,
    ),
    (
        "pdf-embedded-file",
        "plan.pdf",
        lambda: corpus.pdf_bytes(objects=(b"<< /Type /EmbeddedFile /Length 0 >>",)),
        ANY,
        RefusalCode.PDF_ACTIVE_CONTENT,
    ),
    (
        "pdf-open-action-in-object-stream",
        "plan.pdf",
        corpus.pdf_with_hidden_open_action,
        ANY,
        RefusalCode.PDF_ACTIVE_CONTENT,
    ),
    (
        "pdf-no-eof",
        "plan.pdf",
        lambda: corpus.pdf_bytes().replace(b"%%EOF", b""),
        ANY,
        RefusalCode.PDF_BROKEN,
    ),
    (
        "pptx-vba",
        "talk.pptx",
        lambda: corpus.pptx_bytes({"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
        ANY,
        RefusalCode.PPTX_MACROS,
    ),
    (
        "pptm-content-type",
        "talk.pptx",
        lambda: corpus.pptx_bytes(content_types=corpus.PPTM_CONTENT_TYPES),
        ANY,
        RefusalCode.PPTX_MACROS,
    ),
    (
        "pptx-3000-parts",
        "talk.pptx",
        lambda: corpus.pptx_bytes({f"ppt/media/p{n}.xml": b"" for n in range(3000)}),
        ANY,
        RefusalCode.PPTX_TOO_MANY_PARTS,
    ),
    (
        "pptx-ratio-bomb",
        "talk.pptx",
        lambda: corpus.pptx_bytes({"ppt/media/zeros.bin": bytes(20 * MB)}),
        ANY,
        RefusalCode.PPTX_UNPACKED_TOO_LARGE,
    ),
    (
        "pptx-declares-300mb",
        "talk.pptx",
        lambda: corpus.pptx_declaring_size(300 * MB),
        ANY,
        RefusalCode.PPTX_UNPACKED_TOO_LARGE,
    ),
    *[
        (
            f"pptx-path-{n}",
            "talk.pptx",
            lambda name=name: corpus.pptx_bytes({name: b"x"}),
            ANY,
            RefusalCode.PPTX_UNSAFE_PATH,
        )
        for n, name in enumerate(
            ("../evil.sh", "ppt/../../evil", "/etc/cron.d/evil", "ppt\\..\\evil", "C:evil")
        )
    ],
    (
        "pptx-no-presentation",
        "talk.pptx",
        lambda: corpus.pptx_bytes(without=("ppt/presentation.xml",)),
        ANY,
        RefusalCode.PPTX_BROKEN,
    ),
    (
        "pptx-duplicate-part",
        "talk.pptx",
        corpus.pptx_with_duplicate_part,
        ANY,
        RefusalCode.PPTX_BROKEN,
    ),
    (
        "zip-cut-short",
        "talk.pptx",
        lambda: corpus.pptx_bytes()[:200],
        ANY,
        RefusalCode.PPTX_BROKEN,
    ),
]


def test_corpus_has_at_least_thirty_hostile_files():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize(
    ("name", "build", "accepted", "code"),
    [case[1:] for case in HOSTILE],
    ids=[case[0] for case in HOSTILE],
)
def test_inspect_upload_refuses_hostile_file(name, build, accepted, code):
    with translation.override("th"), pytest.raises(UploadRefused) as refused:
        inspect_upload(io.BytesIO(build()), name, accepted_types=accepted, max_bytes=30 * MB)
    assert refused.value.code == code
    assert THAI.search(refused.value.message)
    with translation.override("en"), pytest.raises(UploadRefused) as in_english:
        inspect_upload(io.BytesIO(build()), name, accepted_types=accepted, max_bytes=30 * MB)
    assert not THAI.search(in_english.value.message)
