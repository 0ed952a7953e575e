"""One consent model for every purpose: history, withdrawal, what it covers, and the move of
the results app's publication consents into it."""

import pytest
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from learningcity.audit.models import AuditEntry
from learningcity.privacy import services
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.models import Consent
from tests.applications.factories import RegistrationFactory, complete_application
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, log_in

pytestmark = pytest.mark.django_db


def test_has_consent_network_listing_for_organisation_and_registration():
    organisation = OrganisationFactory()
    registration = RegistrationFactory(organisation=organisation)
    user = UserFactory()

    services.give_consent(organisation, ConsentPurpose.NETWORK_LISTING, user=user)

    assert services.has_consent(organisation, ConsentPurpose.NETWORK_LISTING) is True
    assert services.has_consent(registration, ConsentPurpose.NETWORK_LISTING) is False
    services.give_consent(registration, ConsentPurpose.NETWORK_LISTING, user=user)
    assert Consent.objects.get(subject_type="applications.registration").edition == (
        registration.edition
    )
    assert services.withdraw_consent(organisation, ConsentPurpose.NETWORK_LISTING, user=user) == 1
    assert services.has_consent(organisation, ConsentPurpose.NETWORK_LISTING) is False


def test_consent_history_keeps_every_grant_and_withdrawal():
    organisation = OrganisationFactory()
    user, other = UserFactory(), UserFactory()

    first = services.give_consent(organisation, ConsentPurpose.NETWORK_LISTING, user=user)
    services.withdraw_consent(organisation, ConsentPurpose.NETWORK_LISTING, user=other)
    second = services.give_consent(organisation, ConsentPurpose.NETWORK_LISTING, user=user)

    rows = list(services.consents_for(organisation).order_by("pk"))
    assert [r.pk for r in rows] == [first.pk, second.pk]
    assert (rows[0].withdrawn_by, rows[1].withdrawn_at) == (other, None)
    assert rows[0].covers == services.covers_text(ConsentPurpose.NETWORK_LISTING)
    assert rows[0].covers.startswith("ชื่อพื้นที่ จังหวัด และแหล่งเรียนรู้")
    assert rows[0].notice_version == services.NOTICE_VERSION
    assert list(
        AuditEntry.objects.filter(object_type="privacy.consent")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["consent.given", "consent.withdrawn", "consent.given"]


def test_consent_one_standing_per_subject_and_purpose_in_the_database():
    organisation = OrganisationFactory()
    user = UserFactory()
    consent = services.give_consent(organisation, ConsentPurpose.NETWORK_LISTING, user=user)

    with pytest.raises(IntegrityError):
        Consent.objects.create(
            subject_type=consent.subject_type,
            subject_id=consent.subject_id,
            purpose=consent.purpose,
            given_by=user,
            notice_version="x",
        )


def test_my_consents_page_shows_what_each_covers_and_withdraws(client):
    application, coordinator = complete_application()
    consent = services.give_consent(
        application,
        ConsentPurpose.PUBLISH_PHOTOS,
        user=UserFactory(role="secretariat"),
        on_behalf_of="นายกเทศมนตรี",
    )
    log_in(client, coordinator)

    page = client.get(reverse("privacy:my_consents")).content.decode()
    response = client.post(reverse("privacy:my_consents"), {"consent": consent.pk})

    assert "รูปถ่ายที่อัปโหลดพร้อมใบสมัครอาจแสดงในหน้าผลงาน" in page
    assert "ในนามของ นายกเทศมนตรี" in page
    assert response.status_code == 302
    assert services.has_consent(application, ConsentPurpose.PUBLISH_PHOTOS) is False


def test_my_consents_withdraw_someone_elses_consent_404(client):
    application, _coordinator = complete_application()
    consent = services.give_consent(
        application, ConsentPurpose.PUBLISH_PHOTOS, user=UserFactory(role="secretariat")
    )
    stranger = MembershipFactory().user
    log_in(client, stranger)

    response = client.post(reverse("privacy:my_consents"), {"consent": consent.pk})

    assert response.status_code == 404
    assert services.has_consent(application, ConsentPurpose.PUBLISH_PHOTOS) is True


@pytest.mark.django_db(transaction=True)
def test_publication_consent_rows_move_into_consent_and_back():
    executor = MigrationExecutor(connection)
    old = [("privacy", "0002_consent_history_erasure"), ("results", "0001_initial")]
    executor.migrate(old)
    state = executor.loader.project_state(old).apps
    recorder = state.get_model("accounts", "User").objects.create(email="staff@example.org")
    application = _old_application(state, recorder)
    state.get_model("results", "PublicationConsent").objects.create(
        application=application, given_by="นายก อบต.", recorded_by=recorder
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    consent = Consent.objects.get()
    assert (consent.purpose, consent.subject_id, consent.on_behalf_of, consent.given_by_id) == (
        "publish_photos",
        str(application.pk),
        "นายก อบต.",
        recorder.pk,
    )
    assert consent.edition_id == application.registration.edition_id


def _old_application(state, user):
    """A registration's application made with the historical models."""
    from tests.factories import EditionFactory, LocalGovernmentFactory

    edition = EditionFactory()
    local = LocalGovernmentFactory()
    Organisation = state.get_model("accounts", "Organisation")
    organisation = Organisation.objects.create(name="อบต.ทดสอบ", local_government_id=local.pk)
    Registration = state.get_model("applications", "Registration")
    registration = Registration.objects.create(
        edition_id=edition.pk,
        organisation=organisation,
        local_government_id=local.pk,
        category_id=edition.categories.first().pk,
        population=1,
        population_source="x",
        population_year_be=2568,
        head_name="x",
        head_position="x",
        coordinator_name="x",
        coordinator_phone="x",
        coordinator_email="x@example.org",
        created_by=user,
    )
    return state.get_model("applications", "Application").objects.create(registration=registration)
