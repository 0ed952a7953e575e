"""Provinces and districts are listed in Thai dictionary order (ก–ฮ), not by code point."""

import pytest

from learningcity.judging.forms import ConflictForm
from learningcity.registry.collation import renumber, thai_ranks
from learningcity.registry.forms import SearchForm
from learningcity.registry.models import District, Province
from tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db

NAMES = ["แพร่", "อ่างทอง", "เชียงราย", "กรุงเทพมหานคร", "ชลบุรี", "ไม่มีจริง"]
THAI_ORDER = ["กรุงเทพมหานคร", "ชลบุรี", "เชียงราย", "แพร่", "ไม่มีจริง", "อ่างทอง"]


def test_thai_ranks_leading_vowel_sorts_by_its_consonant():
    ranks = thai_ranks(NAMES)

    assert sorted(NAMES, key=ranks.get) == THAI_ORDER
    assert sorted(NAMES) != THAI_ORDER  # code-point order puts เ แ ไ after อ


def test_provinces_listed_in_thai_order_after_renumber():
    for code, name in enumerate(NAMES, start=10):
        ProvinceFactory(code=str(code), name_th=name)

    changed = renumber(Province)

    assert changed == 5  # the first name in Thai order keeps rank 0
    assert list(Province.objects.values_list("name_th", flat=True)) == THAI_ORDER


def test_province_menu_offers_provinces_in_thai_order():
    for code, name in enumerate(NAMES, start=10):
        ProvinceFactory(code=str(code), name_th=name)
    renumber(Province)

    for form in (SearchForm(), ConflictForm()):
        field = form.fields["province"]
        assert [province.name_th for province in field.queryset] == THAI_ORDER


def test_districts_listed_by_province_then_thai_order():
    north = ProvinceFactory(code="57", name_th="เชียงราย")
    bangkok = ProvinceFactory(code="10", name_th="กรุงเทพมหานคร")
    for code, (province, name) in enumerate(
        [(north, "แม่สาย"), (north, "เชียงแสน"), (bangkok, "บางรัก"), (north, "ขุนตาล")]
    ):
        District.objects.create(code=f"90{code}", province=province, name_th=name, name_en="x")
    renumber(Province)
    renumber(District)

    assert list(District.objects.values_list("name_th", flat=True)) == [
        "บางรัก",
        "ขุนตาล",
        "เชียงแสน",
        "แม่สาย",
    ]
