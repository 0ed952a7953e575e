import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from learningcity.audit.models import AuditEntry
from learningcity.events import services
from learningcity.events.enums import ChangeRequestStatus
from learningcity.events.models import PresentationSlot, SlotChangeRequest
from tests.events.factories import (
    area,
    coordinator_of,
    presenting_area,
    secretariat,
)
from tests.factories import EditionFactory, MembershipFactory, bangkok

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory()


def order(edition):
    return [
        (s.category.code, s.starts_at, s.ends_at, s.registration.application.reference)
        for s in services.running_order(edition)
    ]


def test_allocation_gives_consecutive_slots_with_breaks_per_category(edition):
    for reference in ["R-004", "R-001", "R-003", "R-002"]:
        presenting_area(edition, reference)
    presenting_area(edition, "R-005", code="EQUITY")
    services.allocate_slots(edition, secretariat(), meeting_url="https://meet.example.org/x")
    assert order(edition) == [
        ("YOUTH", bangkok(2026, 8, 17, 9, 0), bangkok(2026, 8, 17, 9, 20), "R-001"),
        ("YOUTH", bangkok(2026, 8, 17, 9, 20), bangkok(2026, 8, 17, 9, 40), "R-002"),
        ("YOUTH", bangkok(2026, 8, 17, 9, 40), bangkok(2026, 8, 17, 10, 0), "R-003"),
        # A 15-minute break after every three presentations.
        ("YOUTH", bangkok(2026, 8, 17, 10, 15), bangkok(2026, 8, 17, 10, 35), "R-004"),
        # A break between the categories too.
        ("EQUITY", bangkok(2026, 8, 17, 10, 50), bangkok(2026, 8, 17, 11, 10), "R-005"),
    ]
    assert set(PresentationSlot.objects.values_list("meeting_url", flat=True)) == {
        "https://meet.example.org/x"
    }


def test_allocation_uses_the_editions_configured_length(edition):
    edition.settings = {
        "presentation": {
            "day_starts": "13:30",
            "slot_minutes": 30,
            "break_minutes": 10,
            "slots_between_breaks": 1,
        }
    }
    edition.save()
    presenting_area(edition, "R-001")
    presenting_area(edition, "R-002")
    services.allocate_slots(edition, secretariat())
    assert [(s, e) for _c, s, e, _r in order(edition)] == [
        (bangkok(2026, 8, 17, 13, 30), bangkok(2026, 8, 17, 14, 0)),
        (bangkok(2026, 8, 17, 14, 10), bangkok(2026, 8, 17, 14, 40)),
    ]


def test_allocation_takes_only_approved_areas_with_submitted_applications(edition):
    presented = presenting_area(edition, "R-001")
    presenting_area(edition, "R-002", status="submitted")  # eligibility not yet approved
    area(edition, status="approved")  # application not submitted
    made = services.allocate_slots(edition, secretariat())
    assert [slot.registration_id for slot in made] == [presented.pk]


def test_allocation_is_deterministic_and_not_repeated_by_accident(edition):
    for reference in ["R-002", "R-001", "R-003"]:
        presenting_area(edition, reference)
    actor = secretariat()
    services.allocate_slots(edition, actor)
    first = order(edition)
    with pytest.raises(ValidationError) as refused:
        services.allocate_slots(edition, actor)
    assert refused.value.code == "exists"
    services.allocate_slots(edition, actor, replace=True)
    assert order(edition) == first
    assert AuditEntry.objects.filter(action="presentation.allocated").count() == 2


def test_allocation_by_an_applicant_is_refused(edition):
    presenting_area(edition, "R-001")
    with pytest.raises(ValidationError):
        services.allocate_slots(edition, coordinator_of(area(edition)))
    assert PresentationSlot.objects.count() == 0


def test_swap_exchanges_two_areas(edition):
    a = presenting_area(edition, "R-001")
    b = presenting_area(edition, "R-002")
    first, second = services.allocate_slots(edition, secretariat())
    services.swap_slots(first, second, secretariat())
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.registration_id, second.registration_id) == (b.pk, a.pk)
    assert AuditEntry.objects.filter(action="presentation.swapped").count() == 2


