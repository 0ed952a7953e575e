"""The judge's pages: the list, the scoring page (save, autosave, submit), bad input."""

from decimal import Decimal

import pytest
from django.urls import reverse

from learningcity.judging import services
from learningcity.judging.enums import ReviewStatus
from learningcity.judging.models import Conflict, Score, ScoreChange
from tests.factories import log_in

from .conftest import close_judging_now, open_judging_now
from .factories import JudgeFactory, SubmittedApplicationFactory, real_submitted_application

pytestmark = pytest.mark.django_db

POINTS = {1: "12", 2: "15.5", 3: "17", 4: "10", 5: "11.5", 6: "13"}  # total 79


@pytest.fixture
def setup(edition):
    open_judging_now(edition)
    application, _coordinator = real_submitted_application(edition)
    judge = JudgeFactory(edition=edition)
    review = services.assign(judge, application, actor=None).review
    return judge, application, review


def _form(points=POINTS, action="save", **extra):
    data = {f"points_{n}": p for n, p in points.items()}
    data |= {f"comment_{n}": f"ความเห็น {n}" for n in points}
    data |= {"overall_comment": "ภาพรวมดี", "action": action}
    return data | extra


def test_home_lists_assignments_with_progress(client, setup):
    judge, application, _review = setup
    response = log_in(client, judge.user).get(reverse("judging:home"))
    assert response.status_code == 200
    assert application.reference in response.text
    assert "0/6" in response.text


def test_home_leaves_out_conflicted_application(client, setup, edition):
    judge, application, _review = setup
    other = SubmittedApplicationFactory(registration__edition=edition)
    services.assign(judge, other, actor=None)
    Conflict.objects.create(
        judge=judge,
        local_government=application.registration.local_government,
        declared_by=judge.user,
        reason="ญาติ",
    )
    response = log_in(client, judge.user).get(reverse("judging:home"))
    assert application.reference not in response.text
    assert other.reference in response.text


def test_review_page_shows_answers_photos_and_files(client, setup):
    judge, application, _review = setup
    response = log_in(client, judge.user).get(reverse("judging:review", args=[application.pk]))
    assert response.status_code == 200
    text = response.text
    assert "คำตอบเกณฑ์ที่ 1" in text
    assert "กิจกรรมที่ 10" in text  # photo captions
    assert "ห้องสมุดตำบล" in text  # learning place
    assert 'name="points_6"' in text
    assert reverse("judging:application_pdf", args=[application.pk]) in text
    photo = application.attachments.filter(kind="photos").first()
    assert reverse("attachments:thumbnail", args=[photo.pk]) in text


def test_save_draft_stores_every_score_and_comment(client, setup):
    judge, application, review = setup
    url = reverse("judging:review", args=[application.pk])
    response = log_in(client, judge.user).post(url, _form())
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT
    assert review.overall_comment == "ภาพรวมดี"
    assert sorted(s.points for s in review.scores.all()) == sorted(
        Decimal(p) for p in POINTS.values()
    )
    page = client.get(url)
    assert "79.0" in page.text  # the running total as the server knows it


def test_submit_review_from_page(client, setup):
    judge, application, review = setup
    url = reverse("judging:review", args=[application.pk])
    response = log_in(client, judge.user).post(url, _form(action="submit"))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_submit_with_missing_criterion_refused(client, setup):
    judge, application, review = setup
    url = reverse("judging:review", args=[application.pk])
    partial = {1: "10", 2: "10"}
    response = log_in(client, judge.user).post(url, _form(points=partial, action="submit"))
    assert response.status_code == 422
    assert "missing: 3, 4, 5, 6" in response.text or "3, 4, 5, 6" in response.text
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT


@pytest.mark.parametrize("bad", ["15.5", "-1", "7.3", "abc"])
def test_points_out_of_range_refused_and_nothing_saved(client, setup, bad):
    judge, application, review = setup
    url = reverse("judging:review", args=[application.pk])
    response = log_in(client, judge.user).post(url, _form(points=POINTS | {1: bad}))
    assert response.status_code == 422
    assert Score.objects.filter(review=review).count() == 0
    review.refresh_from_db()
    assert review.overall_comment == ""


