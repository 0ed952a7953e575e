"""The Thai date and date-time fields: what a person types, what the form keeps, what it asks."""

import datetime as dt
import re
import zoneinfo

import pytest
from django import forms
from django.utils import timezone, translation

from learningcity.thai.fields import (
    ThaiDateField,
    ThaiDateTimeField,
    be_year_bounds,
    days_from_now,
    parse_time,
)

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


class DateForm(forms.Form):
    day = ThaiDateField(label="วันที่")


class OptionalDateForm(forms.Form):
    day = ThaiDateField(label="วันที่", required=False)


class DateTimeForm(forms.Form):
    at = ThaiDateTimeField(label="เวลา")


def _date(day="", month="", year="", form=DateForm):
    return form({"day_day": day, "day_month": month, "day_year": year})


def _at(day="", month="", year="", time="", **field_kwargs):
    class Form(forms.Form):
        at = ThaiDateTimeField(label="เวลา", **field_kwargs)

    return Form({"at_day": day, "at_month": month, "at_year": year, "at_time": time})


def _year_box(html: str, name: str) -> str:
    return re.search(rf'name="{name}_year" value="([^"]*)"', html)[1]


# --- the Buddhist-era year ---------------------------------------------------------------------


def test_date_field_buddhist_era_year_accepted():
    form = _date("5", "5", "2569")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2026, 5, 5)


def test_date_field_thai_digits_accepted():
    form = _date("๓๑", "7", "๒๕๖๙")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2026, 7, 31)


def test_date_field_christian_era_year_asks_and_prefills():
    form = _date("5", "5", "2026")
    assert form.is_valid() is False
    assert form.errors["day"] == [
        "ปี พ.ศ. 2569 ใช่หรือไม่ ระบบใส่ปี 2569 ไว้ให้แล้ว กดปุ่มอีกครั้งเพื่อยืนยัน หรือแก้ไขปี"
    ]
    assert form.errors.as_data()["day"][0].code == "ce_year"
    html = str(form["day"])
    assert _year_box(html, "day") == "2569"
    assert 'value="5" selected' in html
    # Confirming is submitting the page as it is shown.
    shown = form["day"].value()
    again = DateForm(dict(zip(["day_day", "day_month", "day_year"], shown, strict=True)))
    assert again.is_valid(), again.errors
    assert again.cleaned_data["day"] == dt.date(2026, 5, 5)


def test_date_field_two_digit_year_asks_for_the_buddhist_era_year():
    form = _date("1", "10", "69")
    assert form.errors["day"][0].startswith("ปี พ.ศ. 2569 ใช่หรือไม่")
    assert _year_box(str(form["day"]), "day") == "2569"


@pytest.mark.parametrize("year", ["3112", "2399", "ปี", "12345"])
def test_date_field_implausible_year_refused(year):
    form = _date("1", "1", year)
    assert form.is_valid() is False
    assert form.errors.as_data()["day"][0].code == "invalid_year"
    # No suggestion is made: the year is shown as typed (cut at the box's four characters
    # only by the browser).
    assert _year_box(str(form["day"]), "day") == year


# --- impossible dates and parts ----------------------------------------------------------------


def test_date_field_31_february_refused_in_thai():
    form = _date("31", "2", "2569")
    assert form.errors["day"] == ["ไม่มีวันที่ 31 กุมภาพันธ์ 2569 ในปฏิทิน"]


def test_date_field_29_february_of_a_leap_year_accepted():
    assert _date("29", "2", "2567").is_valid() is True  # 2024
    assert _date("29", "2", "2569").errors.as_data()["day"][0].code == "impossible"


@pytest.mark.parametrize(
    ("day", "month", "code"),
    [("0", "5", "invalid_day"), ("32", "5", "invalid_day"), ("x", "5", "invalid_day")],
)
def test_date_field_bad_day_refused(day, month, code):
    form = _date(day, month, "2569")
    assert form.errors.as_data()["day"][0].code == code
    assert form.errors["day"] == ["กรอกวันที่เป็นตัวเลข 1 ถึง 31"]


def test_date_field_forged_month_refused():
    form = _date("1", "13", "2569")
    assert form.errors["day"] == ["กรุณาเลือกเดือน"]


# --- empty and required ------------------------------------------------------------------------


def test_date_field_empty_required_refused():
    form = _date()
    assert form.errors.as_data()["day"][0].code == "required"


