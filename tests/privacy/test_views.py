"""The privacy pages: notice (public), my data (logged in), consent (coordinator), retention."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from learningcity.accounts.enums import Role
from learningcity.audit.models import AuditEntry
from learningcity.privacy import services
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.models import EditionRetention
from tests.applications.factories import complete_application
from tests.factories import MembershipFactory, UserFactory, log_in


@pytest.fixture
def filled(db):
    return complete_application()


def test_notice_public_in_thai(client, db):
    response = client.get(reverse("privacy:notice"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "ประกาศความเป็นส่วนตัว" in html
    assert services.NOTICE_VERSION in html


def test_my_data_anonymous_redirected_to_login(client, db):
    response = client.get(reverse("privacy:my_data"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_my_data_downloads_own_json_and_is_audited(client, filled):
    _application, coordinator = filled
    log_in(client, coordinator)

    response = client.get(reverse("privacy:my_data"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == coordinator.email
    assert AuditEntry.objects.filter(action="privacy.data_exported", actor=coordinator).count() == 1


def test_consent_page_saves_and_withdraws(client, filled):
    application, coordinator = filled
    log_in(client, coordinator)
    url = reverse("privacy:consent", args=[application.pk])

    assert client.get(url).status_code == 200
    client.post(url, {"purposes": [ConsentPurpose.PUBLISH_PHOTOS], "on_behalf_of": "ครูประจำชั้น"})
    assert services.has_consent(application, ConsentPurpose.PUBLISH_PHOTOS)
    client.post(url, {})
    assert not services.has_consent(application, ConsentPurpose.PUBLISH_PHOTOS)


def test_consent_page_other_organisation_404(client, filled):
    application, _ = filled
    log_in(client, MembershipFactory().user)

    response = client.post(
        reverse("privacy:consent", args=[application.pk]),
        {"purposes": [ConsentPurpose.PUBLISH_PHOTOS]},
    )

    assert response.status_code == 404
    assert not services.has_consent(application, ConsentPurpose.PUBLISH_PHOTOS)


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.JUDGE])
def test_retention_pages_not_secretariat_404(client, filled, role):
    application, _ = filled
    log_in(client, UserFactory(role=role))

    assert client.get(reverse("privacy:retention")).status_code == 404
    edition_url = reverse("privacy:retention_detail", args=[application.registration.edition_id])
    assert client.get(edition_url).status_code == 404


def test_retention_dry_run_then_confirm(client, filled):
    application, _ = filled
    edition = application.registration.edition
    staff = UserFactory(role=Role.SECRETARIAT)
    log_in(client, staff)
    url = reverse("privacy:retention_detail", args=[edition.pk])

    client.post(
        url,
        {
            "action": "set",
            "keep_until_day": "1",
            "keep_until_month": "9",
            "keep_until_year": "2571",
        },
    )
    page = client.get(url)
    client.post(url, {"action": "confirm"})

    retention = EditionRetention.objects.get(edition=edition)
    assert retention.keep_until == dt.date(2028, 9, 1)
    assert retention.confirmed_by == staff
    html = page.content.decode()
    assert application.registration.coordinator_phone in html
    assert f"{services.retention_plan(edition).total} " in html
    assert client.get(reverse("privacy:retention")).status_code == 200
    assert list(
        AuditEntry.objects.filter(object_type="privacy.editionretention")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == ["retention.set", "retention.confirmed"]