def test_score_after_judging_closed_refused(client, setup, edition):
    judge, application, review = setup
    close_judging_now(edition)
    url = reverse("judging:review", args=[application.pk])
    response = log_in(client, judge.user).post(url, _form())
    assert response.status_code == 422
    assert Score.objects.filter(review=review).count() == 0


def test_second_submission_refused(client, setup):
    judge, application, review = setup
    url = reverse("judging:review", args=[application.pk])
    log_in(client, judge.user).post(url, _form(action="submit"))
    response = client.post(url, _form(action="submit"))
    assert response.status_code == 422
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_edit_after_submission_kept_in_history(client, setup):
    judge, application, review = setup
    url = reverse("judging:review", args=[application.pk])
    log_in(client, judge.user).post(url, _form(action="submit"))
    client.post(url, _form(points=POINTS | {1: "14"}))
    change = ScoreChange.objects.filter(score__review=review, score__criterion__number=1).last()
    assert (change.old_points, change.new_points) == (12, 14)
    assert change.changed_by == judge.user
    page = client.get(url)
    assert "12.0 → 14.0" in page.text


def test_autosave_one_score_with_htmx(client, setup):
    judge, application, review = setup
    url = reverse("judging:score", args=[application.pk, 2])
    response = log_in(client, judge.user).post(
        url, {"points_2": "18.5", "comment_2": "ดี"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "บันทึกแล้ว" in response.text
    assert review.scores.get().points == 18.5


def test_autosave_above_max_answers_error(client, setup):
    judge, application, review = setup
    url = reverse("judging:score", args=[application.pk, 2])
    response = log_in(client, judge.user).post(
        url, {"points_2": "21", "comment_2": ""}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "score-status--error" in response.text
    assert "คะแนนของเกณฑ์นี้ต้องอยู่ระหว่าง 0 ถึง 20 คะแนน" in response.text
    assert not review.scores.exists()


def test_autosave_without_htmx_redirects(client, setup):
    judge, application, review = setup
    url = reverse("judging:score", args=[application.pk, 1])
    response = log_in(client, judge.user).post(url, {"points_1": "3", "comment_1": ""})
    assert response.status_code == 302
    assert review.scores.get().points == 3


def test_others_scores_hidden_until_own_review_submitted(client, setup, edition):
    judge, application, _review = setup
    edition.settings["hide_other_scores_until_submitted"] = True
    edition.save()
    other = JudgeFactory(edition=edition)
    other_review = services.assign(other, application, actor=None).review
    for criterion in edition.criteria.all():
        services.save_score(other_review, criterion, 1, "ความเห็นของอีกท่าน", other.user)
    url = reverse("judging:review", args=[application.pk])
    page = log_in(client, judge.user).get(url)
    assert "ความเห็นของอีกท่าน" not in page.text
    client.post(url, _form(action="submit"))
    assert "ความเห็นของอีกท่าน" in client.get(url).text


def test_application_pdf_for_assigned_judge(client, setup):
    judge, application, _review = setup
    response = log_in(client, judge.user).get(
        reverse("judging:application_pdf", args=[application.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_judge_declares_conflict_and_draft_is_withdrawn(client, setup, edition):
    judge, application, _review = setup
    url = reverse("judging:conflicts", args=[edition.number])
    response = log_in(client, judge.user).post(
        url,
        {
            "local_government": application.registration.local_government.dla_code,
            "reason": "เคยเป็นที่ปรึกษา",
        },
    )
    assert response.status_code == 302
    conflict = Conflict.objects.get(judge=judge)
    assert conflict.local_government == application.registration.local_government
    assert not judge.assignments.exists()
    assert client.get(reverse("judging:review", args=[application.pk])).status_code == 404


def test_conflict_needs_exactly_one_object(client, setup, edition):
    judge, _application, _review = setup
    url = reverse("judging:conflicts", args=[edition.number])
    response = log_in(client, judge.user).post(url, {"reason": "ไม่ระบุ"})
    assert response.status_code == 422
    assert not Conflict.objects.exists()
