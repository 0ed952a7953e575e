"""Cell values that are safe to open in a spreadsheet.

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or their
full-width forms, which some spreadsheet programs fold to ASCII) may be run as a formula.

- XLSX: every text is written as a text cell (``t="s"``, never a formula), and one that starts
  like a formula also gets the ``quotePrefix`` style, Excel's own "typed as text" mark, so it
  shows exactly as typed with no visible apostrophe (``writers.text_cell``).
- CSV has no types: such a text is prefixed with an apostrophe (``neutralise``), which
  spreadsheet programs show; that is the documented price of opening a CSV safely.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def neutralise(value: str) -> str:
    """``value`` prefixed with ``'`` if a spreadsheet could read it as a formula."""
    if value and value[0] in FORMULA_STARTS:
        return "'" + value
    return value


def looks_like_formula(value: str) -> bool:
    return bool(value) and value[0] in FORMULA_STARTS


def cell(value):
    """A value ready for a CSV: numbers stay numbers, times are Bangkok local without a time
    zone (spreadsheets have none), everything else becomes neutralised text."""
    value = plain(value)
    return neutralise(value) if isinstance(value, str) else value


def plain(value):
    """Like ``cell`` but text stays as typed (XLSX marks it as text instead)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    return str(value)
