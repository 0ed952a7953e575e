"""Who may see and change an organisation: a role × object matrix; denial is always 404."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from learningcity.accounts import rules
from learningcity.accounts.access import get_organisation_for
from learningcity.accounts.enums import Role
from tests.factories import UserFactory, log_in

ROLES = [
    "anonymous",
    "member_of_a",
    "member_of_b",
    "coordinator_of_a",
    "judge",
    "secretariat",
    "superuser",
]

# person → (GET /accounts/organisations/<A>/, may view A, may change A)
MATRIX = {
    "anonymous": (302, False, False),
    "member_of_a": (200, True, False),
    "member_of_b": (404, False, False),
    "coordinator_of_a": (200, True, True),
    "judge": (404, False, False),
    "secretariat": (200, True, True),
    "superuser": (200, True, True),
}


def test_permission_matrix_covers_every_role():
    assert sorted(MATRIX) == sorted(ROLES)


@pytest.mark.parametrize("who", ROLES)
def test_organisation_page_status_by_role(client, world, who):
    person = world["people"][who]
    if person is not None:
        log_in(client, person)
    url = reverse("accounts:organisation", args=[world["org_a"].pk])

    response = client.get(url)

    assert response.status_code == MATRIX[who][0]
    if response.status_code == 302:
        assert response.url == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("who", ROLES)
def test_organisation_permissions_by_role(world, who):
    person = world["people"][who] or AnonymousUser()
    org_a = world["org_a"]

    may = (
        person.has_perm("accounts.view_organisation", org_a),
        person.has_perm("accounts.change_organisation", org_a),
    )

    assert may == MATRIX[who][1:]


@pytest.mark.parametrize("who", ROLES)
def test_get_organisation_for_returns_or_hides(world, who):
    person = world["people"][who] or AnonymousUser()
    org_a = world["org_a"]

    if MATRIX[who][1]:
        assert get_organisation_for(person, org_a.pk) == org_a
    else:
        with pytest.raises(Http404):
            get_organisation_for(person, org_a.pk)


def test_get_organisation_for_unknown_pk_is_404_even_for_the_secretariat(world):
    with pytest.raises(Http404):
        get_organisation_for(world["people"]["superuser"], world["org_b"].pk + 1000)


def test_organisation_page_lists_members_with_roles(client, world):
    client.force_login(world["people"]["member_of_a"])

    response = client.get(reverse("accounts:organisation", args=[world["org_a"].pk]))

    content = response.content.decode()
    assert "องค์กร ก" in content
    for who, role in [("member_of_a", "สมาชิก"), ("coordinator_of_a", "ผู้ประสานงาน")]:
        assert world["people"][who].full_name in content
        assert role in content
    assert world["people"]["member_of_b"].full_name not in content
    # Contact details are for those who run the organisation, not every member.
    assert world["people"]["coordinator_of_a"].email not in content


def test_organisation_page_shows_contacts_to_the_coordinator(client, world):
    client.force_login(world["people"]["coordinator_of_a"])

    response = client.get(reverse("accounts:organisation", args=[world["org_a"].pk]))

    assert world["people"]["member_of_a"].email in response.content.decode()


@pytest.mark.parametrize(
    ("role", "is_superuser", "expected"),
    [
        (Role.APPLICANT, False, (True, False, False)),
        (Role.JUDGE, False, (False, True, False)),
        (Role.SECRETARIAT, False, (False, False, True)),
        (Role.APPLICANT, True, (True, False, True)),
    ],
)
def test_role_predicates(db, role, is_superuser, expected):
    person = UserFactory(role=role, is_superuser=is_superuser)

    assert (rules.is_applicant(person), rules.is_judge(person), rules.is_secretariat(person)) == (
        expected
    )


def test_role_predicates_are_false_for_anonymous():
    anonymous = AnonymousUser()

    assert (
        rules.is_applicant(anonymous),
        rules.is_judge(anonymous),
        rules.is_secretariat(anonymous),
    ) == (False, False, False)
