import datetime as dt
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from learningcity.applications.enums import RegistrationStatus
from learningcity.editions.enums import PhaseKind
from learningcity.registry.enums import LocalGovernmentType
from learningcity.secretariat.services.dashboard import build_dashboard, project
from tests.factories import EditionFactory, log_in
from tests.judging.factories import SubmittedApplicationFactory

from .helpers import days_ago, province, registration_in, secretariat_user

pytestmark = pytest.mark.django_db


def _query(url):
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


@pytest.fixture
def edition():
    return EditionFactory()


def test_dashboard_counts_by_status_with_links(edition):
    registration_in(edition)
    registration_in(edition, status=RegistrationStatus.APPROVED)
    registration_in(edition, status=RegistrationStatus.APPROVED)
    board = build_dashboard(edition)
    assert board.total.count == 3
    counts = {_query(f.url)["status"]: f.count for f in board.by_status}
    assert counts == {"submitted": 1, "approved": 2, "rejected": 0, "withdrawn": 0}


def test_dashboard_counts_by_category_province_and_type(edition):
    equity = edition.categories.get(code="EQUITY")
    registration_in(edition, category=equity, province=province("50", "เชียงใหม่"))
    registration_in(
        edition,
        province=province("50", "เชียงใหม่"),
        lg_type=LocalGovernmentType.SUBDISTRICT_MUNICIPALITY,
    )
    registration_in(edition, province=province("57", "เชียงราย"))
    board = build_dashboard(edition)
    assert [(f.label, f.count) for f in board.by_category] == [
        ("เมืองสำหรับเด็กและเยาวชน", 2),
        ("เมืองลดความเหลื่อมล้ำ", 1),
    ]
    assert [(f.label, f.count) for f in board.by_province] == [("เชียงใหม่", 2), ("เชียงราย", 1)]
    assert _query(board.by_province[0].url) == {"edition": str(edition.number), "province": "50"}
    types = {_query(f.url)["lg_type"]: f.count for f in board.by_type}
    assert types == {"subdistrict_municipality": 1, "subdistrict_admin_org": 2}


def test_dashboard_counts_applications(edition):
    registration_in(edition)
    SubmittedApplicationFactory(registration=registration_in(edition))
    board = build_dashboard(edition)
    counts = {_query(f.url)["completeness"]: f.count for f in board.by_completeness}
    assert counts == {"not_started": 1, "draft": 0, "submitted": 1, "reopened": 0}


def test_dashboard_maps_areas_with_coordinates(edition):
    registration_in(edition, lat=Decimal("18.7883"), lon=Decimal("98.9853"))
    registration_in(edition)  # no coordinates: not on the map
    board = build_dashboard(edition)
    assert len(board.points) == 1
    assert (board.points[0].x, board.points[0].y) == project(18.7883, 98.9853)
    assert 0 < board.points[0].x < board.map_width
    assert 0 < board.points[0].y < board.map_height


def test_project_puts_the_north_at_the_top():
    chiang_rai = project(20.0, 99.8)
    narathiwat = project(6.4, 101.8)
    assert chiang_rai[1] < narathiwat[1]
    assert chiang_rai[0] < narathiwat[0]


def test_dashboard_overdue_counts_registrations_waiting_over_a_week(edition):
    registration_in(edition, created_at=days_ago(8))
    registration_in(edition, created_at=days_ago(1))
    board = build_dashboard(edition)
    assert board.overdue.awaiting_review.count == 1
    assert _query(board.overdue.awaiting_review.url)["waiting"] == "7"


def test_dashboard_overdue_lists_unfinished_approved_areas_near_the_deadline(edition):
    submission = edition.phases.get(kind=PhaseKind.SUBMISSION)
    registration_in(edition, status=RegistrationStatus.APPROVED)
    SubmittedApplicationFactory(
        registration=registration_in(edition, status=RegistrationStatus.APPROVED)
    )
    board = build_dashboard(edition, at=submission.ends_at - dt.timedelta(days=3))
    assert board.overdue.unfinished.count == 1
    assert board.overdue.days_to_deadline == 3
    early = build_dashboard(edition, at=submission.ends_at - dt.timedelta(days=20))
    assert early.overdue.unfinished is None


def test_dashboard_page_links_every_figure_to_its_list(client, edition):
    registration_in(edition, lat=Decimal("18.7883"), lon=Decimal("98.9853"))
    log_in(client, secretariat_user())
    response = client.get(reverse("secretariat:dashboard"), {"edition": edition.number})
    body = response.content.decode()
    board = response.context["board"]
    for figure in board.by_status + board.by_category + board.by_province + board.by_type:
        assert f'href="{figure.url.replace("&", "&amp;")}"' in body
    assert "<svg" in body
    assert "<circle" in body


def test_dashboard_chooses_the_edition_from_the_query(client, edition):
    other = EditionFactory()
    log_in(client, secretariat_user())
    response = client.get(reverse("secretariat:dashboard"), {"edition": other.number})
    assert response.context["edition"] == other


def test_dashboard_costs_the_same_queries_for_1_and_30_areas(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    log_in(client, secretariat_user())
    one, many = EditionFactory(), EditionFactory()
    registration_in(one, lat=Decimal("18.7"), lon=Decimal("99.0"))
    for n in range(30):
        registration_in(
            many, lat=Decimal("15") + n, lon=Decimal("100"), province=province(f"{10 + n}", f"จ{n}")
        )
    url = reverse("secretariat:dashboard")
    client.get(url, {"edition": one.number})
    with CaptureQueriesContext(connection) as captured:
        client.get(url, {"edition": one.number})
    with django_assert_num_queries(len(captured)):
        client.get(url, {"edition": many.number})
