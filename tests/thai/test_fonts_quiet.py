"""Building the web fonts prints no glyph lists: fontTools' INFO logging is silenced."""

import logging

from learningcity.thai.fonts import build_web_fonts


def test_build_web_fonts_logs_nothing_at_info(tmp_path, caplog):
    caplog.set_level(logging.INFO)

    build_web_fonts(tmp_path)

    assert [r for r in caplog.records if r.name.startswith("fontTools")] == []
    assert logging.getLogger("fontTools").level == logging.NOTSET  # restored afterwards
