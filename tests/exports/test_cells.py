import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from learningcity.exports.cells import FORMULA_STARTS, cell, neutralise
from tests.factories import bangkok


@given(st.text())
def test_neutralise_never_leaves_a_formula_start(text):
    result = neutralise(text)
    assert not result or result[0] not in FORMULA_STARTS
    # Nothing is lost: the text is the same, with at most one apostrophe in front.
    assert result in (text, "'" + text)


@given(st.sampled_from(sorted(FORMULA_STARTS)), st.text())
def test_neutralise_prefixes_every_formula_start(start, rest):
    assert neutralise(start + rest) == "'" + start + rest


def test_formula_starts_include_full_width_forms():
    assert {"=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"} == FORMULA_STARTS


def test_cell_keeps_numbers_and_localises_times():
    assert cell(-5) == -5
    assert cell(Decimal("2.5")) == Decimal("2.5")
    assert cell(None) == ""
    assert cell(True) == "✓"
    assert cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert cell(bangkok(2026, 7, 31, 23, 59)) == dt.datetime(2026, 7, 31, 23, 59)


def test_plain_keeps_formula_text_as_typed_for_xlsx():
    from learningcity.exports.cells import plain

    assert plain("=1+1") == "=1+1"
    assert plain(None) == ""
