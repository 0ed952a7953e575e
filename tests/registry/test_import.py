from decimal import Decimal

import pytest

from learningcity.registry import dla_file, services
from learningcity.registry.models import LocalGovernment, Province, RegistryImport

KRABI_SAO = "6810408,subdistrict_admin_org,คลองท่อมใต้,81,คลองท่อม,7.944773,99.152228,"
KRABI_SM = "5810401,subdistrict_municipality,คลองท่อมใต้,81,คลองท่อม,7.952981685,99.15039092,2.7"


@pytest.mark.django_db
def test_import_registry_small_file_sets_names_and_district(write_csv):
    report = services.import_registry(write_csv(KRABI_SM, KRABI_SAO))
    municipality = LocalGovernment.objects.select_related("district").get(dla_code="5810401")

    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert municipality.full_name_th == "เทศบาลตำบลคลองท่อมใต้"
    assert municipality.district.code == "8104"
    assert municipality.district_th == "คลองท่อม"
    assert municipality.lat == Decimal("7.9529817")
    assert municipality.lon == Decimal("99.1503909")
    assert municipality.area_km2 == Decimal("2.70")


@pytest.mark.django_db
def test_import_registry_empty_values_stay_null(write_csv):
    services.import_registry(write_csv("6810408,subdistrict_admin_org,คลองท่อมใต้,81,คลองท่อม,,,"))
    sao = LocalGovernment.objects.get(dla_code="6810408")

    assert (sao.lat, sao.lon, sao.area_km2) == (None, None, None)


@pytest.mark.django_db
def test_import_registry_impossible_values_are_stored_as_unknown(write_csv):
    report = services.import_registry(
        write_csv(
            "6810408,subdistrict_admin_org,คลองท่อมใต้,81,คลองท่อม,7.94,,0",
            "5810401,subdistrict_municipality,คลองท่อมใต้,81,คลองท่อม,5,97,70370150",
        )
    )
    values = sorted(LocalGovernment.objects.values_list("dla_code", "lat", "lon", "area_km2"))

    assert values == [("5810401", None, None, None), ("6810408", None, None, None)]
    assert report.values_cleared == 4


@pytest.mark.django_db
def test_import_registry_changed_row_is_updated(write_csv):
    services.import_registry(write_csv(KRABI_SM, KRABI_SAO))

    report = services.import_registry(
        write_csv(KRABI_SM.replace(",2.7", ",3.1"), KRABI_SAO, name="second.csv")
    )

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert LocalGovernment.objects.get(dla_code="5810401").area_km2 == Decimal("3.10")


@pytest.mark.django_db
def test_import_registry_unchanged_file_is_skipped(write_csv):
    path = write_csv(KRABI_SM, KRABI_SAO)
    services.import_registry(path)

    report = services.import_registry(path)

    assert report.skipped is True
    assert RegistryImport.objects.count() == 1


@pytest.mark.django_db
def test_import_registry_district_written_differently_still_matches(write_csv):
    report = services.import_registry(
        write_csv(
            "6810408,subdistrict_admin_org,คลองท่อมใต้,81, คลองท่อม ,,,",
            "6810101,subdistrict_admin_org,ทดสอบ,81,กระบี่,,,",
            "6810102,subdistrict_admin_org,ทดสอบสอง,81,ไม่มีอำเภอนี้,,,",
        )
    )
    districts = dict(LocalGovernment.objects.values_list("dla_code", "district__code"))

    assert districts == {"6810408": "8104", "6810101": "8101", "6810102": None}
    assert report.districts_unmatched == 1
    assert report.unmatched_district_names == ["ไม่มีอำเภอนี้ (กระบี่)"]
    assert LocalGovernment.objects.get(dla_code="6810102").district_name == "ไม่มีอำเภอนี้"


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        (
            "6810409,county,คลองท่อมเหนือ,81,คลองท่อม,,,",
            "บรรทัดที่ 4: ไม่รู้จักประเภท “county”",
        ),
        (
            "6820409,subdistrict_admin_org,คลองท่อมเหนือ,81,คลองท่อม,,,",
            "บรรทัดที่ 4: รหัส สถ. “6820409” ไม่ถูกต้อง (ต้องเป็นตัวเลข 7 หลัก โดยหลักที่ 2 และ 3 เป็นรหัสจังหวัด)",
        ),
        (
            "681040,subdistrict_admin_org,คลองท่อมเหนือ,81,คลองท่อม,,,",
            "บรรทัดที่ 4: รหัส สถ. “681040” ไม่ถูกต้อง (ต้องเป็นตัวเลข 7 หลัก โดยหลักที่ 2 และ 3 เป็นรหัสจังหวัด)",
        ),
        (
            "6810408,subdistrict_admin_org,ซ้ำ,81,คลองท่อม,,,",
            "บรรทัดที่ 4: รหัส สถ. 6810408 ซ้ำกับบรรทัดที่ 3",
        ),
        (
            "6810409,subdistrict_admin_org,คลองท่อมเหนือ,81,คลองท่อม,เจ็ด,,",
            "บรรทัดที่ 4: lat ไม่ใช่ตัวเลข: “เจ็ด”",
        ),
        (
            "6810409,subdistrict_admin_org,คลองท่อมเหนือ,81",
            "บรรทัดที่ 4: ต้องมี 8 คอลัมน์",
        ),
    ],
    ids=["type", "province-in-code", "short-code", "duplicate", "lat", "columns"],
)
@pytest.mark.django_db
def test_import_registry_malformed_row_raises_and_writes_nothing(write_csv, bad_line, message):
    path = write_csv(KRABI_SM, KRABI_SAO, bad_line)

    with pytest.raises(dla_file.RegistryFileError) as raised:
        services.import_registry(path)

    assert raised.value.line == 4
    assert str(raised.value) == message
    assert LocalGovernment.objects.count() == 0
    assert Province.objects.count() == 0
    assert RegistryImport.objects.count() == 0


@pytest.mark.django_db
def test_import_registry_wrong_header_raises(tmp_path):
    path = tmp_path / "dla.csv"
    path.write_text("code,name\n1,x\n", encoding="utf-8")

    with pytest.raises(dla_file.RegistryFileError) as raised:
        services.import_registry(path)

    assert raised.value.line == 1
    assert Province.objects.count() == 0