def test_date_field_empty_optional_is_none():
    form = _date(form=OptionalDateForm)
    assert form.is_valid() is True
    assert form.cleaned_data["day"] is None


def test_date_field_missing_keys_of_a_get_filter_is_none():
    form = OptionalDateForm({"q": "x"})
    assert form.is_valid() is True
    assert form.cleaned_data["day"] is None


def test_date_field_partly_filled_refused():
    form = _date("5", "", "2569", form=OptionalDateForm)
    assert form.errors["day"] == ["กรุณากรอกวันที่ เลือกเดือน และกรอกปี พ.ศ. ให้ครบ"]
    # What was typed stays in the boxes.
    html = str(form["day"])
    assert 'name="day_day" value="5"' in html
    assert _year_box(html, "day") == "2569"


def test_date_time_field_missing_time_refused():
    form = _at("5", "5", "2569", "")
    assert form.errors["at"] == ["กรุณากรอกเวลา เช่น 09:30"]


def test_date_time_field_default_time_fills_an_empty_time():
    form = _at("31", "7", "2569", "", default_time=dt.time(23, 59, 59))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == dt.datetime(2026, 7, 31, 23, 59, 59, tzinfo=BANGKOK)


def test_date_time_field_default_time_box_not_required_in_the_browser():
    class Form(forms.Form):
        ends = ThaiDateTimeField(default_time=dt.time(23, 59, 59))
        starts = ThaiDateTimeField()

    form = Form()
    ends, starts = str(form["ends"]), str(form["starts"])
    assert re.search(r'name="ends_time"[^>]* required', ends) is None
    assert re.search(r'name="ends_year"[^>]* required', ends) is not None
    assert re.search(r'name="starts_time"[^>]* required', starts) is not None


def test_date_time_field_shown_default_time_keeps_its_seconds():
    form = _at("31", "7", "2569", "23:59", default_time=dt.time(23, 59, 59))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"].time() == dt.time(23, 59, 59)


# --- times -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:30", dt.time(9, 30)),
        ("9.30", dt.time(9, 30)),
        ("0930", dt.time(9, 30)),
        ("930", dt.time(9, 30)),
        ("9", dt.time(9, 0)),
        (" 16:05 ", dt.time(16, 5)),
        ("๐๙.๓๐", dt.time(9, 30)),
        ("09.30 น.", dt.time(9, 30)),
        ("00:00", dt.time(0, 0)),
        ("23:59", dt.time(23, 59)),
    ],
)
def test_parse_time_accepts_how_thai_people_type_it(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "9:60", "9:5", "เก้าโมง", "9:30pm", "12345", ""])
def test_parse_time_refuses_what_is_not_a_24_hour_time(text):
    assert parse_time(text) is None


def test_date_time_field_bad_time_refused_in_thai():
    form = _at("5", "5", "2569", "25.00")
    assert form.errors["at"] == ["กรอกเวลาแบบ 24 ชั่วโมง เป็นชั่วโมงและนาที เช่น 09:30"]


# --- time zone ---------------------------------------------------------------------------------


def test_date_time_field_is_bangkok_time():
    form = _at("1", "1", "2570", "00:00")
    assert form.is_valid(), form.errors
    value = form.cleaned_data["at"]
    assert value.astimezone(dt.UTC) == dt.datetime(2026, 12, 31, 17, 0, tzinfo=dt.UTC)


def test_date_time_field_date_bound_includes_the_whole_bangkok_day():
    high = dt.date(2026, 12, 31)
    assert _at("31", "12", "2569", "23:59", max_value=high).is_valid() is True
    late = _at("1", "1", "2570", "00:00", max_value=high)
    assert late.errors["at"] == ["วันที่ต้องไม่หลัง 31 ธันวาคม 2569"]
    low = dt.date(2027, 1, 1)
    early = _at("31", "12", "2569", "23:59", min_value=low)
    assert early.errors["at"] == ["วันที่ต้องไม่ก่อน 1 มกราคม 2570"]
    assert _at("1", "1", "2570", "00:00", min_value=low).is_valid() is True


def test_date_time_field_datetime_bound_to_the_minute():
    # 17:00 UTC on 31 December is midnight of 1 January 2570 in Bangkok.
    low = dt.datetime(2026, 12, 31, 17, 0, tzinfo=dt.UTC)
    assert _at("1", "1", "2570", "00:00", min_value=low).is_valid() is True
    form = _at("31", "12", "2569", "23:59", min_value=low)
    assert form.errors["at"] == ["วันที่ต้องไม่ก่อน 1 มกราคม 2570 เวลา 00:00 น."]


