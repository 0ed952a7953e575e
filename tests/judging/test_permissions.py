"""Role × object table for every judging URL: who gets the page, who gets 404 (never 403),
and the anonymous visitor who is sent to log in."""

import pytest
from django.urls import reverse

from learningcity.accounts.enums import Role
from learningcity.judging import services
from learningcity.judging.models import Conflict
from tests.factories import MembershipFactory, UserFactory, log_in

from .conftest import open_judging_now
from .factories import JudgeFactory, real_submitted_application

pytestmark = pytest.mark.django_db

JUDGE_PAGES = ["review", "score", "pdf", "download", "thumbnail"]
MANAGE_PAGES = [
    "manage",
    "committee",
    "assignments",
    "ranking",
    "judge_conflicts",
    "assign_one",
    "assign_auto",
    "remind",
    "chair",
]
OK, NOT_FOUND, REDIRECT = 200, 404, 302

# role: expected status per URL. Files of the application: its members and the secretariat
# read them as before; judges only when assigned and not conflicted.
TABLE = {
    "judge_assigned": {
        "home": OK,
        "own_conflicts": OK,
        "review": OK,
        "score": REDIRECT,
        "pdf": OK,
        "download": OK,
        "thumbnail": OK,
        **dict.fromkeys(MANAGE_PAGES, NOT_FOUND),
    },
    "judge_unassigned": {
        "home": OK,
        "own_conflicts": OK,
        "review": NOT_FOUND,
        "score": NOT_FOUND,
        "pdf": NOT_FOUND,
        "download": NOT_FOUND,
        "thumbnail": NOT_FOUND,
        **dict.fromkeys(MANAGE_PAGES, NOT_FOUND),
    },
    "judge_conflicted": {
        "home": OK,
        "own_conflicts": OK,
        "review": NOT_FOUND,
        "score": NOT_FOUND,
        "pdf": NOT_FOUND,
        "download": NOT_FOUND,
        "thumbnail": NOT_FOUND,
        **dict.fromkeys(MANAGE_PAGES, NOT_FOUND),
    },
    "secretariat": {
        "home": NOT_FOUND,
        "own_conflicts": NOT_FOUND,
        "review": NOT_FOUND,
        "score": NOT_FOUND,
        "pdf": NOT_FOUND,
        "download": OK,
        "thumbnail": OK,
        **dict.fromkeys(MANAGE_PAGES, OK),
        # POST actions answer with a redirect back to their page
        "assign_one": REDIRECT,
        "assign_auto": REDIRECT,
        "remind": REDIRECT,
        "chair": REDIRECT,
    },
    "applicant": {
        "home": NOT_FOUND,
        "own_conflicts": NOT_FOUND,
        "review": NOT_FOUND,
        "score": NOT_FOUND,
        "pdf": NOT_FOUND,
        "download": OK,
        "thumbnail": OK,
        **dict.fromkeys(MANAGE_PAGES, NOT_FOUND),
    },
    "anonymous": dict.fromkeys(["home", "own_conflicts", *JUDGE_PAGES, *MANAGE_PAGES], REDIRECT),
}


@pytest.fixture
def world(edition):
    open_judging_now(edition)
    application, _coordinator = real_submitted_application(edition)
    assigned = JudgeFactory(edition=edition)
    services.assign(assigned, application, actor=None)
    conflicted = JudgeFactory(edition=edition)
    services.assign(conflicted, application, actor=None)
    services.save_score(
        conflicted.assignments.get().review, edition.criteria.get(number=1), 5, "", conflicted.user
    )
    # Declared after scoring: the assignment stays, but the judge can no longer open it.
    Conflict.objects.create(
        judge=conflicted,
        province=application.registration.local_government.province,
        declared_by=conflicted.user,
        reason="บ้านเกิด",
    )
    photo = application.attachments.get(kind="photos", slot=1)
    return {
        "edition": edition,
        "application": application,
        "photo": photo,
        "judge_assigned": assigned.user,
        "judge_unassigned": JudgeFactory(edition=edition).user,
        "judge_conflicted": conflicted.user,
        "secretariat": UserFactory(role=Role.SECRETARIAT),
        "applicant": MembershipFactory(organisation=application.registration.organisation).user,
        "anonymous": None,
        "some_judge": assigned,
    }


def _requests(world):
    edition, application = world["edition"], world["application"]
    number, pk = edition.number, application.pk
    return {
        "home": ("get", reverse("judging:home"), {}),
        "own_conflicts": ("get", reverse("judging:conflicts", args=[number]), {}),
        "review": ("get", reverse("judging:review", args=[pk]), {}),
        "score": ("post", reverse("judging:score", args=[pk, 1]), {"points_1": "4"}),
        "pdf": ("get", reverse("judging:application_pdf", args=[pk]), {}),
        "download": ("get", reverse("attachments:download", args=[world["photo"].pk]), {}),
        "thumbnail": ("get", reverse("attachments:thumbnail", args=[world["photo"].pk]), {}),
        "manage": ("get", reverse("judging:manage"), {}),
        "committee": ("get", reverse("judging:manage_committee", args=[number]), {}),
        "assignments": ("get", reverse("judging:manage_assignments", args=[number]), {}),
        "ranking": ("get", reverse("judging:manage_ranking", args=[number, "YOUTH"]), {}),
        "judge_conflicts": (
            "get",
            reverse("judging:manage_conflicts", args=[number, world["some_judge"].pk]),
            {},
        ),
        "assign_one": (
            "post",
            reverse("judging:manage_assign_one", args=[number, pk]),
            {"judge": world["some_judge"].pk},
        ),
        "assign_auto": (
            "post",
            reverse("judging:manage_assign_auto", args=[number]),
            {"per_application": 1},
        ),
        "remind": ("post", reverse("judging:manage_remind", args=[number]), {}),
        "chair": (
            "post",
            reverse("judging:manage_chair", args=[number, world["some_judge"].pk]),
            {},
        ),
    }


@pytest.mark.parametrize("role", list(TABLE))
def test_every_judging_url_by_role(client, world, role):
    user = world[role]
    if user is not None:
        log_in(client, user)
    got = {}
    for name, (method, url, data) in _requests(world).items():
        response = getattr(client, method)(url, data)
        got[name] = response.status_code
    assert got == TABLE[role]


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(reverse("judging:home"))
    assert response["Location"].startswith(reverse("accounts:login"))
