import pytest
from django.urls import reverse

from tests.applications.factories import RegistrationFactory, RepresentativeFactory
from tests.factories import UserFactory, log_in


@pytest.fixture
def staff_client(client, db):
    log_in(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_registration_pages_open_read_only(staff_client):
    registration = RepresentativeFactory().registration

    changelist = staff_client.get(reverse("admin:applications_registration_changelist"))
    change = staff_client.get(
        reverse("admin:applications_registration_change", args=[registration.pk])
    )

    assert (changelist.status_code, change.status_code) == (200, 200)
    assert 'name="_save"' not in change.text


def test_admin_registration_cannot_be_added(staff_client):
    response = staff_client.get(reverse("admin:applications_registration_add"))

    assert response.status_code == 403


def test_admin_invitation_changelist_opens(staff_client):
    RegistrationFactory()

    response = staff_client.get(reverse("admin:applications_invitation_changelist"))

    assert response.status_code == 200
