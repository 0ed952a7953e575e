"""Registering an area: the rules of services.register_area, update_registration and
set_registration_status, called directly."""

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from learningcity.accounts.enums import MembershipRole
from learningcity.applications import services
from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration
from learningcity.applications.services import RepresentativeDetails
from learningcity.audit.models import AuditEntry
from tests.applications.factories import RegistrationFactory, RepresentativeFactory
from tests.factories import (
    EditionFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    bangkok,
)

CLOSED = "ขณะนี้ไม่อยู่ในช่วงเปิดรับลงทะเบียนของรางวัลครั้งนี้"


def refusal(kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        services.register_area(**kwargs)
    return caught.value.message_dict


def test_register_area_creates_registration_with_representatives(register_kwargs, coordinator):
    registration = services.register_area(**register_kwargs)

    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.local_government == coordinator.organisation.local_government
    assert registration.category.code == "YOUTH"
    assert registration.created_by == coordinator.user
    assert registration.created_at == bangkok(2026, 5, 10, 9, 30)
    assert [(r.slot, r.full_name) for r in registration.representatives.all()] == [
        (1, "นายหนึ่ง ตัวแทน"),
        (2, "นางสองร ตัวแทน"),
    ]


def test_register_area_writes_audit_entry(register_kwargs, coordinator):
    registration = services.register_area(**register_kwargs)

    entry = AuditEntry.objects.get(action="registration.created")
    assert (entry.actor, entry.object_id) == (coordinator.user, str(registration.pk))
    assert entry.after["status"] == "submitted"
    assert entry.after["population"] == 6200


@pytest.mark.parametrize(
    "at",
    [bangkok(2026, 5, 5, 0, 0, 0), bangkok(2026, 5, 29, 23, 59, 59)],
    ids=["first-second", "last-second"],
)
def test_register_area_accepted_at_window_edges(register_kwargs, at):
    register_kwargs["at"] = at

    registration = services.register_area(**register_kwargs)

    assert registration.created_at == at


@pytest.mark.parametrize(
    "at",
    [bangkok(2026, 5, 4, 23, 59, 59), bangkok(2026, 5, 30, 0, 0, 0)],
    ids=["second-before-start", "second-after-end"],
)
def test_register_area_refused_outside_window(register_kwargs, at):
    register_kwargs["at"] = at

    assert refusal(register_kwargs) == {NON_FIELD_ERRORS: [CLOSED]}
    assert Registration.objects.count() == 0


def test_register_area_population_below_minimum_refused(register_kwargs):
    register_kwargs["population"] = 4999

    assert refusal(register_kwargs) == {"population": ["พื้นที่ที่สมัครต้องมีประชากร 5,000 คนขึ้นไป"]}


def test_register_area_population_at_minimum_accepted(register_kwargs):
    register_kwargs["population"] = 5000

    assert services.register_area(**register_kwargs).population == 5000


def test_register_area_second_category_for_same_area_refused(register_kwargs, edition):
    services.register_area(**register_kwargs)
    # A co-worker in another organisation linked to the same area tries the other category.
    other = MembershipFactory(
        organisation=OrganisationFactory(
            local_government=register_kwargs["organisation"].local_government
        )
    )
    register_kwargs.update(
        user=other.user,
        organisation=other.organisation,
        category=edition.categories.get(code="EQUITY"),
    )

    assert refusal(register_kwargs) == {
        "category": [
            "พื้นที่นี้ลงทะเบียนในรางวัลครั้งนี้แล้ว ในประเภท “เมืองสำหรับเด็กและเยาวชน” หนึ่งพื้นที่สมัครได้เพียงประเภทเดียว"
        ]
    }
    assert Registration.objects.count() == 1


def test_register_area_same_area_in_another_edition_accepted(register_kwargs):
    services.register_area(**register_kwargs)
    other_edition = EditionFactory()
    register_kwargs.update(
        edition=other_edition, category=other_edition.categories.get(code="EQUITY")
    )

    assert services.register_area(**register_kwargs).edition == other_edition


def test_registration_constraint_one_entry_per_area_per_edition(edition):
    first = RegistrationFactory(edition=edition)

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(
            edition=edition,
            organisation=first.organisation,
            category=edition.categories.get(code="EQUITY"),
        )


def test_registration_constraint_population_not_negative(edition):
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=RegistrationFactory(edition=edition).pk).update(
            population=-1
        )


