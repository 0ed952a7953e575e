"""Thai formatting in one place: Buddhist-era dates and times, Thai digits, baht in words.

Every date the platform shows goes through these functions (directly or through the template
filters in ``templatetags/thai.py``). Values are converted to Asia/Bangkok first. In Thai the
year is Buddhist-era (CE + 543); in English the year is CE with the B.E. year in brackets.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import get_language
from pythainlp.util import arabic_digit_to_thai_digit, bahttext, thai_strftime

BE_OFFSET = 543


def is_thai() -> bool:
    return (get_language() or "th").startswith("th")


def _local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


def be_year(value: dt.date | dt.datetime | int) -> int:
    """The Buddhist-era year of a date (or of a CE year)."""
    year = value if isinstance(value, int) else _local(value).year
    return year + BE_OFFSET


def thai_digits(text: object) -> str:
    """The text with Arabic digits replaced by Thai digits (๐–๙)."""
    return arabic_digit_to_thai_digit(str(text))


def format_date(
    value: dt.date | dt.datetime | None, *, short: bool = False, digits: bool = False
) -> str:
    """``31 กรกฎาคม 2569`` (or ``31 ก.ค. 2569`` when short); English: ``31 July 2026``."""
    if value is None:
        return ""
    local = _as_datetime(_local(value))
    if not is_thai():
        return local.strftime("%-d %b %Y" if short else "%-d %B %Y")
    return thai_strftime(local, "%-d %b %Y" if short else "%-d %B %Y", thaidigit=digits)


def format_time(value: dt.datetime | None, *, digits: bool = False) -> str:
    """``23:59 น.`` in Thai, ``23:59`` in English."""
    if value is None:
        return ""
    local = _local(value)
    text = f"{local:%H:%M}"
    if not is_thai():
        return text
    text = f"{text} น."
    return thai_digits(text) if digits else text


def format_datetime(value: dt.datetime | None, *, short: bool = False, digits: bool = False) -> str:
    """``31 กรกฎาคม 2569 เวลา 23:59 น.``; English: ``31 July 2026, 23:59``."""
    if value is None:
        return ""
    date_part = format_date(value, short=short, digits=digits)
    time_part = format_time(value, digits=digits)
    if not is_thai():
        return f"{date_part}, {time_part}"
    return f"{date_part} เวลา {time_part}"


def format_date_range(start: dt.datetime, end: dt.datetime, *, short: bool = False) -> str:
    """A compact range: ``5 – 29 พฤษภาคม 2569``, ``1 มิถุนายน – 31 กรกฎาคม 2569``,
    or a single day when both ends fall on the same local date."""
    first, last = _as_datetime(_local(start)), _as_datetime(_local(end))
    if first.date() == last.date():
        return format_date(first, short=short)
    full_last = format_date(last, short=short)
    if first.year != last.year:
        return f"{format_date(first, short=short)} – {full_last}"
    if first.month != last.month:
        if is_thai():
            head = thai_strftime(first, "%-d %b" if short else "%-d %B")
        else:
            head = first.strftime("%-d %b" if short else "%-d %B")
        return f"{head} – {full_last}"
    return f"{first.day} – {full_last}"


def format_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """``30,000`` — grouped digits, the way Thai official documents write amounts."""
    if value is None:
        return ""
    return f"{value:,.{decimals}f}"


def baht_words(amount: int | float | Decimal | None) -> str:
    """The amount in Thai words, as on a cheque: ``สามหมื่นบาทถ้วน``."""
    if amount is None:
        return ""
    return bahttext(float(amount))
