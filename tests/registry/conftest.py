from pathlib import Path

import pytest

from learningcity.registry import dla_file, services
from learningcity.registry.enums import LocalGovernmentType
from learningcity.registry.models import District, LocalGovernment, Province, RegistryImport
from tests.factories import LocalGovernmentFactory, ProvinceFactory

HEADER = ",".join(dla_file.COLUMNS)


@pytest.fixture
def write_csv(tmp_path):
    """Writes a DLA-shaped CSV (the header plus the given lines) and returns its path."""

    def write(*lines: str, name: str = "dla.csv") -> Path:
        path = tmp_path / name
        path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="module")
def real_registry(django_db_setup, django_db_blocker):
    """The whole bundled DLA file imported once per module, removed again afterwards."""
    with django_db_blocker.unblock():
        report = services.import_registry(force=True)
        yield report
        LocalGovernment.objects.all().delete()
        District.objects.all().delete()
        Province.objects.all().delete()
        RegistryImport.objects.all().delete()


@pytest.fixture
def khlong_thom():
    """Krabi's two local governments named คลองท่อมใต้, shaped as the import makes them."""
    krabi = ProvinceFactory()
    district = District.objects.create(
        code="8104", province=krabi, name_th="คลองท่อม", name_en="Khlong Thom"
    )
    municipality = LocalGovernmentFactory(
        dla_code="5810401",
        type=LocalGovernmentType.SUBDISTRICT_MUNICIPALITY,
        name_th="คลองท่อมใต้",
        full_name_th="เทศบาลตำบลคลองท่อมใต้",
        province=krabi,
        district=district,
    )
    sao = LocalGovernmentFactory(
        dla_code="6810408",
        name_th="คลองท่อมใต้",
        full_name_th="องค์การบริหารส่วนตำบลคลองท่อมใต้",
        province=krabi,
        district=district,
    )
    return municipality, sao
