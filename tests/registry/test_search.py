import pytest

from learningcity.registry import services
from learningcity.registry.enums import LocalGovernmentType
from tests.factories import LocalGovernmentFactory, ProvinceFactory

SM = LocalGovernmentType.SUBDISTRICT_MUNICIPALITY
SAO = LocalGovernmentType.SUBDISTRICT_ADMIN_ORG
MUNICIPALITIES = (
    LocalGovernmentType.CITY_MUNICIPALITY,
    LocalGovernmentType.TOWN_MUNICIPALITY,
    SM,
)


@pytest.mark.parametrize(
    ("query", "name", "types"),
    [
        ("คลองท่อมใต้", "คลองท่อมใต้", ()),
        ("  คลอง ท่อม ใต้ ", "คลองท่อมใต้", ()),
        ("เทศบาลตำบลคลองท่อมใต้", "คลองท่อมใต้", (SM,)),
        ("องค์การบริหารส่วนตำบลคลองท่อมใต้", "คลองท่อมใต้", (SAO,)),
        ("อบต.คลองท่อมใต้", "คลองท่อมใต้", (SAO,)),
        ("ทต. คลองท่อมใต้", "คลองท่อมใต้", (SM,)),
        ("อบต คลองท่อมใต้", "คลองท่อมใต้", (SAO,)),
        ("อบจ.กระบี่", "กระบี่", (LocalGovernmentType.PROVINCIAL_ADMIN_ORG,)),
        ("เทศบาลนครเชียงใหม่", "เชียงใหม่", (LocalGovernmentType.CITY_MUNICIPALITY,)),
        ("ทม.บางกรวย", "บางกรวย", (LocalGovernmentType.TOWN_MUNICIPALITY,)),
        ("เทศบาลคลองท่อมใต้", "คลองท่อมใต้", MUNICIPALITIES),
        ("ทมอ", "ทมอ", ()),
        ("อบทม", "อบทม", ()),
        ("เมืองพัทยา", "เมืองพัทยา", ()),
        ("คลองท่อมใต\u0e4d\u0e32", "คลองท่อมใต\u0e33", ()),
    ],
)
def test_parse_query_strips_known_prefix(query, name, types):
    assert services.parse_query(query) == (name, types)


@pytest.mark.django_db
def test_search_bare_name_finds_both_types(khlong_thom):
    municipality, sao = khlong_thom

    result = services.search("คลองท่อมใต้")

    assert result.local_governments == [municipality, sao]
    assert result.has_more is False
    assert result.is_bangkok is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("เทศบาลตำบลคลองท่อมใต้", ["5810401"]),
        ("ทต.คลองท่อมใต้", ["5810401"]),
        ("ทต. คลองท่อมใต้", ["5810401"]),
        ("อบต.คลองท่อมใต้", ["6810408"]),
        ("องค์การบริหารส่วนตำบลคลองท่อมใต้", ["6810408"]),
        ("ทม.คลองท่อมใต้", []),
    ],
)
@pytest.mark.django_db
def test_search_with_prefix_narrows_by_type(khlong_thom, query, expected):
    result = services.search(query)

    assert [lg.dla_code for lg in result.local_governments] == expected


@pytest.mark.django_db
def test_search_orders_exact_then_prefix_then_contains():
    contains = LocalGovernmentFactory(name_th="บ้านคลองท่อม")
    prefix = LocalGovernmentFactory(name_th="คลองท่อมใต้")
    exact = LocalGovernmentFactory(name_th="คลองท่อม")

    result = services.search("คลองท่อม")

    assert result.local_governments == [exact, prefix, contains]


@pytest.mark.django_db
def test_search_province_narrows(khlong_thom):
    phang_nga = ProvinceFactory(code="82", name_th="พังงา", name_en="Phang Nga")
    other = LocalGovernmentFactory(name_th="คลองท่อมใต้", province=phang_nga)

    in_phang_nga = services.search("คลองท่อมใต้", province_code="82")
    in_krabi = services.search("คลองท่อมใต้", province_code="81")

    assert in_phang_nga.local_governments == [other]
    assert in_krabi.local_governments == list(khlong_thom)


@pytest.mark.django_db
def test_search_over_limit_reports_more():
    for number in range(4):
        LocalGovernmentFactory(name_th=f"บางพลี{number}")

    result = services.search("บางพลี", limit=3)

    assert [lg.name_th for lg in result.local_governments] == ["บางพลี0", "บางพลี1", "บางพลี2"]
    assert result.has_more is True


@pytest.mark.django_db
def test_search_no_match_returns_empty(khlong_thom):
    result = services.search("ไม่มีชื่อนี้")

    assert result.local_governments == []
    assert result.too_short is False


@pytest.mark.parametrize("query", ["", "ก", "  ก ", "อบต.", "ทต. ก"])
def test_search_short_query_runs_no_query(query):
    # No database for this test: a query would fail it.
    result = services.search(query)

    assert result.too_short is True
    assert result.local_governments == []


@pytest.mark.parametrize(
    ("query", "province_code"),
    [
        ("กรุงเทพ", None),
        ("กรุงเทพมหานคร", None),
        ("กทม.", None),
        ("Bangkok", None),
        ("เขตบางรัก BANGKOK", None),
        ("", "10"),
        ("บางรัก", "10"),
    ],
)
@pytest.mark.django_db
def test_search_bangkok_is_flagged(query, province_code):
    result = services.search(query, province_code=province_code)

    assert result.is_bangkok is True
    assert result.local_governments == []