def test_swap_across_categories_is_refused(edition):
    presenting_area(edition, "R-001")
    presenting_area(edition, "R-002", code="EQUITY")
    youth, equity = services.allocate_slots(edition, secretariat())
    with pytest.raises(ValidationError) as refused:
        services.swap_slots(youth, equity, secretariat())
    assert refused.value.code == "category"


def test_move_to_a_free_slot_and_not_to_a_taken_one(edition):
    a = presenting_area(edition, "R-001")
    presenting_area(edition, "R-002")
    first, second = services.allocate_slots(edition, secretariat())
    with pytest.raises(ValidationError) as refused:
        services.move_to_slot(first, second, secretariat())
    assert refused.value.code == "taken"
    late = services.add_slot(edition, first.category, bangkok(2026, 8, 17, 15, 0), secretariat())
    services.move_to_slot(first, late, secretariat())
    late.refresh_from_db()
    first.refresh_from_db()
    assert late.registration_id == a.pk
    assert late.ends_at == bangkok(2026, 8, 17, 15, 20)
    assert first.registration_id is None


def test_database_allows_one_slot_per_registration(edition):
    registration = presenting_area(edition, "R-001")
    (slot,) = services.allocate_slots(edition, secretariat())
    with pytest.raises(IntegrityError), transaction.atomic():
        PresentationSlot.objects.create(
            edition=edition,
            category=slot.category,
            starts_at=bangkok(2026, 8, 17, 16),
            ends_at=bangkok(2026, 8, 17, 16, 20),
            registration=registration,
        )


@pytest.fixture
def allocated(edition):
    """Two YOUTH areas with slots and a coordinator for the first one."""
    a = presenting_area(edition, "R-001")
    b = presenting_area(edition, "R-002")
    services.allocate_slots(edition, secretariat())
    a.coordinator_email = "a@example.org"
    a.save()
    return a, b, coordinator_of(a)


def test_change_request_notifies_the_secretariat(allocated, django_capture_on_commit_callbacks):
    registration, _b, coordinator = allocated
    desk = secretariat()
    with django_capture_on_commit_callbacks(execute=True):
        change = services.request_change(registration, coordinator, "นายกติดประชุมจังหวัด")
    assert change.status == ChangeRequestStatus.PENDING
    assert change.slot == services.slot_of(registration)
    assert desk.email in mail.outbox[-1].to
    assert "นายกติดประชุมจังหวัด" in mail.outbox[-1].body


def test_change_request_once_at_a_time_and_only_by_the_area(allocated):
    registration, _b, coordinator = allocated
    stranger = MembershipFactory().user
    with pytest.raises(ValidationError) as refused:
        services.request_change(registration, stranger, "ขอเปลี่ยน")
    assert refused.value.code == "member"
    services.request_change(registration, coordinator, "ขอเปลี่ยน")
    with pytest.raises(ValidationError) as refused:
        services.request_change(registration, coordinator, "ขออีก")
    assert refused.value.code == "pending"
    with pytest.raises(IntegrityError), transaction.atomic():
        SlotChangeRequest.objects.create(
            registration=registration, reason="x", requested_by=coordinator
        )


def test_approving_a_request_moves_the_area_and_tells_it(
    allocated, django_capture_on_commit_callbacks
):
    registration, other, coordinator = allocated
    change = services.request_change(registration, coordinator, "ขอช่วงบ่าย")
    target = services.slot_of(other)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_change_request(
            change, ChangeRequestStatus.APPROVED, secretariat(), target=target
        )
    assert services.slot_of(registration).pk == target.pk
    assert change.status == ChangeRequestStatus.APPROVED
    assert mail.outbox[-1].to == ["a@example.org"]
    assert "09:20" in mail.outbox[-1].body
    assert "2569" in mail.outbox[-1].body


def test_declining_needs_a_note_and_cannot_be_decided_twice(allocated):
    registration, _other, coordinator = allocated
    change = services.request_change(registration, coordinator, "ขอเปลี่ยน")
    with pytest.raises(ValidationError):
        services.decide_change_request(change, ChangeRequestStatus.DECLINED, secretariat())
    services.decide_change_request(
        change, ChangeRequestStatus.DECLINED, secretariat(), note="ไม่มีช่วงว่าง"
    )
    with pytest.raises(ValidationError) as refused:
        services.decide_change_request(change, ChangeRequestStatus.APPROVED, secretariat())
    assert refused.value.code == "transition"
