"""The bundled DLA file, imported once for this module (see ``real_registry``)."""

from collections import Counter

import pytest

from learningcity.registry import services
from learningcity.registry.enums import LocalGovernmentType
from learningcity.registry.models import District, LocalGovernment, Province


def snapshot():
    return list(
        LocalGovernment.objects.order_by("dla_code").values_list("dla_code", *services.LG_FIELDS)
    )


@pytest.mark.django_db
def test_import_registry_real_file_creates_every_row(real_registry):
    counts = Counter(LocalGovernment.objects.values_list("type", flat=True))

    assert real_registry.created == 7849
    assert LocalGovernment.objects.count() == 7849
    assert counts == {
        LocalGovernmentType.PROVINCIAL_ADMIN_ORG: 76,
        LocalGovernmentType.CITY_MUNICIPALITY: 30,
        LocalGovernmentType.TOWN_MUNICIPALITY: 195,
        LocalGovernmentType.SUBDISTRICT_MUNICIPALITY: 2247,
        LocalGovernmentType.SUBDISTRICT_ADMIN_ORG: 5300,
        LocalGovernmentType.SPECIAL_ADMIN_AREA: 1,
    }
    assert Province.objects.count() == 77
    assert Province.objects.get(code="10").name_th == "กรุงเทพมหานคร"
    assert District.objects.count() == 928
    assert real_registry.districts_unmatched == 0
    assert LocalGovernment.objects.filter(district__isnull=True).count() == 0
    assert LocalGovernment.objects.filter(province__code="10").count() == 0
    assert LocalGovernment.objects.filter(area_km2__isnull=True).count() == 2365 + 37
    assert real_registry.values_cleared == 83


@pytest.mark.django_db
def test_import_registry_real_file_again_changes_nothing(real_registry):
    before = snapshot()

    skipped = services.import_registry()
    forced = services.import_registry(force=True)

    assert skipped.skipped is True
    assert (skipped.created, skipped.updated, skipped.unchanged) == (0, 0, 7849)
    assert forced.skipped is False
    assert (forced.created, forced.updated, forced.unchanged) == (0, 0, 7849)
    assert snapshot() == before


@pytest.mark.django_db
def test_import_registry_real_file_pattaya_has_its_name_as_full_name(real_registry):
    pattaya = LocalGovernment.objects.get(type=LocalGovernmentType.SPECIAL_ADMIN_AREA)

    assert (pattaya.dla_code, pattaya.name_th, pattaya.full_name_th) == (
        "3200408",
        "เมืองพัทยา",
        "เมืองพัทยา",
    )
    assert pattaya.district_name == "บางละมุง"


@pytest.mark.django_db
def test_search_real_registry_bare_name_finds_both_khlong_thom_tai(real_registry):
    result = services.search("คลองท่อมใต้")

    assert [
        (lg.full_name_th, lg.type_abbreviation, lg.district_name, lg.province.name_th)
        for lg in result.local_governments
    ] == [
        ("เทศบาลตำบลคลองท่อมใต้", "ทต.", "คลองท่อม", "กระบี่"),
        ("องค์การบริหารส่วนตำบลคลองท่อมใต้", "อบต.", "คลองท่อม", "กระบี่"),
    ]


@pytest.mark.django_db
def test_search_real_registry_abbreviation_finds_only_municipality(real_registry):
    result = services.search("ทต.คลองท่อมใต้")

    assert [lg.dla_code for lg in result.local_governments] == ["5810401"]
