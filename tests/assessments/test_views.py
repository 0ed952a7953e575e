import pytest
from django.urls import reverse

from learningcity.accounts.enums import Role
from learningcity.assessments import services
from learningcity.assessments.models import Answer, Assessment
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, log_in

from .conftest import answer_all


def _part_post(dimension, level, **extra):
    data = {}
    for question in dimension.questions.all():
        data[f"q{question.pk}-level"] = "" if level is None else str(level)
        data[f"q{question.pk}-note"] = ""
        data[f"q{question.pk}-evidence_url"] = ""
    data.update(extra)
    return data


def test_views_anonymous_assessment_start_to_result(client, questionnaire):
    page = client.get(reverse("assessments:start"))
    assert page.status_code == 200
    assert "แบบประเมินตนเองความพร้อมสู่เมืองแห่งการเรียนรู้" in page.text
    started = client.post(reverse("assessments:start"))
    assessment = Assessment.objects.get()
    assert assessment.organisation is None
    assert started.url == reverse("assessments:step", args=[assessment.token, 1])
    dimensions = list(questionnaire.dimensions.all())
    for number, dimension in enumerate(dimensions, start=1):
        response = client.post(
            reverse("assessments:step", args=[assessment.token, number]),
            _part_post(dimension, 4 if number != 4 else 0),
        )
        assert response.status_code == 302
    assert response.url == reverse("assessments:result", args=[assessment.token])
    result = client.get(response.url)
    assert "สิ่งที่ควรเสริมก่อน" in result.text
    assert "การใช้เทคโนโลยีการเรียนรู้ที่ทันสมัย" in result.text
    assert "<svg" in result.text
    client.post(reverse("assessments:complete", args=[assessment.token]))
    assessment.refresh_from_db()
    assert assessment.completed_at is not None
    # The start page offers it back to the same browser.
    assert assessment.token in client.get(reverse("assessments:start")).text


def test_views_half_finished_part_is_kept(client, questionnaire):
    assessment = services.start_assessment(questionnaire)
    dimension = questionnaire.dimensions.first()
    first = dimension.questions.first()
    data = _part_post(dimension, None, stay="1")
    data[f"q{first.pk}-level"] = "2"
    data[f"q{first.pk}-note"] = "มีศูนย์เด็กเล็ก 3 แห่ง"
    response = client.post(reverse("assessments:step", args=[assessment.token, 1]), data)
    assert response.url == reverse("assessments:step", args=[assessment.token, 1])
    answers = {a.question_id: (a.level, a.note) for a in Answer.objects.all()}
    assert answers[first.pk] == (2, "มีศูนย์เด็กเล็ก 3 แห่ง")
    page = client.get(response.url)
    assert "มีศูนย์เด็กเล็ก 3 แห่ง" in page.text


def test_views_bad_input_keeps_what_was_typed(client, questionnaire):
    assessment = services.start_assessment(questionnaire)
    dimension = questionnaire.dimensions.first()
    first = dimension.questions.first()
    data = _part_post(dimension, 3)
    data[f"q{first.pk}-level"] = "99"
    data[f"q{first.pk}-note"] = "ข้อความที่พิมพ์ไว้"
    response = client.post(reverse("assessments:step", args=[assessment.token, 1]), data)
    assert response.status_code == 200
    assert "ข้อความที่พิมพ์ไว้" in response.text
    assert Answer.objects.count() == 0


def test_views_unknown_token_and_part_are_404(client, questionnaire):
    assessment = services.start_assessment(questionnaire)
    assert client.get(reverse("assessments:result", args=["nope"])).status_code == 404
    assert client.get(reverse("assessments:step", args=[assessment.token, 10])).status_code == 404


