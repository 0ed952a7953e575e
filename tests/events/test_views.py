from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from learningcity.accounts.enums import Role
from learningcity.events import services
from learningcity.events.models import (
    Attendance,
    PresentationSlot,
    SlotChangeRequest,
    TrainingWaiver,
)
from tests.events.factories import (
    TrainingSessionFactory,
    area,
    coordinator_of,
    presenting_area,
    secretariat,
)
from tests.factories import EditionFactory, UserFactory, bangkok, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return TrainingSessionFactory()


@pytest.fixture
def desk(client):
    user = secretariat()
    log_in(client, user)
    return user


def secretariat_urls(session):
    number = session.edition.number
    return [
        "/events/",
        f"/events/editions/{number}/training/",
        f"/events/sessions/{session.pk}/checkin/",
        f"/events/sessions/{session.pk}/expected.csv",
        f"/events/editions/{number}/presentation/",
        f"/events/editions/{number}/running-order/",
    ]


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.JUDGE])
def test_secretariat_pages_are_hidden_from_others(client, session, role):
    log_in(client, UserFactory(role=role))
    for url in secretariat_urls(session):
        assert client.get(url).status_code == 404, url
    representative = area(session.edition).representatives.first()
    response = client.post(
        f"/events/sessions/{session.pk}/checkin/", {"representative": representative.pk}
    )
    assert response.status_code == 404
    assert Attendance.objects.count() == 0


def test_secretariat_pages_open_for_the_secretariat(client, session, desk):
    for url in secretariat_urls(session):
        assert client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_log_in(client, session):
    response = client.get(f"/events/sessions/{session.pk}/checkin/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_checkin_without_javascript_redirects_back(client, session, desk):
    representative = area(session.edition).representatives.first()
    response = client.post(
        f"/events/sessions/{session.pk}/checkin/",
        {"representative": representative.pk, "q": "ตัวแทน"},
    )
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/events/sessions/{session.pk}/checkin/?{urlencode({'q': 'ตัวแทน'})}"
    )
    assert Attendance.objects.get().checked_in_by == desk


def test_checkin_with_htmx_returns_the_row(client, session, desk):
    representative = area(session.edition).representatives.first()
    response = client.post(
        f"/events/sessions/{session.pk}/checkin/",
        {"representative": representative.pk},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<li class="checkin-item checkin-item--done"')
    assert representative.full_name in html
    assert "<html" not in html


def test_checkin_search_with_htmx_returns_the_results_only(client, session, desk):
    registration = area(session.edition)
    registration.representatives.filter(slot=1).update(full_name="นางมาลี ศรีสุข")
    response = client.get(
        f"/events/sessions/{session.pk}/checkin/?q=มาลี", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "นางมาลี ศรีสุข" in html
    assert html.count("<li ") == 1
    assert "<html" not in html


def test_checkin_list_query_count_does_not_grow(
    client, session, desk, django_assert_max_num_queries
):
    for _ in range(3):
        area(session.edition)
    with django_assert_max_num_queries(20) as few:
        client.get(f"/events/sessions/{session.pk}/checkin/")
    for _ in range(10):
        area(session.edition)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/events/sessions/{session.pk}/checkin/")


def test_import_view_shows_thai_errors_per_line(client, session, desk):
    upload = SimpleUploadedFile("a.csv", b"representative_id\nxyz\n", content_type="text/csv")
    response = client.post(f"/events/sessions/{session.pk}/import/", {"file": upload}, follow=True)
    html = response.content.decode()
    assert "ไม่มีการนำเข้าข้อมูลใด ๆ" in html
    assert "บรรทัดที่ 2: “xyz” ไม่ใช่รหัสตัวแทน" in html


def test_waiver_view_records_the_waiver(client, session, desk):
    registration = area(session.edition)
    url = f"/events/editions/{session.edition.number}/waivers/"
    client.post(url, {"registration": registration.pk, "reason": "เดินทางไม่ได้"})
    assert TrainingWaiver.objects.get().reason == "เดินทางไม่ได้"


def test_applicant_sees_own_area_and_not_another(client):
    edition = EditionFactory()
    mine = presenting_area(edition, "R-001")
    theirs = presenting_area(edition, "R-002")
    services.allocate_slots(edition, secretariat(), meeting_url="https://meet.example.org/r")
    me = coordinator_of(mine)
    log_in(client, me)
    response = client.get(f"/events/registrations/{mine.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "https://meet.example.org/r" in html
    assert "2569" in html
    assert client.get(f"/events/registrations/{theirs.pk}/").status_code == 404
    response = client.post(f"/events/registrations/{theirs.pk}/", {"reason": "ขอเปลี่ยน"})
    assert response.status_code == 404
    client.post(f"/events/registrations/{mine.pk}/", {"reason": "ขอเปลี่ยน"})
    assert SlotChangeRequest.objects.get().registration == mine


def test_decide_view_approves_with_a_target(client, desk):
    edition = EditionFactory()
    mine = presenting_area(edition, "R-001")
    other = presenting_area(edition, "R-002")
    services.allocate_slots(edition, desk)
    change = services.request_change(mine, coordinator_of(mine), "ขอเลื่อน")
    target = services.slot_of(other)
    client.post(
        f"/events/requests/{change.pk}/decide/",
        {"approve": "1", f"c{change.pk}-target": target.pk, f"c{change.pk}-note": ""},
    )
    assert services.slot_of(mine).pk == target.pk


def test_running_order_shows_buddhist_era_times(client, desk):
    edition = EditionFactory()
    registration = presenting_area(edition, "R-001")
    services.allocate_slots(edition, desk)
    html = client.get(f"/events/editions/{edition.number}/running-order/").content.decode()
    assert "17 ส.ค. 2569" in html or "17 สิงหาคม 2569" in html
    assert registration.local_government.full_name_th in html
    assert "R-001" in html


def test_add_slot_view_adds_a_free_slot_of_the_configured_length(client, desk):
    edition = EditionFactory()
    youth = edition.categories.get(code="YOUTH")
    url = f"/events/editions/{edition.number}/slots/"
    client.post(
        url,
        {
            "category": youth.pk,
            "starts_at_day": "17",
            "starts_at_month": "8",
            "starts_at_year": "2569",
            "starts_at_time": "15.00",
        },
    )
    slot = PresentationSlot.objects.get()
    assert (slot.category, slot.registration) == (youth, None)
    assert slot.ends_at == bangkok(2026, 8, 17, 15, 20)
