import pytest
from django.urls import reverse

from learningcity.accounts.enums import Role
from tests.factories import EditionFactory, UserFactory, log_in

from .helpers import registration_in, secretariat_user

pytestmark = pytest.mark.django_db

PAGES = [
    ("secretariat:dashboard", {}),
    ("secretariat:registrations", {}),
    ("secretariat:applications", {}),
    ("secretariat:review_queue", {}),
    ("secretariat:prizes", {}),
    ("secretariat:audit", {}),
    ("secretariat:next_edition", {}),
]


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
@pytest.mark.parametrize("role", [Role.APPLICANT, Role.JUDGE])
def test_workspace_pages_are_404_for_others(client, edition, name, kwargs, role):
    log_in(client, UserFactory(role=role))
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 404


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_workspace_pages_open_for_the_secretariat(client, edition, name, kwargs):
    log_in(client, secretariat_user())
    response = client.get(reverse(name, kwargs=kwargs), {"edition": edition.number})
    assert response.status_code == 200


def test_workspace_asks_anonymous_people_to_log_in(client, edition):
    response = client.get(reverse("secretariat:dashboard"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_review_and_decision_are_404_for_an_applicant(client, edition):
    registration = registration_in(edition)
    log_in(client, UserFactory(role=Role.APPLICANT))
    assert client.get(reverse("secretariat:review", args=[registration.pk])).status_code == 404
    response = client.post(
        reverse("secretariat:decide", args=[registration.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == "submitted"


def test_review_of_an_unknown_registration_is_404(client, edition):
    log_in(client, secretariat_user())
    assert client.get(reverse("secretariat:review", args=[999999])).status_code == 404
