import pytest
from django.core.exceptions import ValidationError

from learningcity.assessments import services
from learningcity.assessments.chart import CENTRE, RADIUS, radar
from learningcity.assessments.enums import Readiness
from learningcity.assessments.models import Answer
from learningcity.audit.models import AuditEntry
from tests.factories import LocalGovernmentFactory, OrganisationFactory, UserFactory

from .conftest import answer_all


def test_services_half_finished_assessment_keeps_its_answers(questionnaire):
    assessment = services.start_assessment(questionnaire)
    first = questionnaire.dimensions.first()
    q1, _q2 = first.questions.all()
    services.save_answers(
        assessment, first, {q1.pk: {"level": 3, "note": " ครูอาสา ", "evidence_url": ""}}
    )
    profile = services.profile_of(assessment)
    assert (profile.answered, profile.questions, profile.complete) == (1, 18, False)
    assert profile.scores[0].percent == 75
    assert profile.scores[1].percent is None
    assert Answer.objects.get(assessment=assessment, question=q1).note == "ครูอาสา"
    with pytest.raises(ValidationError) as error:
        services.complete_assessment(assessment)
    assert error.value.messages == ["ยังมีคำถาม 17 ข้อที่ยังไม่ได้ตอบ"]


def test_services_save_refuses_a_question_of_another_part(questionnaire):
    assessment = services.start_assessment(questionnaire)
    first, second = questionnaire.dimensions.all()[:2]
    other = second.questions.first()
    with pytest.raises(ValidationError):
        services.save_answers(assessment, first, {other.pk: {"level": 1}})
    with pytest.raises(ValidationError):
        services.save_answers(assessment, first, {first.questions.first().pk: {"level": 5}})
    assert Answer.objects.count() == 0


def test_services_profile_priorities_and_readiness(questionnaire):
    assessment = services.start_assessment(questionnaire)
    answer_all(assessment, {"technology": 0, "workplace": 1, "mechanism": 1}, default=4)
    profile = services.profile_of(assessment)
    assert [s.percent for s in profile.scores] == [100, 100, 25, 0, 100, 100, 100, 100, 25]
    assert profile.overall == round((100 * 6 + 25 * 2) / 9)
    weakest = [s.dimension.code for s in services.priorities(profile)]
    assert weakest == ["technology", "workplace", "mechanism"]
    # Overall 72 %: above "close" (60) but under "ready" (75).
    assert services.readiness_of(profile) == Readiness.CLOSE


def test_services_readiness_needs_every_part_above_the_lowest_bar(questionnaire):
    assessment = services.start_assessment(questionnaire)
    answer_all(assessment, {"technology": 1}, default=4)  # overall 92 %, lowest 25 %
    assert services.readiness_of(services.profile_of(assessment)) == Readiness.CLOSE
    other = services.start_assessment(questionnaire)
    answer_all(other, {"technology": 2}, default=4)  # lowest 50 %
    assert services.readiness_of(services.profile_of(other)) == Readiness.READY


def test_services_completed_assessment_is_final_and_audited(questionnaire):
    user = UserFactory()
    organisation = OrganisationFactory()
    assessment = services.start_assessment(questionnaire, user=user, organisation=organisation)
    answer_all(assessment, {})
    services.complete_assessment(assessment, user=user)
    assessment.refresh_from_db()
    assert assessment.completed_at is not None
    assert assessment.local_government_id == organisation.local_government_id
    with pytest.raises(ValidationError):
        services.save_answers(assessment, questionnaire.dimensions.first(), {})
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["assessment.started", "assessment.completed"]


def test_services_compare_shows_progress_per_part(questionnaire):
    organisation = OrganisationFactory()
    earlier = services.start_assessment(questionnaire, organisation=organisation)
    answer_all(earlier, {"families": 1})
    later = services.start_assessment(questionnaire, organisation=organisation)
    answer_all(later, {"families": 3})
    changes = services.compare(services.profile_of(earlier), services.profile_of(later))
    assert [(c.dimension.code, c.delta) for c in changes][:3] == [
        ("inclusive", 0),
        ("families", 50),
        ("workplace", 0),
    ]


def test_services_strong_peers_only_among_given_areas(questionnaire):
    strong = LocalGovernmentFactory()
    unlisted = LocalGovernmentFactory()
    for lg in (strong, unlisted):
        peer = services.start_assessment(questionnaire, local_government=lg)
        answer_all(peer, {"technology": 4})
        services.complete_assessment(peer)
    me = services.start_assessment(questionnaire)
    answer_all(me, {"technology": 0})
    technology = questionnaire.dimensions.get(code="technology")
    peers = services.strong_peers(questionnaire, [technology], {strong.pk})
    assert peers == {technology.pk: [strong]}


def test_services_attach_only_own_completed_assessment(questionnaire):
    from tests.applications.factories import RegistrationFactory

    registration = RegistrationFactory()
    user = UserFactory()
    mine = services.start_assessment(questionnaire, organisation=registration.organisation)
    with pytest.raises(ValidationError):
        services.attach_to_registration(mine, registration, user=user)
    answer_all(mine, {})
    mine = services.complete_assessment(mine)
    services.attach_to_registration(mine, registration, user=user)
    assert registration.assessments.get() == mine
    theirs = services.start_assessment(questionnaire, organisation=OrganisationFactory())
    answer_all(theirs, {})
    theirs = services.complete_assessment(theirs)
    with pytest.raises(ValidationError):
        services.attach_to_registration(theirs, registration, user=user)


def test_services_readiness_by_province_counts_latest_completed(questionnaire):
    lg = LocalGovernmentFactory()
    old = services.start_assessment(questionnaire, local_government=lg)
    answer_all(old, {}, default=1)
    services.complete_assessment(old)
    new = services.start_assessment(questionnaire, local_government=lg)
    answer_all(new, {}, default=4)
    services.complete_assessment(new)
    services.start_assessment(questionnaire, local_government=LocalGovernmentFactory())
    rows = services.readiness_by_province(questionnaire)
    assert [(r["province"], r["areas"], r["ready"], r["close"]) for r in rows] == [
        (lg.province, 1, 1, 0)
    ]
    assert rows[0]["means"] == [100] * 9
    close = services.close_to_readiness(questionnaire)
    assert [(r["local_government"], r["state"], r["overall"]) for r in close] == [
        (lg, Readiness.READY, 100)
    ]


def test_chart_radar_points_follow_the_percentages():
    chart = radar([[100, 0, 50]])
    first, second, _third = chart["polygons"][0].split(" ")
    assert first == f"{CENTRE},{CENTRE - RADIUS}"  # straight up, at full length
    assert second == f"{CENTRE},{CENTRE}"  # zero sits on the centre
    assert [a.number for a in chart["axes"]] == [1, 2, 3]
    assert len(chart["rings"]) == 4
