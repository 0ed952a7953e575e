from fontTools.ttLib import TTFont

from learningcity.thai.finders import PREFIX, WebFontFinder
from learningcity.thai.fonts import build_web_fonts, source_path


def test_build_web_fonts_subsets_to_small_woff2_keeping_thai(tmp_path):
    regular, semibold = build_web_fonts(tmp_path)

    assert (regular.name, semibold.name) == ("Sarabun-Regular.woff2", "Sarabun-SemiBold.woff2")
    assert regular.stat().st_size < source_path("Regular").stat().st_size / 3
    font = TTFont(regular)
    assert font.flavor == "woff2"
    cmap = font.getBestCmap()
    assert all(ord(char) in cmap for char in "กขคญฐณ่้๊๋ิีุูำ฿๒๕๖๙“”–")
    # Tone marks and vowels need the layout tables to sit right.
    assert {"GSUB", "GPOS"} <= set(font.keys())


def test_build_web_fonts_second_time_rebuilds_nothing(tmp_path):
    first = [path.stat().st_mtime_ns for path in build_web_fonts(tmp_path)]
    second = [path.stat().st_mtime_ns for path in build_web_fonts(tmp_path)]
    assert first == second


def test_web_font_finder_finds_and_lists_subsets(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    finder = WebFontFinder()

    found = finder.find(f"{PREFIX}/Sarabun-Regular.woff2")
    listed = sorted(path for path, _storage in finder.list([]))

    assert found == str(tmp_path / "webfonts" / "Sarabun-Regular.woff2")
    assert finder.find(f"{PREFIX}/Sarabun-Regular.sha256") is None
    assert finder.find("css/site.css") is None
    assert listed == ["Sarabun-Regular.woff2", "Sarabun-SemiBold.woff2"]
