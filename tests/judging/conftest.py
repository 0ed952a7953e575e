import pytest

from learningcity.accounts.enums import Role
from tests.factories import EditionFactory, UserFactory, bangkok, log_in

from .factories import JudgeFactory, SubmittedApplicationFactory

# Inside the factory edition's judging phase (18–31 Aug 2026, Bangkok).
DURING_JUDGING = bangkok(2026, 8, 20, 10)


@pytest.fixture
def edition():
    return EditionFactory()


@pytest.fixture
def youth(edition):
    return edition.categories.get(code="YOUTH")


@pytest.fixture
def make_judge(edition):
    def make(**kwargs):
        return JudgeFactory(edition=edition, **kwargs)

    return make


@pytest.fixture
def make_application(edition):
    def make(**kwargs):
        return SubmittedApplicationFactory(registration__edition=edition, **kwargs)

    return make


def open_judging_now(edition):
    """Move the edition's judging phase around the present moment."""
    import datetime as dt

    from django.utils import timezone

    from learningcity.editions.enums import PhaseKind

    now = timezone.now()
    edition.phases.filter(kind=PhaseKind.JUDGING).update(
        starts_at=now - dt.timedelta(days=3), ends_at=now + dt.timedelta(days=3)
    )
    return edition


def close_judging_now(edition):
    import datetime as dt

    from django.utils import timezone

    from learningcity.editions.enums import PhaseKind

    now = timezone.now()
    edition.phases.filter(kind=PhaseKind.JUDGING).update(
        starts_at=now - dt.timedelta(days=10), ends_at=now - dt.timedelta(days=1)
    )
    return edition


@pytest.fixture(autouse=True)
def _empty_cache():
    """The ranking is cached per category (keyed by what it depends on); start each test
    with an empty cache so that reused primary keys never meet an earlier test's entry."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def secretariat(client):
    """A secretariat user, logged in on ``client``."""
    user = UserFactory(role=Role.SECRETARIAT)
    log_in(client, user)
    return user
