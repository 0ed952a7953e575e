"""Thai dates going in: one date field and one date-time field for every page where a person
types a date or a time.

The person types the day, picks the Thai month name, types the Buddhist-era year (พ.ศ.) and,
for a date-time, a 24-hour time (``09:30``, ``9.30`` or ``0930``), always Asia/Bangkok. A year
that looks like a Christian-era one (``2026``) is never taken silently: the form answers
"ปี พ.ศ. 2569 ใช่หรือไม่" and shows the page again with 2569 filled in, so confirming is one
more click and no JavaScript is needed. Bounds (``min_value``/``max_value``: a date, a
date-time or a callable returning one) refuse a date implausible for the field.

    from learningcity.thai.fields import ThaiDateField, ThaiDateTimeField

    publish_at = ThaiDateTimeField(label=..., min_value=days_from_now(-30),
                                   max_value=days_from_now(366))

The cleaned value is a ``datetime.date`` (ThaiDateField) or an aware ``datetime.datetime`` in
Asia/Bangkok (ThaiDateTimeField); ``None`` when left empty and not required.
"""

import calendar
import datetime as dt
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .formatting import BE_OFFSET, format_date, format_datetime

BANGKOK = ZoneInfo("Asia/Bangkok")

# A Buddhist-era year the platform can meet (B.E. 2400 = 1857 CE) ...
BE_YEARS = range(2400, 2800)
# ... and the years a person who types the Christian era would type (1900–2299 CE). The two
# ranges do not overlap, so a typed year is never ambiguous.
CE_YEARS = range(1900, 2300)

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

Bound = dt.date | dt.datetime | Callable[[], dt.date | dt.datetime] | None


def days_from_now(days: int) -> Callable[[], dt.datetime]:
    """A bound ``days`` days from the moment the form is checked (negative: in the past)."""

    def bound() -> dt.datetime:
        return timezone.now() + dt.timedelta(days=days)

    return bound


def be_year_bounds(year_be: int, *, spill_years: int = 0) -> tuple[dt.date, dt.date]:
    """The first and the last day of a Buddhist-era year (plus ``spill_years`` on each side):
    the bounds of a phase of the edition of that year."""
    year = year_be - BE_OFFSET
    return dt.date(year - spill_years, 1, 1), dt.date(year + spill_years, 12, 31)


def _clean_digits(value: object) -> str:
    return str(value or "").translate(_THAI_DIGITS).strip()


def _suggested_year(text: object) -> int | None:
    """The B.E. year a typed year probably means when it is not one: 2026 → 2569, 69 → 2569."""
    raw = _clean_digits(text)
    if not raw.isdigit():
        return None
    year = int(raw)
    if year in CE_YEARS:
        return year + BE_OFFSET
    if len(raw) == 2:
        return 2500 + year
    return None


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$|^(\d{1,2})(\d{2})$")


def parse_time(text: object) -> dt.time | None:
    """``09:30``, ``9.30``, ``0930``, ``930``, ``9`` (and Thai digits, a trailing ``น.``) as a
    24-hour time; ``None`` when it is not one."""
    raw = _clean_digits(text).removesuffix("น.").strip().replace(" ", "")
    match = _TIME.match(raw)
    if not match:
        return None
    hour, minute = (match[1], match[2] or "0") if match[1] is not None else (match[3], match[4])
    hour, minute = int(hour), int(minute)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class _Part(forms.TextInput):
    """One typed part of the date; no type=number (it would add spinners and drop Thai
    digits), but a numeric keyboard on phones."""

    def __init__(self, part: str, **attrs):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", **attrs})
        self.part = part