@pytest.mark.parametrize(
    ("who", "view_status", "change_status"),
    [
        ("anonymous", 404, 404),
        ("member", 200, 302),
        ("other_applicant", 404, 404),
        ("judge", 404, 404),
        ("secretariat", 200, 404),
    ],
)
def test_views_organisation_assessment_permission_matrix(
    client, questionnaire, who, view_status, change_status
):
    membership = MembershipFactory()
    assessment = services.start_assessment(questionnaire, organisation=membership.organisation)
    people = {
        "member": membership.user,
        "other_applicant": MembershipFactory(organisation=OrganisationFactory()).user,
        "judge": UserFactory(role=Role.JUDGE),
        "secretariat": UserFactory(role=Role.SECRETARIAT),
    }
    if who in people:
        log_in(client, people[who])
    result = client.get(reverse("assessments:result", args=[assessment.token]))
    assert result.status_code == view_status
    dimension = questionnaire.dimensions.first()
    saved = client.post(
        reverse("assessments:step", args=[assessment.token, 1]), _part_post(dimension, 1)
    )
    assert saved.status_code == change_status
    assert Answer.objects.exists() == (change_status == 302)


@pytest.mark.parametrize(
    ("role", "status"), [(None, 302), (Role.APPLICANT, 404), (Role.JUDGE, 404), ("sec", 200)]
)
def test_views_readiness_is_for_the_secretariat(client, questionnaire, role, status):
    if role is not None:
        log_in(client, UserFactory(role=Role.SECRETARIAT if role == "sec" else role))
    assert client.get(reverse("assessments:readiness")).status_code == status
    assert client.get(reverse("assessments:readiness_csv")).status_code == status


def test_views_readiness_csv_lists_provinces(client, questionnaire):
    organisation = OrganisationFactory()
    assessment = services.start_assessment(questionnaire, organisation=organisation)
    answer_all(assessment, {}, default=3)
    services.complete_assessment(assessment)
    log_in(client, UserFactory(role=Role.SECRETARIAT))
    body = client.get(reverse("assessments:readiness_csv")).content.decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("จังหวัด,พื้นที่ที่ประเมินแล้ว,พร้อม,ใกล้พร้อม,")
    assert lines[1] == "กระบี่,1,1,0," + ",".join(["75"] * 9)


def test_views_member_sees_progress_between_assessments(client, questionnaire):
    membership = MembershipFactory()
    organisation = membership.organisation
    for level in (1, 3):
        assessment = services.start_assessment(questionnaire, organisation=organisation)
        answer_all(assessment, {}, default=level)
        services.complete_assessment(assessment)
    log_in(client, membership.user)
    page = client.get(reverse("assessments:result", args=[assessment.token]))
    assert page.text.count("+50") == 9
    mine = client.get(reverse("assessments:mine"))
    assert mine.text.count("radar__series--") == 2


def test_views_attached_assessment_is_context_for_the_judge_and_secretariat(client, questionnaire):
    from learningcity.judging import services as judging
    from tests.factories import EditionFactory
    from tests.judging.factories import JudgeFactory, real_submitted_application

    application, coordinator = real_submitted_application(EditionFactory())
    registration = application.registration
    assessment = services.start_assessment(questionnaire, organisation=registration.organisation)
    answer_all(assessment, {})
    assessment = services.complete_assessment(assessment)
    services.attach_to_registration(assessment, registration, user=coordinator)
    judge = JudgeFactory(edition=registration.edition)
    review = judging.assign(judge, application, actor=None).review
    other_judge = JudgeFactory(edition=registration.edition)
    url = reverse("assessments:result", args=[assessment.token])

    log_in(client, other_judge.user)
    assert client.get(url).status_code == 404
    log_in(client, judge.user)
    assert client.get(url).status_code == 200
    review_page = client.get(reverse("judging:review", args=[review.assignment.application_id]))
    assert review_page.status_code == 200
    assert url in review_page.content.decode()
    log_in(client, coordinator)
    registration_page = client.get(
        reverse("applications:registration", args=[registration.pk])
    ).content.decode()
    assert url in registration_page
