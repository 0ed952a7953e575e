"""The committee's decision waits for the committee: every assigned review in, or the chair's
written reason after the judging phase (issue 11)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from learningcity.audit.models import AuditEntry
from learningcity.judging import services as judging
from learningcity.judging.services.committee import declare_conflict
from learningcity.results import services
from learningcity.results.enums import DecisionStatus
from learningcity.results.models import Decision, Placing
from tests.factories import bangkok
from tests.judging.factories import SubmittedApplicationFactory
from tests.results.conftest import POINTS

pytestmark = pytest.mark.django_db
DURING_JUDGING = bangkok(2026, 8, 20, 10)
AFTER_JUDGING = bangkok(2026, 9, 2, 10)
REASON = "กรรมการท่านหนึ่งป่วย ไม่สามารถส่งผลได้ทันวันประชุม"


def _record(edition, youth, actor, winners, **kwargs):
    return services.record_decision(
        services.decision_for(edition, youth),
        winners=winners,
        honourable=kwargs.pop("honourable", []),
        note="",
        actor=actor,
        **kwargs,
    )


def _unchanged(youth):
    assert Decision.objects.get(category=youth).status == DecisionStatus.DRAFT
    assert not Placing.objects.exists()


def test_completeness_counts_in_and_missing(edition, youth, partly, judge, third):
    reviews = services.completeness(services.decision_for(edition, youth))
    assert (reviews.submitted, reviews.expected, reviews.excused) == (1, 3, 0)
    assert [(m.judge, m.reference) for m in reviews.missing] == [
        (judge.user.full_name, partly["B"].reference),
        (third.user.full_name, partly["C"].reference),
    ]
    assert reviews.fully_scored == {partly["A"].pk}
    assert not reviews.complete


def test_record_decision_one_of_three_reviews_in_refused(
    edition, youth, partly, chair, judge, third
):
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        _record(edition, youth, chair.user, [partly["A"]], at=AFTER_JUDGING)
    message = refused.value.messages[0]
    assert message.startswith("ผลการประเมินยังไม่ครบ: กรรมการส่งแล้ว 1 จาก 3 รายการ")
    assert f"{judge.user.full_name} ({partly['B'].reference})" in message
    assert f"{third.user.full_name} ({partly['C'].reference})" in message
    _unchanged(youth)


def test_record_decision_all_reviews_in_accepted(edition, youth, partly, chair, judge, third):
    judging.submit_review(judge.assignments.get().review, judge.user, at=DURING_JUDGING)
    review = third.assignments.get().review
    for criterion, points in zip(edition.criteria.order_by("number"), POINTS, strict=True):
        judging.save_score(review, criterion, points - 2, "", third.user, at=DURING_JUDGING)
    judging.submit_review(review, third.user, at=DURING_JUDGING)
    decision = _record(
        edition, youth, chair.user, [partly["A"]], honourable=[partly["C"]], at=DURING_JUDGING
    )
    assert decision.status == DecisionStatus.RECORDED
    assert not AuditEntry.objects.filter(
        action="results.decision_recorded_with_reviews_missing"
    ).exists()


def test_record_decision_override_before_judging_ends_refused(edition, youth, partly, chair):
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        _record(
            edition, youth, chair.user, [partly["A"]], override_reason=REASON, at=DURING_JUDGING
        )
    assert refused.value.messages == [
        "ช่วงการพิจารณาสิ้นสุดวันที่ 31 สิงหาคม 2569 เวลา 23:59 น. ก่อนหน้านั้นมติต้องรอผลการประเมินครบทุกรายการ"
    ]
    _unchanged(youth)


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_record_decision_override_without_reason_refused(edition, youth, partly, chair, reason):
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        _record(edition, youth, chair.user, [partly["A"]], override_reason=reason, at=AFTER_JUDGING)
    assert refused.value.messages == ["โปรดระบุเหตุผลที่บันทึกมติทั้งที่ผลการประเมินยังไม่ครบ"]
    _unchanged(youth)


def test_record_decision_override_by_secretariat_refused(
    edition, youth, partly, chair, secretariat
):
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        _record(
            edition,
            youth,
            secretariat,
            [partly["A"]],
            chair_approved=True,
            override_reason=REASON,
            at=AFTER_JUDGING,
        )
    assert refused.value.messages == ["เฉพาะประธานคณะกรรมการเท่านั้นที่บันทึกมติได้ขณะที่ผลการประเมินยังไม่ครบ"]
    _unchanged(youth)


def test_record_decision_override_by_judge_denied(edition, youth, partly, chair, judge):
    with pytest.raises(PermissionDenied):
        _record(edition, youth, judge.user, [partly["A"]], override_reason=REASON, at=AFTER_JUDGING)
    _unchanged(youth)


def test_record_decision_override_after_judging_accepted_and_audited(
    edition, youth, partly, chair, judge, third
):
    decision = _record(
        edition,
        youth,
        chair.user,
        [partly["A"]],
        honourable=[partly["C"]],
        override_reason=f"  {REASON} ",
        at=AFTER_JUDGING,
    )
    assert decision.status == DecisionStatus.RECORDED
    assert list(decision.placings.values_list("application", flat=True)) == [
        partly["A"].pk,
        partly["C"].pk,
    ]
    entry = AuditEntry.objects.get(action="results.decision_recorded_with_reviews_missing")
    assert entry.actor == chair.user
    assert entry.object_id == str(decision.pk)
    assert entry.summary == REASON
    assert entry.after == {
        "submitted": 1,
        "expected": 3,
        "missing": [
            f"{judge.user.full_name} ({partly['B'].reference})",
            f"{third.user.full_name} ({partly['C'].reference})",
        ],
    }


def test_record_decision_unscored_application_refused_when_reviews_complete(
    edition, youth, partly, chair, judge, third
):
    # B's review is in, C's only judge is withdrawn, a fourth application has no judge.
    judging.submit_review(judge.assignments.get().review, judge.user, at=DURING_JUDGING)
    third.assignments.get().review.delete()
    third.assignments.get().delete()
    unassigned = SubmittedApplicationFactory(
        registration__edition=edition, registration__category=youth
    )
    reviews = services.completeness(services.decision_for(edition, youth))
    assert reviews.complete
    assert reviews.fully_scored == {partly["A"].pk, partly["B"].pk}
    assert reviews.unassigned == [partly["C"], unassigned]
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        _record(
            edition, youth, chair.user, [partly["A"]], honourable=[partly["C"]], at=AFTER_JUDGING
        )
    assert refused.value.messages == [
        "เลือกได้เฉพาะใบสมัครที่ได้รับผลการประเมินครบแล้ว "
        f"ใบสมัครที่ยังได้รับผลการประเมินไม่ครบ: {partly['C'].reference}"
    ]
    _unchanged(youth)


def test_completeness_conflict_of_interest_not_missing(
    edition, youth, partly, chair, judge, third, secretariat
):
    # The third judge had started scoring C when they declared the conflict: the draft stays
    # (scores are never thrown away) but it is excused, not awaited.
    review = third.assignments.get().review
    judging.save_score(
        review, edition.criteria.get(number=1), 10, "", third.user, at=DURING_JUDGING
    )
    declare_conflict(
        third,
        secretariat,
        reason="เคยเป็นที่ปรึกษาโครงการ",
        organisation=partly["C"].registration.organisation,
    )
    judging.submit_review(judge.assignments.get().review, judge.user, at=DURING_JUDGING)
    assert third.assignments.count() == 1
    reviews = services.completeness(services.decision_for(edition, youth))
    assert (reviews.submitted, reviews.expected, reviews.excused) == (2, 2, 1)
    assert reviews.missing == []
    decision = _record(edition, youth, chair.user, [partly["A"]], at=DURING_JUDGING)
    assert decision.status == DecisionStatus.RECORDED