def test_register_area_race_on_constraint_gives_friendly_message(
    register_kwargs, edition, monkeypatch
):
    # The check passes, then another request commits the same area before our insert.
    winner = RegistrationFactory(
        edition=edition,
        organisation=OrganisationFactory(
            local_government=register_kwargs["organisation"].local_government
        ),
        category=edition.categories.get(code="EQUITY"),
    )
    real_filter = Registration.objects.filter
    calls = []

    def filter_missing_first_time(*args, **kwargs):
        calls.append(kwargs)
        queryset = real_filter(*args, **kwargs)
        return queryset.exclude(pk=winner.pk) if len(calls) == 1 else queryset

    monkeypatch.setattr(Registration.objects, "filter", filter_missing_first_time)

    assert refusal(register_kwargs) == {
        "category": [
            "พื้นที่นี้ลงทะเบียนในรางวัลครั้งนี้แล้ว ในประเภท “เมืองลดความเหลื่อมล้ำ” หนึ่งพื้นที่สมัครได้เพียงประเภทเดียว"
        ]
    }


def test_register_area_one_representative_missing_refused(register_kwargs):
    register_kwargs["representatives"] = [
        register_kwargs["representatives"][0],
        RepresentativeDetails(),
    ]

    assert refusal(register_kwargs) == {
        "representatives": ["กรุณาระบุตัวแทนเข้าอบรมให้ครบ 2 คน (ระบุแล้ว 1 คน)"]
    }


def test_register_area_category_of_another_edition_refused(register_kwargs):
    register_kwargs["category"] = EditionFactory().categories.get(code="YOUTH")

    assert refusal(register_kwargs) == {"category": ["กรุณาเลือกประเภทรางวัลของรางวัลครั้งนี้"]}


@pytest.mark.parametrize("role", [None, MembershipRole.HEAD])
def test_register_area_non_member_refused(register_kwargs, role):
    user = UserFactory()
    if role:
        MembershipFactory(user=user, organisation=register_kwargs["organisation"], role=role)
    register_kwargs["user"] = user

    assert refusal(register_kwargs) == {"organisation": ["คุณไม่ได้เป็นผู้ประสานงานหรือสมาชิกขององค์กรนี้"]}


def test_register_area_member_role_accepted(register_kwargs):
    member = MembershipFactory(
        organisation=register_kwargs["organisation"], role=MembershipRole.MEMBER
    )
    register_kwargs["user"] = member.user

    assert services.register_area(**register_kwargs).created_by == member.user


def test_update_registration_changes_category_and_audits(register_kwargs, edition, coordinator):
    registration = services.register_area(**register_kwargs)
    details = {k: v for k, v in register_kwargs.items() if k not in {"organisation", "edition"}}
    details["category"] = edition.categories.get(code="EQUITY")
    details["at"] = bangkok(2026, 5, 29, 23, 59, 59)

    services.update_registration(registration, **details)

    registration.refresh_from_db()
    assert registration.category.code == "EQUITY"
    assert registration.updated_at == bangkok(2026, 5, 29, 23, 59, 59)
    entry = AuditEntry.objects.get(action="registration.updated")
    assert (entry.before["category_id"], entry.after["category_id"]) == (
        edition.categories.get(code="YOUTH").pk,
        edition.categories.get(code="EQUITY").pk,
    )


