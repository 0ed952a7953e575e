"""A person's access to every copy of their data, and erasure reviewed by the secretariat."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from learningcity.accounts.enums import Role
from learningcity.audit.models import AuditEntry
from learningcity.exports import services as exports
from learningcity.notices.models import OutboxMessage
from learningcity.notices.services import create_notice
from learningcity.privacy import services
from learningcity.privacy.enums import ERASURE_TRANSITIONS, ErasureStatus
from learningcity.privacy.export import personal_data_of
from learningcity.privacy.models import ErasureRequest
from learningcity.privacy.personal_data import ERASED
from tests.applications.factories import RegistrationFactory
from tests.factories import MembershipFactory, UserFactory, log_in

pytestmark = pytest.mark.django_db

EMAIL = "malee.person@example.org"


@pytest.fixture
def person(django_capture_on_commit_callbacks):
    """A coordinator named in a registration, an old audit entry, an e-mail and an export."""
    user = UserFactory(email=EMAIL, full_name="นางมาลี ทดสอบ", phone="0811112222")
    registration = RegistrationFactory(
        coordinator_email=EMAIL, coordinator_name="นางมาลี ทดสอบ", created_by=user
    )
    staff = UserFactory(role=Role.SECRETARIAT)
    AuditEntry.objects.create(
        actor=staff,
        action="registration.created",
        object_type="applications.registration",
        object_id=str(registration.pk),
        after={"coordinator_email": EMAIL},
    )
    with django_capture_on_commit_callbacks(execute=False):
        create_notice(
            edition=registration.edition,
            template=None,
            registrations=[registration],
            user=staff,
            subject="ถึง {{ coordinator }}",
            body="เรียน {{ coordinator }}",
        )
    with django_capture_on_commit_callbacks(execute=True):
        exports.start_export(
            user=staff, edition=registration.edition, kind="registrations", format="csv"
        )
    return user, staff


def test_my_data_holds_audit_entries_outbox_and_exports_about_the_person(person):
    user, _staff = person

    data = personal_data_of(user)

    assert [e["after"] for e in data["audit_entries_about_you"]] == [{"coordinator_email": EMAIL}]
    assert [m["body"] for m in data["emails_to_you"]] == ["เรียน นางมาลี ทดสอบ"]
    assert [(x["export"], x["format"]) for x in data["exports_naming_you"]] == [
        ("registrations", "csv")
    ]
    json.dumps(data)


def test_erasure_transitions_table_allows_only_decisions_from_requested():
    assert ERASURE_TRANSITIONS[ErasureStatus.REQUESTED] == {
        ErasureStatus.CARRIED_OUT,
        ErasureStatus.REFUSED,
        ErasureStatus.WITHDRAWN,
    }
    for status in (ErasureStatus.CARRIED_OUT, ErasureStatus.REFUSED, ErasureStatus.WITHDRAWN):
        assert ERASURE_TRANSITIONS[status] == frozenset()


def test_erasure_carried_out_removes_every_copy_of_the_person(person):
    user, staff = person
    request = services.request_erasure(user, reason="ย้ายงานแล้ว")
    plan = services.person_plan(user)
    assert {c.model for c in plan.changes} == {
        "accounts.user",
        "applications.registration",
        "notices.outboxmessage",
    }
    assert [label for label, _pk in plan.deletions] == ["exports.exportjob"]

    services.decide(request, ErasureStatus.CARRIED_OUT, actor=staff)

    user.refresh_from_db()
    assert (user.full_name, user.is_active, user.has_usable_password()) == (ERASED, False, False)
    assert user.email.endswith("@example.invalid")
    assert OutboxMessage.objects.get().body == ERASED
    entry = AuditEntry.objects.get(action="registration.created")
    assert entry.after == {"coordinator_email": ERASED}
    dump = json.dumps(
        list(AuditEntry.objects.values("summary", "before", "after")), ensure_ascii=False
    )
    assert EMAIL not in dump
    assert "มาลี" not in dump
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (ErasureStatus.CARRIED_OUT, staff)


def test_erasure_refused_needs_a_note_and_changes_nothing(person):
    user, staff = person
    request = services.request_erasure(user)

    with pytest.raises(ValidationError):
        services.decide(request, ErasureStatus.REFUSED, actor=staff)
    services.decide(request, ErasureStatus.REFUSED, actor=staff, note="ยังอยู่ระหว่างการประกวด")

    user.refresh_from_db()
    assert user.email == EMAIL
    with pytest.raises(ValidationError):
        services.decide(request, ErasureStatus.CARRIED_OUT, actor=staff)


def test_erasure_decided_by_non_secretariat_denied(person):
    user, _staff = person
    request = services.request_erasure(user)

    with pytest.raises(PermissionDenied):
        services.decide(request, ErasureStatus.CARRIED_OUT, actor=user)
    with pytest.raises(PermissionDenied):
        services.decide(request, ErasureStatus.WITHDRAWN, actor=UserFactory())
    services.decide(request, ErasureStatus.WITHDRAWN, actor=user)
    assert ErasureRequest.objects.get().status == ErasureStatus.WITHDRAWN


def test_request_erasure_twice_keeps_one_open_request(person):
    user, _staff = person

    first = services.request_erasure(user)
    second = services.request_erasure(user)

    assert first.pk == second.pk
    assert ErasureRequest.objects.count() == 1


PAGES = [
    ("privacy:me", None, {"applicant": 200, "judge": 200, "secretariat": 200}),
    ("privacy:my_consents", None, {"applicant": 200, "judge": 200, "secretariat": 200}),
    ("privacy:erasure_list", None, {"applicant": 404, "judge": 404, "secretariat": 200}),
    ("privacy:erasure_detail", "request", {"applicant": 404, "judge": 404, "secretariat": 200}),
]


@pytest.mark.parametrize(("name", "arg", "expected"), PAGES)
@pytest.mark.parametrize("role", ["applicant", "judge", "secretariat"])
def test_privacy_pages_permission_matrix(client, person, name, arg, expected, role):
    user, _staff = person
    request = services.request_erasure(user)
    viewer = UserFactory(role=Role(role))
    log_in(client, viewer)

    response = client.get(reverse(name, args=[request.pk] if arg else []))

    assert response.status_code == expected[role]


def test_privacy_pages_anonymous_redirected_to_login(client, db):
    for name in ("privacy:me", "privacy:my_consents", "privacy:erasure_list"):
        assert client.get(reverse(name)).status_code == 302


def test_erasure_pages_request_then_carry_out(client, person):
    user, staff = person
    log_in(client, user)
    client.post(reverse("privacy:erasure_request"), {"reason": "ขอลบ"})
    request = ErasureRequest.objects.get()
    page = client.get(reverse("privacy:me")).content.decode()
    assert "อีเมลที่ส่งถึงท่าน (กล่องจดหมายออก)" in page
    client.logout()
    log_in(client, staff)

    detail = client.get(reverse("privacy:erasure_detail", args=[request.pk])).content.decode()
    client.post(reverse("privacy:erasure_detail", args=[request.pk]), {"decision": "carried_out"})

    assert "ไฟล์: การส่งออก" in detail or "แถวที่ลบ" in detail
    request.refresh_from_db()
    assert request.status == ErasureStatus.CARRIED_OUT
    assert AuditEntry.objects.filter(action="erasure.decided").count() == 1


def test_erasure_withdraw_other_persons_request_404(client, person):
    user, _staff = person
    request = services.request_erasure(user)
    log_in(client, MembershipFactory().user)

    response = client.post(reverse("privacy:erasure_withdraw", args=[request.pk]))

    assert response.status_code == 404


def test_retention_command_dry_run_lists_kinds_and_changes_nothing(person, capsys):
    from learningcity.applications.models import Registration

    edition = Registration.objects.get(coordinator_email=EMAIL).edition

    call_command("retention", "--edition", str(edition.number), "--dry-run")

    out = capsys.readouterr().out
    assert f"Edition {edition.number}:" in out
    assert "Dry run: nothing changed." in out
    assert Registration.objects.get().coordinator_email == EMAIL


def test_retention_command_now_with_yes_applies_today(person, capsys):
    from learningcity.applications.models import Registration

    edition = Registration.objects.get(coordinator_email=EMAIL).edition

    call_command("retention", "--edition", str(edition.number), "--now", "--yes")

    assert Registration.objects.get().coordinator_email.endswith("@example.invalid")
    assert "copies changed" in capsys.readouterr().out


def test_retention_command_before_the_date_refuses_without_now(person):
    from django.core.management.base import CommandError

    from learningcity.applications.models import Registration

    edition = Registration.objects.get(coordinator_email=EMAIL).edition
    import datetime as dt

    services.set_retention(edition, dt.date(2099, 1, 1), user=None)

    with pytest.raises(CommandError):
        call_command("retention", "--edition", str(edition.number), "--yes")
    assert Registration.objects.get().coordinator_email == EMAIL
