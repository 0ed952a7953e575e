"""Consent, the person's own data, retention and anonymisation."""

import datetime as dt
import json

import pytest

from learningcity.applications.models import Registration, Representative, WorkingGroupMember
from learningcity.audit.models import AuditEntry
from learningcity.privacy import services
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.export import personal_data_of
from learningcity.privacy.models import Consent
from learningcity.privacy.personal_data import ERASED
from learningcity.privacy.tasks import anonymise_expired_data
from tests.applications.factories import complete_application
from tests.factories import UserFactory


@pytest.fixture
def filled(db):
    application, coordinator = complete_application()
    return application, coordinator


def test_has_consent_after_give_and_not_after_withdraw(filled):
    application, coordinator = filled

    assert services.has_consent(application, ConsentPurpose.PUBLISH_PHOTOS) is False
    consent = services.give_consent(
        application, ConsentPurpose.PUBLISH_PHOTOS, user=coordinator, on_behalf_of="ผู้ปกครอง ด.ญ. ก"
    )
    assert services.has_consent(application, ConsentPurpose.PUBLISH_PHOTOS) is True
    assert services.has_consent(application, ConsentPurpose.PUBLISH_CASE_STUDY) is False
    assert (consent.given_by, consent.notice_version, consent.on_behalf_of) == (
        coordinator,
        services.NOTICE_VERSION,
        "ผู้ปกครอง ด.ญ. ก",
    )

    assert (
        services.withdraw_consent(application, ConsentPurpose.PUBLISH_PHOTOS, user=coordinator) == 1
    )
    assert services.has_consent(application, ConsentPurpose.PUBLISH_PHOTOS) is False
    assert list(
        AuditEntry.objects.filter(object_type="privacy.consent")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == [
        "consent.given",
        "consent.withdrawn",
    ]


def test_give_consent_twice_keeps_one_row(filled):
    application, coordinator = filled

    services.give_consent(application, ConsentPurpose.PUBLISH_PHOTOS, user=coordinator)
    services.give_consent(application, ConsentPurpose.PUBLISH_PHOTOS, user=coordinator)

    assert Consent.objects.count() == 1


def test_personal_data_of_holds_account_registration_and_activity(filled):
    application, coordinator = filled
    registration = application.registration
    registration.coordinator_email = coordinator.email
    registration.save()

    data = personal_data_of(coordinator)

    assert data["account"]["email"] == coordinator.email
    assert [r["coordinator_email"] for r in data["registrations"]] == [coordinator.email]
    assert len(data["files_uploaded"]) == 12
    assert "attachment.stored" in {entry["action"] for entry in data["activity"]}
    json.dumps(data)  # serialisable as it is


def test_personal_data_of_other_person_holds_nothing_of_theirs(filled):
    stranger = UserFactory()

    data = personal_data_of(stranger)

    assert (data["registrations"], data["files_uploaded"], data["activity"]) == ([], [], [])


def _secretariat():
    return UserFactory(role="secretariat")


def test_anonymisation_plan_lists_contacts_and_unpublished_names(filled):
    application, _ = filled
    edition = application.registration.edition

    plan = services.anonymisation_plan(edition)

    fields = {(c.model, c.field) for c in plan}
    assert fields == {
        ("applications.registration", "coordinator_name"),
        ("applications.registration", "coordinator_phone"),
        ("applications.registration", "coordinator_email"),
        ("applications.registration", "head_name"),
        ("applications.representative", "full_name"),
        ("applications.representative", "phone"),
        ("applications.representative", "email"),
        ("applications.workinggroupmember", "name"),
        ("applications.answer", "narrative"),
        ("applications.casestudy", "alias"),
        ("applications.casestudy", "before"),
        ("applications.casestudy", "after"),
        ("applications.meeting", "note"),
        ("applications.certification", "head_name"),
    }


def test_anonymisation_plan_keeps_case_study_names_with_consent(filled):
    application, coordinator = filled
    services.give_consent(application, ConsentPurpose.PUBLISH_CASE_STUDY, user=coordinator)

    plan = services.anonymisation_plan(application.registration.edition)

    assert {"name", "narrative", "alias"}.isdisjoint({c.field for c in plan})


def test_anonymise_waits_for_confirmation_and_the_date(filled):
    application, _ = filled
    edition = application.registration.edition
    staff = _secretariat()
    services.set_retention(edition, dt.date(2027, 12, 31), user=staff)

    assert services.anonymise(edition, today=dt.date(2028, 1, 1)) == 0  # not confirmed
    services.confirm_anonymisation(edition, user=staff)
    assert services.anonymise(edition, today=dt.date(2027, 12, 31)) == 0  # period not over
    planned = services.retention_plan(edition).total

    changed = services.anonymise(edition, today=dt.date(2028, 1, 1))

    registration = Registration.objects.get(
        pk=application.registration_pk
        if hasattr(application, "registration_pk")
        else application.registration_id
    )
    assert changed == planned > 0
    assert registration.coordinator_name == ERASED
    assert registration.coordinator_email.endswith("@example.invalid")
    assert set(
        Representative.objects.filter(registration=registration).values_list("phone", flat=True)
    ) == {ERASED}
    assert set(WorkingGroupMember.objects.values_list("name", flat=True)) == {ERASED}
    assert services.anonymisation_plan(edition) == []
    entry = AuditEntry.objects.get(action="retention.anonymised")
    counts = [entry.after[key] for key in ("values", "files", "rows_removed", "texts")]
    assert sum(counts) == changed
    assert registration.head_name == ERASED


def test_anonymise_expired_data_task_runs_confirmed_past_editions(filled):
    application, _ = filled
    edition = application.registration.edition
    staff = _secretariat()
    services.set_retention(edition, dt.date(2020, 1, 1), user=staff)
    services.confirm_anonymisation(edition, user=staff)

    result = anonymise_expired_data.enqueue(reschedule=False)

    assert result.return_value[str(edition.number)] > 0
    assert Registration.objects.get(pk=application.registration_id).coordinator_name == ERASED


def test_set_retention_again_needs_a_new_confirmation(filled):
    application, _ = filled
    edition = application.registration.edition
    staff = _secretariat()
    services.set_retention(edition, dt.date(2027, 1, 1), user=staff)
    services.confirm_anonymisation(edition, user=staff)

    retention = services.set_retention(edition, dt.date(2028, 1, 1), user=staff)

    assert retention.confirmed_at is None