class ThaiDateWidget(forms.MultiWidget):
    """Day, Thai month name and B.E. year; a date-time adds the 24-hour time."""

    template_name = "thai/widgets/date.html"
    with_time = False
    use_fieldset = False
    time_optional = False

    def __init__(self, attrs=None):
        month_choices = [
            ("", pgettext_lazy("date field", "month")),
            *((str(n), name) for n, name in MONTHS.items()),
        ]
        widgets = {
            "day": _Part("day", maxlength="2", size="2"),
            "month": forms.Select(choices=month_choices),
            "year": _Part("year", maxlength="4", size="4"),
        }
        if self.with_time:
            # "decimal" gives phones a keypad with a point, so 9.30 can be typed.
            widgets["time"] = _Part(
                "time", maxlength="5", size="5", inputmode="decimal", placeholder="09:30"
            )
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, str) and value:
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError:
                value = None
        if not value:
            return [None] * len(self.widgets)
        if isinstance(value, dt.datetime):
            if timezone.is_aware(value):
                value = value.astimezone(BANGKOK)
            parts = [value.day, value.month, value.year + BE_OFFSET]
            return [*parts, f"{value:%H:%M}"] if self.with_time else parts
        parts = [value.day, value.month, value.year + BE_OFFSET]
        return [*parts, None] if self.with_time else parts

    def id_for_label(self, id_):
        # The field's own label points at the day box (Django's MultiWidget points nowhere).
        return f"{id_}_0" if id_ else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        captions = {
            "day": pgettext_lazy("date field", "day"),
            "month": pgettext_lazy("date field", "month"),
            "year": pgettext_lazy("date field", "year (B.E.)"),
            "time": pgettext_lazy("date field", "time (24 h)"),
        }
        parts = ("day", "month", "year", "time")[: len(self.widgets)]
        for key, sub in zip(parts, context["widget"]["subwidgets"], strict=True):
            sub["part"] = key
            sub["caption"] = captions[key]
            if key == "time" and self.time_optional:
                # An empty time takes the field's default: the browser must not demand one.
                sub["attrs"].pop("required", None)
        return context


class ThaiDateTimeWidget(ThaiDateWidget):
    with_time = True


class ThaiDateField(forms.Field):
    """A date typed as day, Thai month and B.E. year; see the module's docstring."""

    widget = ThaiDateWidget
    with_time = False
    default_error_messages = {
        "incomplete": _("Give the day, the month and the year."),
        "invalid_day": _("Type the day as a number from 1 to 31."),
        "invalid_month": _("Choose the month."),
        "invalid_year": _("Type the year in the Buddhist era (B.E.), for example %(example)s."),
        "ce_year": _(
            "B.E. year %(year)s? It is filled in below: submit again to confirm, or correct it."
        ),
        "impossible": _("There is no %(date)s in the calendar."),
        "invalid_time": _("Type the time as 24-hour hours and minutes, for example 09:30."),
        "time_required": _("Give the time, for example 09:30."),
        "min_value": _("The date must be on or after %(limit)s."),
        "max_value": _("The date must be on or before %(limit)s."),
    }

    def __init__(self, *, min_value: Bound = None, max_value: Bound = None, **kwargs):
        self.min_value = min_value
        self.max_value = max_value
        super().__init__(**kwargs)

    # --- reading what was typed -------------------------------------------------------------

    def _parts(self, value) -> list[str]:
        size = 4 if self.with_time else 3
        parts = [_clean_digits(p) for p in (value or [])][:size]
        return parts + [""] * (size - len(parts))

    def _date(self, day: str, month: str, year: str) -> dt.date:
        if not day.isdigit() or not 1 <= int(day) <= 31:
            raise ValidationError(self.error_messages["invalid_day"], code="invalid_day")
        if not month.isdigit() or not 1 <= int(month) <= 12:
            raise ValidationError(self.error_messages["invalid_month"], code="invalid_month")
        suggestion = _suggested_year(year)
        if suggestion is not None:
            raise ValidationError(
                self.error_messages["ce_year"], code="ce_year", params={"year": suggestion}
            )
        if not year.isdigit() or int(year) not in BE_YEARS:
            example = timezone.localdate().year + BE_OFFSET
            raise ValidationError(
                self.error_messages["invalid_year"],
                code="invalid_year",
                params={"example": example},
            )
        day_n, month_n, year_ce = int(day), int(month), int(year) - BE_OFFSET
        if day_n > calendar.monthrange(year_ce, month_n)[1]:
            text = f"{day_n} {MONTHS[month_n]} {year}"
            raise ValidationError(
                self.error_messages["impossible"], code="impossible", params={"date": text}
            )
        return dt.date(year_ce, month_n, day_n)

    def to_python(self, value):
        if isinstance(value, str):
            # One string, not the boxes: an ISO value from code (an initial, a link), or empty.
            if not value.strip():
                return None
            try:
                value = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                message = self.error_messages["incomplete"]
                raise ValidationError(message, code="incomplete") from None
        if isinstance(value, dt.datetime):
            return self._from_datetime(value)
        if isinstance(value, dt.date):
            return self._from_date(value)
        parts = self._parts(value)
        if not any(parts):
            return None
        if not all(parts[:3]):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        return self._combine(self._date(*parts[:3]), parts[3:])

    def _from_datetime(self, value: dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(BANGKOK)
        return value.date()

    def _from_date(self, value: dt.date):
        return value

    def _combine(self, date: dt.date, rest: list[str]):
        return date

    # --- checking it ------------------------------------------------------------------------

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        low, high = self._bound(self.min_value), self._bound(self.max_value)
        if low is not None and self._key(value) < self._key(low):
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit": self._show(low)},
            )
        if high is not None and self._key(value) > self._key(high):
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit": self._show(high)},
            )

    @staticmethod
    def _bound(bound: Bound):
        return bound() if callable(bound) else bound

    def _key(self, value):
        """What is compared with a bound: the Bangkok date for a date field."""
        if isinstance(value, dt.datetime):
            return value.astimezone(BANGKOK).date() if timezone.is_aware(value) else value.date()
        return value

    def _show(self, bound) -> str:
        return format_date(self._key(bound))

    # --- showing it again -------------------------------------------------------------------

    def bound_data(self, data, initial):
        """What the page shows after a submission: as typed, except a year that looked like
        the Christian era, shown as the B.E. year the question asks about."""
        if self.disabled:
            return initial
        if isinstance(data, (list, tuple)) and len(data) >= 3:
            suggestion = _suggested_year(data[2])
            if suggestion is not None:
                data = [*data]
                data[2] = str(suggestion)
        return data

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True


