"""The committee's decision: recording (with the chair), the score lock, reopening (chair)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from learningcity.audit.models import AuditEntry
from learningcity.judging import services as judging
from learningcity.results import services
from learningcity.results.enums import AwardLevel, DecisionStatus
from learningcity.results.models import Decision, Placing
from tests.factories import UserFactory, bangkok
from tests.judging.factories import JudgeFactory

pytestmark = pytest.mark.django_db
DURING_JUDGING = bangkok(2026, 8, 20, 10)
AFTER_JUDGING = bangkok(2026, 9, 2, 10)


def _record(edition, youth, scored, actor, **kwargs):
    decision = services.decision_for(edition, youth)
    return services.record_decision(
        decision,
        winners=kwargs.pop("winners", [scored["A"]]),
        honourable=kwargs.pop("honourable", [scored["B"]]),
        note=kwargs.pop("note", "มติเอกฉันท์"),
        actor=actor,
        **kwargs,
    )


def test_record_decision_by_secretariat_with_chair_approval(
    edition, youth, scored, secretariat, chair
):
    decision = _record(edition, youth, scored, secretariat, chair_approved=True)
    assert decision.status == DecisionStatus.RECORDED
    assert decision.chair == chair
    assert decision.recorded_by == secretariat
    assert list(decision.placings.values_list("application", "level", "place")) == [
        (scored["A"].pk, AwardLevel.WINNER, 1),
        (scored["B"].pk, AwardLevel.HONOURABLE_MENTION, 1),
    ]
    assert AuditEntry.objects.filter(action="results.decision_recorded").count() == 1


def test_record_decision_by_chair_needs_no_tick(edition, youth, scored, chair):
    decision = _record(edition, youth, scored, chair.user)
    assert decision.status == DecisionStatus.RECORDED


def test_record_decision_without_chair_approval_refused(edition, youth, scored, secretariat):
    with pytest.raises(ValidationError):
        _record(edition, youth, scored, secretariat)
    assert Decision.objects.get(category=youth).status == DecisionStatus.DRAFT
    assert not Placing.objects.exists()


def test_record_decision_edition_without_chair_refused(edition, youth, secretariat, judge):
    from tests.judging.factories import SubmittedApplicationFactory

    application = SubmittedApplicationFactory(
        registration__edition=edition, registration__category=youth
    )
    decision = services.decision_for(edition, youth)
    with pytest.raises(ValidationError, match=r"ประธาน|chair"):
        services.record_decision(
            decision,
            winners=[application],
            honourable=[],
            note="",
            actor=secretariat,
            chair_approved=True,
        )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_record_decision_by_ordinary_judge_denied(edition, youth, scored, judge):
    with pytest.raises(PermissionDenied):
        _record(edition, youth, scored, judge.user, chair_approved=True)


@pytest.mark.parametrize(
    ("winners", "honourable"),
    [
        ([], []),  # no winner
        (["A", "B"], []),  # more winners than the edition allows (1)
        (["A"], ["B", "C", "A"]),  # three mentions, and A twice
        (["A"], ["A"]),  # one application, two awards
    ],
)
def test_record_decision_bad_counts_refused(
    edition, youth, scored, secretariat, chair, winners, honourable
):
    with pytest.raises(ValidationError):
        _record(
            edition,
            youth,
            scored,
            secretariat,
            chair_approved=True,
            winners=[scored[n] for n in winners],
            honourable=[scored[n] for n in honourable],
        )
    assert not Placing.objects.exists()


def test_record_decision_application_of_other_category_refused(edition, scored, secretariat, chair):
    equity = edition.categories.get(code="EQUITY")
    decision = services.decision_for(edition, equity)
    with pytest.raises(ValidationError):
        services.record_decision(
            decision,
            winners=[scored["A"]],
            honourable=[],
            note="",
            actor=secretariat,
            chair_approved=True,
        )


def test_record_decision_twice_refused(edition, youth, scored, secretariat, chair):
    _record(edition, youth, scored, secretariat, chair_approved=True)
    with pytest.raises(ValidationError):
        _record(edition, youth, scored, secretariat, chair_approved=True)


def test_scores_locked_after_decision(edition, youth, scored, secretariat, chair, judge):
    review = judge.assignments.get(application=scored["C"]).review
    criterion = edition.criteria.get(number=1)
    assert not services.scores_locked(edition)
    _record(edition, youth, scored, secretariat, chair_approved=True)
    assert services.scores_locked(edition)
    with pytest.raises(ValidationError, match=r"ล็อก|locked"):
        judging.save_score(review, criterion, 15, "", judge.user, at=DURING_JUDGING)
    assert review.scores.get(criterion=criterion).half_points == 12


def test_submit_review_refused_after_decision(edition, youth, scored, secretariat, chair, judge):
    from tests.judging.factories import SubmittedApplicationFactory

    late = SubmittedApplicationFactory(registration__edition=edition, registration__category=youth)
    review = judging.assign(judge, late, actor=None).review
    for criterion in edition.criteria.all():
        judging.save_score(review, criterion, 5, "", judge.user, at=DURING_JUDGING)
    # The late review is missing: only the chair, after the judging phase, records anyway.
    _record(edition, youth, scored, chair.user, override_reason="ครบกำหนด", at=AFTER_JUDGING)
    with pytest.raises(ValidationError):
        judging.submit_review(review, judge.user, at=DURING_JUDGING)
    review.refresh_from_db()
    assert review.status == "draft"


def test_reopen_by_chair_unlocks_and_is_audited(edition, youth, scored, secretariat, chair):
    decision = _record(edition, youth, scored, secretariat, chair_approved=True)
    decision = services.reopen_decision(decision, chair.user, "คะแนนเกณฑ์ที่ 2 บันทึกผิด")
    assert decision.status == DecisionStatus.REOPENED
    assert not services.scores_locked(edition)
    entry = AuditEntry.objects.get(action="results.decision_reopen_reason")
    assert entry.summary == "คะแนนเกณฑ์ที่ 2 บันทึกผิด"
    assert entry.actor == chair.user
    again = _record(edition, youth, scored, chair.user, winners=[scored["B"]], honourable=[])
    assert list(again.placings.values_list("application", flat=True)) == [scored["B"].pk]


@pytest.mark.parametrize("who", ["secretariat", "judge", "other_chair"])
def test_reopen_without_chair_denied(edition, youth, scored, secretariat, chair, judge, who):
    decision = _record(edition, youth, scored, secretariat, chair_approved=True)
    user = {
        "secretariat": secretariat,
        "judge": judge.user,
        "other_chair": JudgeFactory(is_chair=True).user,  # the chair of another edition
    }[who]
    with pytest.raises(PermissionDenied):
        services.reopen_decision(decision, user, "เหตุผล")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.RECORDED


def test_reopen_published_decision_refused(edition, youth, scored, secretariat, chair):
    decision = _record(edition, youth, scored, secretariat, chair_approved=True)
    decision = services.publish_decision(decision, bangkok(2026, 9, 1, 9), secretariat)
    with pytest.raises(ValidationError):
        services.reopen_decision(decision, chair.user, "เหตุผล")


def test_one_decision_per_category_constraint(edition, youth):
    services.decision_for(edition, youth)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(edition=edition, category=youth)


def test_unique_placing_constraint(edition, youth, scored, secretariat, chair):
    decision = _record(edition, youth, scored, secretariat, chair_approved=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Placing.objects.create(
            decision=decision, application=scored["C"], level=AwardLevel.WINNER, place=1
        )


def test_recorded_without_chair_constraint(edition, youth):
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(edition=edition, category=youth, status=DecisionStatus.RECORDED)


def test_transition_table_refuses_skipping(edition, youth):
    decision = services.decision_for(edition, youth)
    with pytest.raises(ValidationError):
        services.set_decision_status(decision, DecisionStatus.PUBLISHED, UserFactory())
