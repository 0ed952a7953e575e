"""The pages where the secretariat types a date, through the Thai date field: what is stored,
what is refused and with which Thai message."""

import datetime as dt

import pytest
from django.urls import reverse

from learningcity.audit.models import AuditEntry
from learningcity.events.models import PresentationSlot, TrainingSession
from learningcity.events.services import add_slot
from tests.events.factories import secretariat
from tests.factories import BANGKOK, EditionFactory, log_in

pytestmark = pytest.mark.django_db


def _date(name, day, month, year, time=None):
    data = {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}
    if time is not None:
        data[f"{name}_time"] = time
    return data


@pytest.fixture
def desk(client):
    user = secretariat()
    log_in(client, user)
    return user


def _session_post(client, edition, starts, ends):
    return client.post(
        f"/events/editions/{edition.number}/training/",
        {
            "title": "อบรมผู้จัดการเมืองแห่งการเรียนรู้",
            **_date("starts_at", *starts),
            **_date("ends_at", *ends),
            "place": "TK Park",
            "online_url": "",
            "capacity": "",
        },
    )


def test_training_session_typed_in_buddhist_era_stored_in_bangkok(client, desk):
    edition = EditionFactory()  # B.E. 2569
    response = _session_post(
        client, edition, ("19", "6", "2569", "9.00"), ("19", "6", "2569", "1600")
    )
    assert response.status_code == 302
    session = TrainingSession.objects.get(edition=edition)
    assert session.starts_at == dt.datetime(2026, 6, 19, 9, 0, tzinfo=BANGKOK)
    assert session.ends_at == dt.datetime(2026, 6, 19, 16, 0, tzinfo=BANGKOK)


def test_training_session_years_outside_the_edition_refused(client, desk):
    edition = EditionFactory()  # B.E. 2569: sessions from 2568 to 2570
    response = _session_post(
        client, edition, ("19", "6", "2572", "09:00"), ("19", "6", "2572", "16:00")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == ["วันที่ต้องไม่หลัง 31 ธันวาคม 2570"]
    assert TrainingSession.objects.count() == 0


def test_training_session_christian_era_year_asked(client, desk):
    edition = EditionFactory()
    response = _session_post(
        client, edition, ("19", "6", "2026", "09:00"), ("19", "6", "2569", "16:00")
    )
    body = response.content.decode()
    assert "ปี พ.ศ. 2569 ใช่หรือไม่" in body
    assert 'name="starts_at_year" value="2569"' in body
    assert TrainingSession.objects.count() == 0


def test_audit_search_days_typed_in_buddhist_era(client, desk):
    EditionFactory()  # the workspace shows an edition
    for action, at in [
        ("a.before", dt.datetime(2026, 5, 10, 23, 30, tzinfo=BANGKOK)),
        ("a.inside", dt.datetime(2026, 5, 11, 0, 30, tzinfo=BANGKOK)),
    ]:
        AuditEntry.objects.create(actor=desk, action=action, object_type="x", object_id="1", at=at)
    response = client.get(
        reverse("secretariat:audit"),
        {**_date("since", "11", "5", "2569"), **_date("until", "11", "5", "2569")},
    )
    assert response.status_code == 200, response.status_code
    assert [e.action for e in response.context["page"]] == ["a.inside"]
    body = response.content.decode()
    assert 'name="since_year" value="2569"' in body
    assert 'type="date"' not in body


def test_presentation_slot_christian_era_year_asked_on_the_page(client, desk):
    edition = EditionFactory()
    youth = edition.categories.get(code="YOUTH")
    # The add-a-slot form shows once the day has slots.
    add_slot(edition, youth, dt.datetime(2026, 8, 17, 9, 0, tzinfo=BANGKOK), desk)
    response = client.post(
        f"/events/editions/{edition.number}/slots/",
        {"category": youth.pk, **_date("starts_at", "17", "8", "2026", "15:00")},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "ปี พ.ศ. 2569 ใช่หรือไม่" in body
    assert 'name="starts_at_year" value="2569"' in body
    assert 'name="starts_at_time" value="15:00"' in body
    assert PresentationSlot.objects.count() == 1