class ThaiDateTimeField(ThaiDateField):
    """A date and a 24-hour time, Asia/Bangkok; the cleaned value is an aware datetime.

    ``default_time`` fills an empty time box (e.g. ``datetime.time(23, 59)`` for a deadline);
    without it the time is required whenever a date is given."""

    widget = ThaiDateTimeWidget
    with_time = True

    def __init__(self, *, default_time: dt.time | None = None, **kwargs):
        self.default_time = default_time
        super().__init__(**kwargs)
        self.widget.time_optional = default_time is not None

    def _from_datetime(self, value: dt.datetime):
        if timezone.is_naive(value):
            return value.replace(tzinfo=BANGKOK)
        return value.astimezone(BANGKOK)

    def _from_date(self, value: dt.date):
        return dt.datetime.combine(value, self.default_time or dt.time(0, 0), tzinfo=BANGKOK)

    def _combine(self, date: dt.date, rest: list[str]):
        text = rest[0] if rest else ""
        if not text:
            if self.default_time is None:
                raise ValidationError(self.error_messages["time_required"], code="time_required")
            time = self.default_time
        else:
            time = parse_time(text)
            if time is None:
                raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
            if self.default_time and time == self.default_time.replace(second=0, microsecond=0):
                # 23:59 shown for a stored 23:59:59 comes back as 23:59:59, not a minute less.
                time = self.default_time
        return dt.datetime.combine(date, time, tzinfo=BANGKOK)

    def _key(self, value):
        # Date-times are compared as instants; a date bound means that whole Bangkok day.
        if isinstance(value, dt.datetime):
            return value if timezone.is_aware(value) else value.replace(tzinfo=BANGKOK)
        return dt.datetime.combine(value, dt.time(0, 0), tzinfo=BANGKOK)

    def validate(self, value):
        forms.Field.validate(self, value)
        if value is None:
            return
        low, high = self._bound(self.min_value), self._bound(self.max_value)
        if low is not None and value < self._key(low):
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit": self._show(low)},
            )
        if high is not None:
            limit = self._key(high)
            if not isinstance(high, dt.datetime):
                limit += dt.timedelta(days=1)  # a date bound includes its whole day
                too_late = value >= limit
            else:
                too_late = value > limit
            if too_late:
                raise ValidationError(
                    self.error_messages["max_value"],
                    code="max_value",
                    params={"limit": self._show(high)},
                )

    def _show(self, bound) -> str:
        if isinstance(bound, dt.datetime):
            return format_datetime(self._key(bound))
        return format_date(bound)
