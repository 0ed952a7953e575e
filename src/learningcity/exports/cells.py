"""Cell values that are safe to open in a spreadsheet.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or their
full-width forms, which some spreadsheet programs fold to ASCII) may be run as a formula; such a
text is prefixed with an apostrophe so it shows as typed.
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


def cell(value):
    """A value ready for a sheet: numbers stay numbers, times are Bangkok local without a
    time zone (spreadsheets have none), everything else becomes neutralised text."""
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
    return neutralise(str(value))
