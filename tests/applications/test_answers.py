"""Filling the application: the window, the length limit, versions and conflicts, rows,
progress."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from learningcity.accounts.enums import MembershipRole
from learningcity.applications import services
from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.applications.models import (
    Answer,
    CaseStudy,
    Indicator,
    LearningPlace,
    Meeting,
    Partner,
    WorkingGroupMember,
)
from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import AnswerSection
from learningcity.editions.models import Criterion
from tests.applications.factories import (
    IN_SUBMISSION,
    RegistrationFactory,
    edition_with_sections,
    started_application,
)
from tests.factories import MembershipFactory, UserFactory, bangkok


@pytest.fixture
def member(db):
    return MembershipFactory(role=MembershipRole.MEMBER)


@pytest.fixture
def application(member):
    return started_application(organisation=member.organisation)


def criterion_of(application, number: int) -> Criterion:
    return application.registration.edition.criteria.get(number=number)


def save(application, user, text="คำตอบ", *, version=0, number=1, at=IN_SUBMISSION, **kwargs):
    return services.save_answer(
        application=application,
        criterion=criterion_of(application, number),
        user=user,
        narrative=text,
        evidence_confirmed=kwargs.get("evidence_confirmed", False),
        base_version=version,
        at=at,
    )


def stored(application, number: int = 1) -> Answer:
    return Answer.objects.get(application=application, criterion__number=number)


def test_get_or_start_application_creates_one_answer_per_criterion(db):
    registration = RegistrationFactory()

    first = services.get_or_start_application(registration)
    again = services.get_or_start_application(registration)

    assert first == again
    assert list(first.answers.values_list("criterion__number", "version")) == [
        (1, 0),
        (2, 0),
        (3, 0),
        (4, 0),
        (5, 0),
        (6, 0),
    ]


def test_save_answer_inside_window_writes_and_bumps_version(application, member):
    result = save(application, member.user, "เรามีแผนพัฒนาคน พัฒนาเมือง", evidence_confirmed=True)

    answer = stored(application)
    assert result.saved is True
    assert (answer.narrative, answer.evidence_confirmed, answer.version) == (
        "เรามีแผนพัฒนาคน พัฒนาเมือง",
        True,
        1,
    )
    assert answer.updated_by == member.user
    entry = AuditEntry.objects.get(action="answer.saved")
    assert (entry.before["version"], entry.after["version"]) == (0, 1)


def test_save_answer_one_second_after_deadline_refused(application, member):
    with pytest.raises(ValidationError) as error:
        save(application, member.user, at=bangkok(2026, 8, 1, 0, 0, 0))

    assert error.value.message_dict["__all__"] == ["ไม่สามารถแก้ไขใบสมัครได้ในขณะนี้"]
    assert stored(application).version == 0


def test_save_answer_at_deadline_second_accepted(application, member):
    result = save(application, member.user, at=bangkok(2026, 7, 31, 23, 59, 59))

    assert result.saved is True
    assert stored(application).narrative == "คำตอบ"


def test_save_answer_before_window_refused(application, member):
    with pytest.raises(ValidationError):
        save(application, member.user, at=bangkok(2026, 5, 31, 23, 59, 59))


def test_save_answer_deadline_override_honoured(application, member):
    application.deadline_override = bangkok(2026, 8, 7, 23, 59, 59)
    application.save()

    result = save(application, member.user, at=bangkok(2026, 8, 5, 12, 0))

    assert result.saved is True
    with pytest.raises(ValidationError):
        save(application, member.user, version=1, at=bangkok(2026, 8, 8, 0, 0, 0))


@pytest.mark.parametrize(
    ("application_status", "registration_status", "editable"),
    [
        (ApplicationStatus.DRAFT, RegistrationStatus.SUBMITTED, True),
        (ApplicationStatus.DRAFT, RegistrationStatus.APPROVED, True),
        (ApplicationStatus.REOPENED, RegistrationStatus.APPROVED, True),
        (ApplicationStatus.SUBMITTED, RegistrationStatus.APPROVED, False),
        (ApplicationStatus.DRAFT, RegistrationStatus.WITHDRAWN, False),
        (ApplicationStatus.DRAFT, RegistrationStatus.REJECTED, False),
    ],
)
def test_application_is_editable_by_status(
    application, application_status, registration_status, editable
):
    application.status = application_status
    application.registration.status = registration_status

    assert services.application_is_editable(application, IN_SUBMISSION) is editable


def test_save_answer_over_limit_refused_with_thai_message(application, member):
    criterion = criterion_of(application, 1)
    criterion.narrative_max_chars = 10
    criterion.save()

    with pytest.raises(ValidationError) as error:
        save(application, member.user, "ก" * 11)

    assert error.value.message_dict["narrative"] == [
        "คำตอบยาว 11 ตัวอักษร เกินกำหนด 10 ตัวอักษร กรุณาตัดให้สั้นลง 1 ตัวอักษร"
    ]
    assert (stored(application).narrative, stored(application).version) == ("", 0)


def test_save_answer_line_breaks_count_once(application, member):
    criterion = criterion_of(application, 1)
    criterion.narrative_max_chars = 3
    criterion.save()

    save(application, member.user, "ก\r\nข")

    assert stored(application).narrative == "ก\nข"


def test_save_answer_by_non_member_refused(application):
    with pytest.raises(ValidationError):
        save(application, UserFactory())
    head = MembershipFactory(organisation=application.registration.organisation, role="head")
    with pytest.raises(ValidationError):
        save(application, head.user)
    assert stored(application).version == 0


def test_save_answer_same_base_version_twice_second_conflicts(application, member):
    other = MembershipFactory(organisation=member.organisation, role=MembershipRole.MEMBER)

    first = save(application, member.user, "ข้อความของคนแรก", version=0)
    second = save(application, other.user, "ข้อความของคนที่สอง", version=0)

    assert first.saved is True
    assert second.conflict is True
    assert (second.their_version, second.base_version) == (1, 0)
    assert second.answer.narrative == "ข้อความของคนแรก"
    assert second.your_narrative == "ข้อความของคนที่สอง"
    assert (stored(application).narrative, stored(application).version) == ("ข้อความของคนแรก", 1)
    assert AuditEntry.objects.filter(action="answer.saved").count() == 1


@pytest.mark.parametrize("seed", range(20))
def test_save_answer_random_interleavings_never_overwrite_silently(application, member, seed):
    """Two people load and save the same section in a random order: a save either wins and
    its text is stored until the next winning save, or it is refused and changes nothing."""
    other = MembershipFactory(organisation=member.organisation, role=MembershipRole.MEMBER)
    users = {"a": member.user, "b": other.user}
    loaded = {"a": 0, "b": 0}  # the version each person's page was loaded at
    rng = random.Random(seed)  # noqa: S311 -- a repeatable test sequence, not a secret
    stored_text, stored_version = "", 0
    silent_overwrites = wins = conflicts = 0
    for step in range(60):
        person = rng.choice("ab")
        if rng.random() < 0.3:
            loaded[person] = stored(application).version
            continue
        text = f"{person}-{step}"
        result = save(application, users[person], text, version=loaded[person])
        answer = stored(application)
        if result.saved:
            wins += 1
            # Winning is only allowed from the stored version, and stores exactly this text.
            silent_overwrites += loaded[person] != stored_version or answer.narrative != text
            stored_text, stored_version = text, answer.version
            loaded[person] = answer.version
        else:
            conflicts += 1
            silent_overwrites += (answer.narrative, answer.version) != (stored_text, stored_version)
            silent_overwrites += (result.your_narrative, result.answer.narrative) != (
                text,
                stored_text,
            )

    assert silent_overwrites == 0
    assert wins > 0
    assert conflicts > 0
    assert (stored(application).narrative, stored(application).version) == (
        stored_text,
        stored_version,
    )


def test_save_rows_indicators(application, member):
    result = services.save_rows(
        application=application,
        criterion=criterion_of(application, 2),
        user=member.user,
        rows={
            "indicator": [
                {
                    "beneficiary_group": "เด็กอายุ 6–12 ปี",
                    "baseline": Decimal("35"),
                    "result": Decimal("62.5"),
                    "unit": "ร้อยละที่อ่านออกเขียนได้",
                    "method": "แบบทดสอบการอ่าน",
                    "period": "2567–2568",
                }
            ]
        },
        base_version=0,
        at=IN_SUBMISSION,
    )

    assert result.saved is True
    assert list(Indicator.objects.values_list("beneficiary_group", "result", "order")) == [
        ("เด็กอายุ 6–12 ปี", Decimal("62.50"), 1)
    ]
    assert stored(application, 2).version == 1


@pytest.mark.parametrize(
    ("number", "kind", "row", "model"),
    [
        (
            3,
            "learningplace",
            {
                "name": "ห้องสมุดตำบล",
                "place_type": "ห้องสมุด",
                "serves": "เด็กและผู้สูงอายุ",
                "latitude": Decimal("8.0863"),
                "longitude": Decimal("99.0000"),
            },
            LearningPlace,
        ),
        (
            4,
            "partner",
            {
                "name": "โรงเรียนบ้านคลองท่อม",
                "sector": "education",
                "contribution": "ครูอาสา",
                "amount_baht": Decimal("15000"),
            },
            Partner,
        ),
        (5, "workinggroupmember", {"name": "นายสมศักดิ์ ใจดี", "role": "ประธาน"}, WorkingGroupMember),
        (
            5,
            "meeting",
            {"held_on": dt.date(2026, 5, 2), "attendance": 18, "note": "วางแผน"},
            Meeting,
        ),
        (
            6,
            "casestudy",
            {
                "alias": "น้องเอ",
                "age_group": "youth",
                "before": "ไม่มีรายได้",
                "after": "ขายงานฝีมือได้เดือนละ 3,000 บาท",
                "consent_to_publish": True,
            },
            CaseStudy,
        ),
    ],
)
def test_save_rows_each_section_type(application, member, number, kind, row, model):
    services.save_rows(
        application=application,
        criterion=criterion_of(application, number),
        user=member.user,
        rows={kind: [row, row]},
        base_version=0,
        at=IN_SUBMISSION,
    )

    assert list(model.objects.values_list("order", flat=True)) == [1, 2]


def test_save_rows_of_kind_the_section_does_not_take_refused(application, member):
    with pytest.raises(ValidationError):
        services.save_rows(
            application=application,
            criterion=criterion_of(application, 1),
            user=member.user,
            rows={"indicator": [{"beneficiary_group": "x"}]},
            base_version=0,
            at=IN_SUBMISSION,
        )


@pytest.mark.parametrize(
    ("kind", "number", "row"),
    [
        (
            "learningplace",
            3,
            {"name": "ก", "place_type": "ข", "serves": "ค", "latitude": Decimal("40")},
        ),
        (
            "partner",
            4,
            {"name": "ก", "sector": "private", "contribution": "ข", "amount_baht": Decimal("-1")},
        ),
    ],
)
def test_save_rows_out_of_range_refused(application, member, kind, number, row):
    with pytest.raises(ValidationError):
        services.save_rows(
            application=application,
            criterion=criterion_of(application, number),
            user=member.user,
            rows={kind: [row]},
            base_version=0,
            at=IN_SUBMISSION,
        )
    assert stored(application, number).version == 0


def test_save_rows_stale_version_conflicts_and_keeps_rows(application, member):
    criterion = criterion_of(application, 5)
    services.save_rows(
        application=application,
        criterion=criterion,
        user=member.user,
        rows={"workinggroupmember": [{"name": "ก", "role": "ประธาน"}]},
        base_version=0,
        at=IN_SUBMISSION,
    )

    result = services.save_rows(
        application=application,
        criterion=criterion,
        user=member.user,
        rows={"workinggroupmember": []},
        base_version=0,
        at=IN_SUBMISSION,
    )

    assert result.conflict is True
    assert list(WorkingGroupMember.objects.values_list("name", flat=True)) == ["ก"]


def test_progress_lists_exactly_what_is_missing(application, member):
    save(application, member.user, "แผนพัฒนาคน", evidence_confirmed=True, number=1)
    services.save_rows(
        application=application,
        criterion=criterion_of(application, 5),
        user=member.user,
        rows={"workinggroupmember": [{"name": "ก", "role": "ประธาน"}]},
        base_version=0,
        at=IN_SUBMISSION,
    )

    result = {p.criterion.number: p.missing for p in services.progress(application)}

    assert result == {
        1: [],
        2: ["เขียนคำตอบ", "เพิ่มอย่างน้อยหนึ่งแถว: ตัวชี้วัด", "ยืนยันว่าส่งหลักฐานแล้ว"],
        3: ["เขียนคำตอบ", "เพิ่มอย่างน้อยหนึ่งแถว: แหล่งเรียนรู้", "ยืนยันว่าส่งหลักฐานแล้ว"],
        4: ["เขียนคำตอบ", "เพิ่มอย่างน้อยหนึ่งแถว: ภาคีเครือข่าย", "ยืนยันว่าส่งหลักฐานแล้ว"],
        5: ["เขียนคำตอบ", "เพิ่มอย่างน้อยหนึ่งแถว: การประชุม", "ยืนยันว่าส่งหลักฐานแล้ว"],
        6: ["เขียนคำตอบ", "เพิ่มอย่างน้อยหนึ่งแถว: กรณีศึกษา", "ยืนยันว่าส่งหลักฐานแล้ว"],
    }
    assert [p.complete for p in services.progress(application)] == [True] + [False] * 5


def test_progress_follows_the_editions_criteria(db):
    edition = edition_with_sections(
        AnswerSection.PARTNERS, AnswerSection.NARRATIVE, AnswerSection.CASE_STUDIES
    )
    application = started_application(edition=edition)

    assert [(p.criterion.number, len(p.missing)) for p in services.progress(application)] == [
        (1, 3),
        (2, 2),
        (3, 3),
    ]