def test_date_field_compares_the_bangkok_date_of_a_datetime_bound():
    class Form(forms.Form):
        day = ThaiDateField(min_value=dt.datetime(2026, 12, 31, 17, 0, tzinfo=dt.UTC))

    assert Form({"day_day": "1", "day_month": "1", "day_year": "2570"}).is_valid() is True
    refused = Form({"day_day": "31", "day_month": "12", "day_year": "2569"})
    assert refused.errors["day"] == ["วันที่ต้องไม่ก่อน 1 มกราคม 2570"]


# --- bounds ------------------------------------------------------------------------------------


def test_date_time_field_callable_bounds_refuse_a_date_years_away():
    now = timezone.localtime(timezone.now(), BANGKOK)
    year = now.year + 543

    def form(years_ahead):
        return _at(
            str(now.day if now.day <= 28 else 28),
            str(now.month),
            str(year + years_ahead),
            "09:00",
            min_value=days_from_now(-366),
            max_value=days_from_now(366),
        )

    assert form(0).is_valid() is True
    far = form(3)
    assert far.errors.as_data()["at"][0].code == "max_value"
    assert far.errors["at"][0].startswith("วันที่ต้องไม่หลัง ")
    assert form(-3).errors.as_data()["at"][0].code == "min_value"


def test_be_year_bounds_of_an_edition_year():
    assert be_year_bounds(2569) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert be_year_bounds(2569, spill_years=1) == (dt.date(2025, 1, 1), dt.date(2027, 12, 31))


def test_date_field_edition_bounds_refuse_another_year():
    class Form(forms.Form):
        day = ThaiDateField()

    form = Form({"day_day": "5", "day_month": "5", "day_year": "2570"})
    form.fields["day"].min_value, form.fields["day"].max_value = be_year_bounds(2569)
    assert form.errors["day"] == ["วันที่ต้องไม่หลัง 31 ธันวาคม 2569"]


# --- showing values ----------------------------------------------------------------------------


def test_date_time_field_initial_renders_in_buddhist_era_bangkok():
    class Form(forms.Form):
        at = ThaiDateTimeField()

    # 17:30 UTC on 31 December 2026 is 00:30 on 1 January 2570 in Bangkok.
    html = str(Form(initial={"at": dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC)})["at"])
    assert 'name="at_day" value="1"' in html
    assert '<option value="1" selected>มกราคม</option>' in html
    assert _year_box(html, "at") == "2570"
    assert 'name="at_time" value="00:30"' in html


def test_date_field_renders_thai_month_names_and_no_native_picker():
    html = str(DateForm()["day"])
    months = re.findall(r'<option value="\d+">([^<]+)</option>', html)
    assert months[:3] == ["มกราคม", "กุมภาพันธ์", "มีนาคม"]
    assert len(months) == 12
    assert 'type="date' not in html
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert ">ปี พ.ศ.<" in html
    # The field's label points at the day box.
    assert DateForm()["day"].id_for_label == "id_day_0"


def test_date_field_unchanged_initial_is_not_a_change():
    form = DateForm(
        {"day_day": "5", "day_month": "5", "day_year": "2569"},
        initial={"day": dt.date(2026, 5, 5)},
    )
    assert form.has_changed() is False
    changed = DateForm(
        {"day_day": "6", "day_month": "5", "day_year": "2569"},
        initial={"day": dt.date(2026, 5, 5)},
    )
    assert changed.has_changed() is True


def test_date_field_english_labels_in_english():
    with translation.override("en"):
        html = str(DateForm()["day"])
    assert ">year (B.E.)<" in html
    assert '<option value="2">February</option>' in html


def test_date_fields_read_one_iso_string_from_code():
    assert ThaiDateField().clean("2026-05-05") == dt.date(2026, 5, 5)
    assert ThaiDateTimeField().clean("2026-05-05T09:30") == dt.datetime(
        2026, 5, 5, 9, 30, tzinfo=BANGKOK
    )
    assert ThaiDateField(required=False).clean("") is None
    with pytest.raises(forms.ValidationError) as refused:
        ThaiDateField().clean("5 พ.ค.")
    assert refused.value.code == "incomplete"
