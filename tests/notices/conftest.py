import pytest

from learningcity.accounts.enums import Role
from tests.applications.factories import RegistrationFactory
from tests.factories import EditionFactory, UserFactory


@pytest.fixture
def edition(db):
    return EditionFactory()


@pytest.fixture
def secretariat(db):
    return UserFactory(role=Role.SECRETARIAT)


@pytest.fixture
def make_registration(edition):
    def make(email: str, **kwargs):
        return RegistrationFactory(edition=edition, coordinator_email=email, **kwargs)

    return make