def test_update_registration_after_window_refused(register_kwargs):
    registration = services.register_area(**register_kwargs)
    details = {k: v for k, v in register_kwargs.items() if k not in {"organisation", "edition"}}
    details["at"] = bangkok(2026, 5, 30, 0, 0, 0)

    with pytest.raises(ValidationError) as caught:
        services.update_registration(registration, **details)

    assert caught.value.message_dict == {NON_FIELD_ERRORS: [CLOSED]}


def test_update_registration_reviewed_refused(register_kwargs):
    registration = services.register_area(**register_kwargs)
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.APPROVED)
    registration.refresh_from_db()
    details = {k: v for k, v in register_kwargs.items() if k not in {"organisation", "edition"}}

    with pytest.raises(ValidationError) as caught:
        services.update_registration(registration, **details)

    assert caught.value.messages == ["การลงทะเบียนนี้ไม่ได้อยู่ในสถานะรอตรวจสอบแล้ว จึงแก้ไขไม่ได้"]


ALLOWED = [
    (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED),
    (RegistrationStatus.SUBMITTED, RegistrationStatus.REJECTED),
    (RegistrationStatus.SUBMITTED, RegistrationStatus.WITHDRAWN),
    (RegistrationStatus.APPROVED, RegistrationStatus.WITHDRAWN),
    (RegistrationStatus.REJECTED, RegistrationStatus.SUBMITTED),
]
REFUSED = [
    (before, after)
    for before in RegistrationStatus
    for after in RegistrationStatus
    if (before, after) not in ALLOWED
]


@pytest.mark.parametrize(("before", "after"), ALLOWED)
def test_set_registration_status_allowed_transition_audited(db, before, after):
    registration = RegistrationFactory(status=before)
    secretariat = UserFactory(role="secretariat")

    services.set_registration_status(registration, after, actor=secretariat, reason="ตรวจแล้ว")

    registration.refresh_from_db()
    assert registration.status == after
    entry = AuditEntry.objects.get(action="registration.status_changed")
    assert (entry.actor, entry.before, entry.after, entry.summary) == (
        secretariat,
        {"status": before.value},
        {"status": after.value},
        "ตรวจแล้ว",
    )


@pytest.mark.parametrize(("before", "after"), REFUSED)
def test_set_registration_status_refused_transition(db, before, after):
    registration = RegistrationFactory(status=before)

    with pytest.raises(ValidationError) as caught:
        services.set_registration_status(registration, after, actor=UserFactory())

    registration.refresh_from_db()
    assert registration.status == before
    assert caught.value.messages == [
        f"ไม่สามารถเปลี่ยนสถานะการลงทะเบียนจาก “{before.label}” เป็น “{after.label}” ได้"
    ]
    assert AuditEntry.objects.filter(action="registration.status_changed").count() == 0


def test_editions_open_for_registration_only_published_open(db):
    open_edition = EditionFactory()
    EditionFactory(is_published=False)

    found = list(services.editions_open_for_registration(bangkok(2026, 5, 29, 23, 59, 59)))

    assert found == [open_edition]
    assert list(services.editions_open_for_registration(bangkok(2026, 5, 30))) == []


def test_representative_constraint_slot_unique_per_registration(db):
    registration = RegistrationFactory()
    RepresentativeFactory(registration=registration, slot=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        RepresentativeFactory(registration=registration, slot=1)


def test_representative_constraint_slot_1_or_2(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        RepresentativeFactory(slot=3)


def test_set_registration_status_emails_coordinator_after_commit(
    db, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(coordinator_email="coordinator@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.set_registration_status(
            registration, RegistrationStatus.APPROVED, actor=UserFactory(), reason="เอกสารครบ"
        )

    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]
    assert mail.outbox[0].subject == (
        f"การลงทะเบียนของ{registration.local_government.full_name_th}: ผ่านการตรวจสอบคุณสมบัติ"
    )
    assert "เอกสารครบ" in mail.outbox[0].body
