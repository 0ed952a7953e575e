import pytest
from django.core.exceptions import ValidationError

from learningcity.applications import services as applications
from learningcity.audit.models import AuditEntry
from learningcity.events import services
from learningcity.events.enums import AttendanceMethod
from learningcity.events.models import Attendance, TrainingWaiver
from tests.applications.factories import IN_SUBMISSION, complete_application
from tests.events.factories import TrainingSessionFactory, area, secretariat
from tests.factories import EditionFactory, UserFactory, bangkok

pytestmark = pytest.mark.django_db


def untrained_application():
    """A complete, certified application whose representatives have not attended."""
    application, coordinator = complete_application()
    Attendance.objects.filter(representative__registration=application.registration).delete()
    return application, coordinator


def codes(application):
    return [p.code for p in applications.submission_problems(application, IN_SUBMISSION)]


def test_training_gate_blocks_submission_without_attendance():
    application, coordinator = untrained_application()
    problems = applications.submission_problems(application, IN_SUBMISSION)
    assert [p.code for p in problems] == ["training"]
    assert problems[0].message == (
        "ตัวแทนของพื้นที่ 2 คนต้องเข้ารับการอบรมหลักสูตรนักจัดการเมืองแห่งการเรียนรู้ ขณะนี้เข้าอบรมแล้ว 0 คน"
    )
    assert problems[0].url == f"/events/registrations/{application.registration_id}/"
    with pytest.raises(ValidationError):
        applications.submit_application(application, coordinator, IN_SUBMISSION)


def test_training_gate_blocks_with_one_representative_attended():
    application, _coordinator = untrained_application()
    session = TrainingSessionFactory(edition=application.registration.edition)
    first = application.registration.representatives.get(slot=1)
    services.check_in(session, first, secretariat())
    assert codes(application) == ["training"]
    assert services.training_status(application.registration).attended == 1


def test_training_gate_passes_with_two_representatives_attended():
    application, coordinator = untrained_application()
    session = TrainingSessionFactory(edition=application.registration.edition)
    other_day = TrainingSessionFactory(
        edition=application.registration.edition,
        starts_at=bangkok(2026, 6, 20, 9),
        ends_at=bangkok(2026, 6, 20, 16),
    )
    actor = secretariat()
    first, second = application.registration.representatives.order_by("slot")
    services.check_in(session, first, actor)
    services.check_in(other_day, second, actor)
    assert codes(application) == []
    submitted = applications.submit_application(application, coordinator, IN_SUBMISSION)
    assert submitted.status == "submitted"


def test_training_gate_counts_a_representative_once_across_sessions():
    application, _coordinator = untrained_application()
    edition = application.registration.edition
    actor = secretariat()
    first = application.registration.representatives.get(slot=1)
    services.check_in(TrainingSessionFactory(edition=edition), first, actor)
    services.check_in(TrainingSessionFactory(edition=edition), first, actor)
    assert codes(application) == ["training"]


def test_training_gate_passes_with_a_waiver():
    application, coordinator = untrained_application()
    services.record_waiver(application.registration, secretariat(), "ตัวแทนติดภารกิจน้ำท่วม")
    assert codes(application) == []
    applications.submit_application(application, coordinator, IN_SUBMISSION)
    assert application.reference is not None


def test_training_gate_ignores_representatives_of_another_area():
    application, _coordinator = untrained_application()
    edition = application.registration.edition
    neighbour = area(edition)
    session = TrainingSessionFactory(edition=edition)
    actor = secretariat()
    for representative in neighbour.representatives.all():
        services.check_in(session, representative, actor)
    assert codes(application) == ["training"]
    assert services.attended_count(neighbour) == 2
    assert services.attended_count(application.registration) == 0


def test_check_in_refuses_a_representative_of_another_edition():
    session = TrainingSessionFactory()
    stranger = area(EditionFactory()).representatives.first()
    with pytest.raises(ValidationError) as refused:
        services.check_in(session, stranger, secretariat())
    assert refused.value.code == "edition"
    assert Attendance.objects.count() == 0


def test_check_in_twice_keeps_the_first():
    session = TrainingSessionFactory()
    representative = area(session.edition).representatives.first()
    actor = secretariat()
    first = services.check_in(session, representative, actor, at=bangkok(2026, 6, 19, 9, 5))
    again = services.check_in(session, representative, actor, at=bangkok(2026, 6, 19, 10, 0))
    assert again.pk == first.pk
    assert Attendance.objects.count() == 1
    representative.refresh_from_db()
    assert representative.attended_at == bangkok(2026, 6, 19, 9, 5)


def test_check_in_by_an_applicant_is_refused():
    session = TrainingSessionFactory()
    representative = area(session.edition).representatives.first()
    with pytest.raises(ValidationError):
        services.check_in(session, representative, UserFactory())
    assert Attendance.objects.count() == 0


def test_check_in_is_audited_and_undone():
    session = TrainingSessionFactory()
    representative = area(session.edition).representatives.first()
    actor = secretariat()
    attendance = services.check_in(session, representative, actor)
    entry = AuditEntry.objects.get(action="training.checked_in")
    assert entry.actor == actor
    assert entry.after["method"] == AttendanceMethod.TABLET
    services.undo_check_in(attendance, actor)
    assert Attendance.objects.count() == 0
    assert AuditEntry.objects.filter(action="training.check_in_undone").count() == 1
    representative.refresh_from_db()
    assert representative.attended_at is None


def test_waiver_is_audited_with_its_reason():
    registration = area(EditionFactory())
    actor = secretariat()
    waiver = services.record_waiver(registration, actor, "  ป่วย  ")
    assert waiver.reason == "ป่วย"
    assert waiver.recorded_by == actor
    entry = AuditEntry.objects.get(action="training.waiver_recorded")
    assert entry.after == {"waiver": waiver.pk, "reason": "ป่วย"}
    assert entry.object_id == str(registration.pk)


def test_waiver_needs_a_reason_the_secretariat_and_only_one():
    registration = area(EditionFactory())
    with pytest.raises(ValidationError):
        services.record_waiver(registration, secretariat(), " ")
    with pytest.raises(ValidationError):
        services.record_waiver(registration, UserFactory(), "เหตุผล")
    services.record_waiver(registration, secretariat(), "เหตุผล")
    with pytest.raises(ValidationError) as refused:
        services.record_waiver(registration, secretariat(), "อีกครั้ง")
    assert refused.value.code == "exists"
    assert TrainingWaiver.objects.count() == 1


def test_checkin_list_searches_names_and_areas():
    session = TrainingSessionFactory()
    registration = area(session.edition)
    registration.representatives.filter(slot=1).update(full_name="นางมาลี ศรีสุข")
    area(session.edition)
    names = [r.full_name for r, _a in services.checkin_list(session, "มาลี")]
    assert names == ["นางมาลี ศรีสุข"]
    by_area = services.checkin_list(session, registration.local_government.name_th)
    assert len(by_area) == 2


def test_withdrawn_areas_are_not_expected():
    session = TrainingSessionFactory()
    area(session.edition, status="withdrawn")
    kept = area(session.edition)
    expected = list(services.expected_representatives(session.edition))
    assert {r.registration_id for r in expected} == {kept.pk}
