import pytest

from learningcity.accounts.enums import MembershipRole
from tests.applications.factories import two_representatives
from tests.factories import EditionFactory, MembershipFactory, bangkok

IN_WINDOW = bangkok(2026, 5, 10, 9, 30)


@pytest.fixture
def edition(db):
    return EditionFactory()


@pytest.fixture
def coordinator(db):
    return MembershipFactory(role=MembershipRole.COORDINATOR)


@pytest.fixture
def register_kwargs(edition, coordinator):
    """Everything ``register_area`` needs for a valid registration inside the window."""
    return {
        "user": coordinator.user,
        "organisation": coordinator.organisation,
        "edition": edition,
        "category": edition.categories.get(code="YOUTH"),
        "population": 6200,
        "population_source": "ทะเบียนราษฎร กรมการปกครอง",
        "population_year_be": 2568,
        "head_name": "นายสมศักดิ์ ใจดี",
        "head_position": "นายกองค์การบริหารส่วนตำบล",
        "coordinator_name": "นางสาวสมหญิง ประสานงาน",
        "coordinator_phone": "081 234 5678",
        "coordinator_email": "coordinator@example.org",
        "representatives": two_representatives(),
        "at": IN_WINDOW,
    }
