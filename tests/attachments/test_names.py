import pytest
from django.utils import translation

from learningcity.attachments.names import safe_display_name, storage_name

DIGEST = "ab" + "0" * 62


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("C:\\Users\\นายก\\Desktop\\แผนที่.pdf", "แผนที่.pdf"),
        ("รายงาน\u202egpj.exe", "รายงานgpj.exe"),
        ("photo\u2066\u2069\u200b.jpg", "photo.jpg"),
        ("a\x00b\x1f\n\r.jpg", "ab.jpg"),
        ("cafe\u0301.png", "café.png"),
        ("  many   spaces  .pdf ", "many spaces.pdf"),
        ("...hidden", "hidden"),
    ],
)
def test_safe_display_name_cleans(given, shown):
    assert safe_display_name(given) == shown


def test_safe_display_name_nfc_normalised():
    assert safe_display_name("e\u0301.jpg") == "\u00e9.jpg"


def test_safe_display_name_300_chars_keeps_extension():
    shown = safe_display_name("ก" * 300 + ".pptx")
    assert shown == "ก" * 115 + ".pptx"
    assert len(shown) == 120


def test_safe_display_name_cut_never_splits_thai_marks():
    # "กิ" is a consonant and a vowel mark: the cut keeps both or neither.
    shown = safe_display_name("ก" * 115 + "กิ" * 10 + ".pdf")
    assert shown == "ก" * 115 + ".pdf"


def test_safe_display_name_long_name_without_extension():
    assert safe_display_name("x" * 300) == "x" * 120


@pytest.mark.parametrize("given", ["", "..", "../", "\u202e", " . "])
def test_safe_display_name_nothing_left_untitled_in_thai(given):
    with translation.override("th"):
        assert safe_display_name(given) == "ไฟล์ไม่มีชื่อ"


def test_storage_name_from_digest():
    assert storage_name(DIGEST, ".jpg") == f"ab/{DIGEST}.jpg"


@pytest.mark.parametrize(
    ("digest", "ext"),
    [("../" + "0" * 61, ".jpg"), (DIGEST.upper(), ".jpg"), (DIGEST, ".html"), (DIGEST, "jpg")],
)
def test_storage_name_refuses_anything_else(digest, ext):
    with pytest.raises(ValueError, match="not a"):
        storage_name(digest, ext)
