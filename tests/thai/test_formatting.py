import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from learningcity.thai import formatting

UTC = dt.UTC
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def test_format_date_thai_buddhist_era():
    assert formatting.format_date(dt.date(2026, 7, 31)) == "31 กรกฎาคม 2569"


def test_format_date_short_thai():
    assert formatting.format_date(dt.date(2026, 5, 5), short=True) == "5 พ.ค. 2569"


def test_format_date_thai_digits():
    assert formatting.format_date(dt.date(2026, 9, 1), digits=True) == "๑ กันยายน ๒๕๖๙"


def test_format_datetime_converts_utc_to_bangkok():
    # 17:00 UTC on 31 July is already 1 August, 00:00 in Bangkok.
    value = dt.datetime(2026, 7, 31, 17, 0, tzinfo=UTC)
    assert formatting.format_datetime(value) == "1 สิงหาคม 2569 เวลา 00:00 น."


def test_format_datetime_english_uses_common_era():
    value = dt.datetime(2026, 7, 31, 23, 59, tzinfo=BANGKOK)
    with translation.override("en"):
        assert formatting.format_datetime(value) == "31 July 2026, 23:59"


def test_format_date_range_same_month():
    start = dt.datetime(2026, 5, 5, tzinfo=BANGKOK)
    end = dt.datetime(2026, 5, 29, 23, 59, 59, tzinfo=BANGKOK)
    assert formatting.format_date_range(start, end) == "5 – 29 พฤษภาคม 2569"


def test_format_date_range_across_months():
    start = dt.datetime(2026, 6, 1, tzinfo=BANGKOK)
    end = dt.datetime(2026, 7, 31, 23, 59, 59, tzinfo=BANGKOK)
    assert formatting.format_date_range(start, end) == "1 มิถุนายน – 31 กรกฎาคม 2569"


def test_format_date_range_single_day():
    start = dt.datetime(2026, 8, 17, tzinfo=BANGKOK)
    end = dt.datetime(2026, 8, 17, 23, 59, 59, tzinfo=BANGKOK)
    assert formatting.format_date_range(start, end) == "17 สิงหาคม 2569"


def test_format_date_range_across_years():
    start = dt.datetime(2026, 12, 20, tzinfo=BANGKOK)
    end = dt.datetime(2027, 1, 10, tzinfo=BANGKOK)
    assert formatting.format_date_range(start, end) == "20 ธันวาคม 2569 – 10 มกราคม 2570"


def test_be_year_of_ce_year_and_date():
    assert formatting.be_year(2026) == 2569
    assert formatting.be_year(dt.date(2028, 1, 1)) == 2571


@pytest.mark.parametrize(
    ("amount", "words"),
    [(30000, "สามหมื่นบาทถ้วน"), (Decimal("1234.50"), "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์")],
)
def test_baht_words(amount, words):
    assert formatting.baht_words(amount) == words


def test_format_number_groups_thousands():
    assert formatting.format_number(Decimal("30000.00")) == "30,000"


def test_template_filters_are_builtins():
    template = Template(
        "{{ d|thai_date }} | {{ d|thai_date_short }} | {{ n|baht_words }} | {{ y|thai_digits }}"
    )
    rendered = template.render(Context({"d": dt.date(2026, 9, 1), "n": 30000, "y": 2569}))
    assert rendered == "1 กันยายน 2569 | 1 ก.ย. 2569 | สามหมื่นบาทถ้วน | ๒๕๖๙"
