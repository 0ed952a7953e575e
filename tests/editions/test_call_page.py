import pytest
from django.utils import timezone

from learningcity.demo.builder import demo_phases
from learningcity.editions.loading import load_edition_file
from learningcity.editions.models import Phase
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def test_call_page_shows_edition_1_in_thai(client):
    load_edition_file()

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "รางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น Local Learning City Award ครั้งที่ 1" in html
    assert "5 – 29 พฤษภาคม 2569" in html
    assert "1 มิถุนายน – 31 กรกฎาคม 2569" in html
    assert "1 กันยายน 2569" in html
    assert "การประกวดครั้งนี้เสร็จสิ้นแล้ว" in html
    assert "SDG 13" in html
    assert "30,000 บาท" in html
    assert "สามหมื่นบาทถ้วน" in html
    assert "094-6047958" in html
    assert "การตัดสินใจของคณะกรรมการผู้ทรงคุณวุฒิถือเป็นสิ้นสุด" in html


def test_call_page_criteria_table_totals_100(client):
    load_edition_file()

    response = client.get("/")

    assert response.context["rubric_total"] == 100
    assert [c.max_points for c in response.context["edition"].criteria.all()] == [
        15,
        20,
        20,
        15,
        15,
        15,
    ]


def test_call_page_now_phase_and_days_left(client):
    edition = EditionFactory(number=1, full=False)
    for kind, (start, end) in demo_phases(timezone.now()).items():
        Phase.objects.create(edition=edition, kind=kind, starts_at=start, ends_at=end)

    html = client.get("/").content.decode()

    # Registration (10 days left) closes before submission (21 days left).
    assert "ขณะนี้: เปิดรับสมัคร" in html
    assert "เหลืออีก 10 วัน" in html


def test_call_page_before_any_phase_shows_next(client):
    edition = EditionFactory(number=1, full=False)
    phases = demo_phases(timezone.now() + timezone.timedelta(days=40))
    for kind, (start, end) in phases.items():
        Phase.objects.create(edition=edition, kind=kind, starts_at=start, ends_at=end)

    html = client.get("/").content.decode()

    assert "ถัดไป: เปิดรับสมัคร" in html
    assert "อีก 20 วัน" in html


def test_call_page_english(client):
    load_edition_file()
    client.cookies["django_language"] = "en"

    html = client.get("/").content.decode()

    assert '<html lang="en">' in html
    assert "5 – 29 May 2026" in html
    assert "Learning City for YOUTH" in html


def test_call_page_without_edition_says_so(client):
    html = client.get("/").content.decode()
    assert "ยังไม่มีการประกาศการประกวด" in html


def test_call_page_unknown_edition_is_404(client):
    assert client.get("/editions/42/").status_code == 404


def test_call_page_query_count_is_constant(client, django_assert_max_num_queries):
    load_edition_file()
    with django_assert_max_num_queries(12):
        client.get("/")


def test_call_page_sends_csp_header(client):
    load_edition_file()
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
