import pytest

from learningcity.accounts.enums import Role
from tests.factories import EditionFactory, UserFactory


@pytest.fixture
def edition(db):
    return EditionFactory()


@pytest.fixture
def secretariat(db):
    return UserFactory(role=Role.SECRETARIAT)
