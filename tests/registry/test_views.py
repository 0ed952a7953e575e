import pytest
from django.urls import reverse

from learningcity.registry.models import Province
from tests.factories import LocalGovernmentFactory, ProvinceFactory

URL = reverse("registry:search")
HTMX = {"HTTP_HX_REQUEST": "true"}
BANGKOK_TITLE = "กรุงเทพมหานครไม่อยู่ในทะเบียนนี้"
NO_MATCH = "ไม่พบองค์กรปกครองส่วนท้องถิ่นที่ตรงกับ"


def test_search_url_is_registry_root():
    assert URL == "/registry/"


@pytest.mark.django_db
def test_search_page_without_query_shows_form_and_hint(client):
    response = client.get(URL)
    page = response.content.decode()

    assert response.status_code == 200
    assert '<input type="search" name="q"' in page
    assert 'hx-trigger="input changed delay:300ms, search"' in page
    assert 'hx-target="#registry-results"' in page
    assert '<select name="province"' in page
    assert "พิมพ์ชื่ออย่างน้อย 2 ตัวอักษรเพื่อค้นหา" in page


@pytest.mark.django_db
def test_search_page_with_query_lists_results_without_javascript(client, khlong_thom):
    response = client.get(URL, {"q": "คลองท่อมใต้"})
    page = response.content.decode()

    assert response.status_code == 200
    assert "<html" in page
    assert "พบองค์กรปกครองส่วนท้องถิ่น 2 แห่ง" in page
    assert 'data-dla-code="5810401"' in page
    assert 'data-dla-code="6810408"' in page
    assert "เทศบาลตำบลคลองท่อมใต้" in page
    assert "เทศบาลตำบล (ทต.)" in page
    assert "องค์การบริหารส่วนตำบล (อบต.)" in page
    assert "อำเภอคลองท่อม" in page
    assert "จังหวัดกระบี่" in page


@pytest.mark.django_db
def test_search_abbreviation_lists_only_municipality(client, khlong_thom):
    page = client.get(URL, {"q": "ทต.คลองท่อมใต้"}, **HTMX).content.decode()

    assert page.count("<li ") == 1
    assert 'data-dla-code="5810401"' in page


@pytest.mark.django_db
def test_search_htmx_returns_only_results_partial(client, khlong_thom):
    response = client.get(URL, {"q": "คลองท่อมใต้"}, **HTMX)
    page = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in page
    assert "<form" not in page
    assert page.count('<li class="result"') == 2
    assert response.headers["Vary"].startswith("HX-Request")


@pytest.mark.django_db
def test_search_htmx_history_restore_returns_full_page(client, khlong_thom):
    response = client.get(URL, {"q": "คลองท่อมใต้"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)

    assert "<html" in response.content.decode()


@pytest.mark.django_db
def test_search_no_match_shows_thai_message(client, khlong_thom):
    page = client.get(URL, {"q": "ไม่มีชื่อนี้"}).content.decode()

    assert "ไม่พบองค์กรปกครองส่วนท้องถิ่นที่ตรงกับ “ไม่มีชื่อนี้”" in page
    assert "data-dla-code" not in page


@pytest.mark.django_db
def test_search_no_match_in_province_names_province(client, khlong_thom):
    page = client.get(URL, {"q": "ไม่มีชื่อนี้", "province": "81"}, **HTMX).content.decode()

    assert "ไม่พบองค์กรปกครองส่วนท้องถิ่นที่ตรงกับ “ไม่มีชื่อนี้” ในจังหวัดกระบี่" in page


@pytest.mark.django_db
def test_search_province_narrows_results(client, khlong_thom):
    phang_nga = ProvinceFactory(code="82", name_th="พังงา", name_en="Phang Nga")
    LocalGovernmentFactory(dla_code="6820101", name_th="คลองท่อมใต้", province=phang_nga)

    page = client.get(URL, {"q": "คลองท่อมใต้", "province": "82"}, **HTMX).content.decode()

    assert page.count('<li class="result"') == 1
    assert 'data-dla-code="6820101"' in page


@pytest.mark.django_db
def test_search_unknown_province_shows_error(client):
    page = client.get(URL, {"q": "คลองท่อมใต้", "province": "99"}, **HTMX).content.decode()

    assert "โปรดเลือกจังหวัดจากรายการ" in page


@pytest.mark.django_db
def test_search_short_query_shows_hint_without_querying(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL, {"q": "ก"}, **HTMX)

    assert "พิมพ์ชื่ออย่างน้อย 2 ตัวอักษรเพื่อค้นหา" in response.content.decode()


@pytest.mark.parametrize("params", [{"q": "กรุงเทพ"}, {"q": "กทม"}, {"q": "Bangkok"}])
@pytest.mark.django_db
def test_search_bangkok_explains_it_is_not_in_registry(client, params):
    page = client.get(URL, params).content.decode()

    assert BANGKOK_TITLE in page
    assert "พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร พ.ศ. 2528" in page
    assert NO_MATCH not in page


@pytest.mark.django_db
def test_search_bangkok_province_explains_it_is_not_in_registry(client):
    Province.objects.create(code="10", name_th="กรุงเทพมหานคร", name_en="Bangkok")

    page = client.get(URL, {"q": "บางรัก", "province": "10"}, **HTMX).content.decode()

    assert BANGKOK_TITLE in page
    assert NO_MATCH not in page


@pytest.mark.parametrize(("query", "extra", "shown"), [("ทต.คลองท่อมใต้", 0, 1), ("คลองท่อม", 24, 20)])
@pytest.mark.django_db
def test_search_query_count_is_constant(
    client, django_assert_num_queries, khlong_thom, query, extra, shown
):
    for number in range(extra):
        LocalGovernmentFactory(name_th=f"คลองท่อมใต้{number}", province=khlong_thom[0].province)

    # The province of the form, the search, the province choices of the select.
    with django_assert_num_queries(3):
        response = client.get(URL, {"q": query, "province": "81"})

    assert response.content.decode().count('<li class="result"') == shown
