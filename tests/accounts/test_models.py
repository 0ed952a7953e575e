import pytest
from django.db import IntegrityError

from learningcity.accounts.models import User
from tests.factories import UserFactory


def test_user_email_is_unique_ignoring_case(db):
    User.objects.create(email="somchai@example.org", full_name="สมชาย")

    with pytest.raises(IntegrityError):
        User.objects.create(email="SomChai@Example.org", full_name="สมชาย ซ้ำ")


def test_user_manager_finds_by_email_ignoring_case(db):
    person = UserFactory(email="somchai@example.org")

    assert User.objects.get_by_natural_key(" SOMCHAI@example.org ") == person
    assert list(User.objects.with_email("Somchai@Example.ORG")) == [person]


def test_user_manager_create_user_keeps_the_address_in_lower_case(db):
    person = User.objects.create_user("SomChai@Example.ORG", "x", full_name="สมชาย")

    assert person.email == "somchai@example.org"
    assert person.email_verified_at is None


def test_user_manager_create_superuser_is_verified_secretariat(db):
    person = User.objects.create_superuser("boss@example.org", "x", full_name="หัวหน้า")

    assert (person.role, person.is_staff, person.is_superuser) == ("secretariat", True, True)
    assert person.is_email_verified is True
