"""Conflicts of interest and giving applications to judges."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from learningcity.applications.enums import ApplicationStatus
from learningcity.audit.models import AuditEntry
from learningcity.judging import services
from learningcity.judging.models import Assignment, Conflict, Review
from tests.applications.factories import RegistrationFactory
from tests.factories import ProvinceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _declare(judge, application, kind):
    registration = application.registration
    targets = {
        "organisation": {"organisation": registration.organisation},
        "local_government": {"local_government": registration.local_government},
        "province": {"province": registration.local_government.province},
        "unrelated_province": {"province": ProvinceFactory(code="10", name_th="กรุงเทพมหานคร")},
    }
    Conflict.objects.create(judge=judge, declared_by=judge.user, reason="ญาติ", **targets[kind])


@pytest.mark.parametrize(
    ("kind", "conflicted"),
    [
        ("organisation", True),
        ("local_government", True),
        ("province", True),
        ("unrelated_province", False),
    ],
)
def test_is_conflicted_by_object(make_judge, make_application, kind, conflicted):
    judge, application = make_judge(), make_application()
    _declare(judge, application, kind)
    assert services.is_conflicted(judge, application) is conflicted


@pytest.mark.parametrize("kind", ["organisation", "local_government", "province"])
def test_assign_conflicted_judge_refused(make_judge, make_application, kind):
    judge, application = make_judge(), make_application()
    _declare(judge, application, kind)
    with pytest.raises(ValidationError, match="ส่วนได้ส่วนเสีย"):
        services.assign(judge, application, actor=None)
    assert not Assignment.objects.exists()


def test_assign_unrelated_conflict_creates_draft_review(make_judge, make_application):
    judge, application = make_judge(), make_application()
    _declare(judge, application, "unrelated_province")
    assignment = services.assign(judge, application, actor=None)
    assert Review.objects.get(assignment=assignment).status == "draft"
    assert AuditEntry.objects.filter(action="judging.assigned").count() == 1


def test_assign_twice_keeps_one(make_judge, make_application):
    judge, application = make_judge(), make_application()
    first = services.assign(judge, application, actor=None)
    assert services.assign(judge, application, actor=None) == first
    assert Assignment.objects.count() == 1


def test_assign_draft_application_refused(make_judge, make_application):
    judge = make_judge()
    application = make_application(status=ApplicationStatus.DRAFT, reference=None)
    with pytest.raises(ValidationError):
        services.assign(judge, application, actor=None)


def test_assign_other_edition_refused(make_judge):
    from .factories import SubmittedApplicationFactory

    with pytest.raises(ValidationError):
        services.assign(make_judge(), SubmittedApplicationFactory(), actor=None)


def test_auto_assign_balances_loads(make_judge, make_application, edition):
    judges = [make_judge() for _ in range(3)]
    applications = [make_application() for _ in range(7)]
    created = services.auto_assign(edition, per_application=2, actor=UserFactory())
    assert len(created) == 14
    loads = Counter(a.judge_id for a in Assignment.objects.all())
    # 14 assignments over 3 judges, lowest id first on equal load: 5, 5, 4.
    assert [loads[j.pk] for j in judges] == [5, 5, 4]
    per_application = Counter(a.application_id for a in Assignment.objects.all())
    assert all(per_application[a.pk] == 2 for a in applications)


def test_auto_assign_never_conflicted_and_idempotent(make_judge, make_application, edition):
    judges = [make_judge() for _ in range(3)]
    applications = [make_application() for _ in range(4)]
    _declare(judges[0], applications[0], "organisation")
    _declare(judges[1], applications[1], "local_government")
    services.assign(judges[2], applications[3], actor=None)
    services.auto_assign(edition, per_application=2, actor=None)
    pairs = set(Assignment.objects.values_list("judge_id", "application_id"))
    assert (judges[0].pk, applications[0].pk) not in pairs
    assert (judges[1].pk, applications[1].pk) not in pairs
    assert (judges[2].pk, applications[3].pk) in pairs
    assert len(pairs) == 8
    loads = Counter(judge for judge, _ in pairs)
    assert max(loads.values()) - min(loads.values()) <= 1
    assert services.auto_assign(edition, per_application=2, actor=None) == []
    assert Assignment.objects.count() == 8


def test_auto_assign_skips_unsubmitted(make_judge, edition):
    make_judge()
    RegistrationFactory(edition=edition)
    assert services.auto_assign(edition, per_application=1, actor=None) == []
