"""Lists cost a constant number of queries whatever their length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learningcity.accounts.enums import Role
from learningcity.judging import services
from tests.factories import UserFactory, log_in

from .factories import JudgeFactory, SubmittedApplicationFactory

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["home", "assignments", "committee"])
def test_judging_lists_constant_queries(client, edition, page):
    judge = JudgeFactory(edition=edition)
    secretariat = UserFactory(role=Role.SECRETARIAT)
    user = judge.user if page == "home" else secretariat
    url = {
        "home": reverse("judging:home"),
        "assignments": reverse("judging:manage_assignments", args=[edition.number]),
        "committee": reverse("judging:manage_committee", args=[edition.number]),
    }[page]
    log_in(client, user)

    def add(n):
        for _ in range(n):
            application = SubmittedApplicationFactory(registration__edition=edition)
            services.assign(judge, application, actor=None)
            services.assign(JudgeFactory(edition=edition), application, actor=None)

    add(1)
    client.get(url)  # warm caches (session, content types)
    one = _count(client, url)
    add(10)
    assert _count(client, url) == one
