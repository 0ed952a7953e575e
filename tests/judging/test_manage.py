"""The secretariat's judging pages and the services behind them: the committee, conflicts,
assignments by hand, by category, from CSV (all or nothing) and automatic; progress,
reminders and the ranking page."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learningcity.accounts.enums import Role
from learningcity.audit.models import AuditEntry
from learningcity.judging import services
from learningcity.judging.models import Assignment, Conflict, Judge
from learningcity.judging.services.progress import progress_by_category, progress_by_judge
from tests.factories import UserFactory

from .conftest import DURING_JUDGING
from .factories import JudgeFactory, SubmittedApplicationFactory, scored_review

pytestmark = pytest.mark.django_db


def test_name_judge_and_chair(client, secretariat, edition):
    judge_user = UserFactory(role=Role.JUDGE, email="expert@example.org")
    url = reverse("judging:manage_committee", args=[edition.number])
    response = client.post(url, {"email": "Expert@example.org", "is_chair": "on"})
    assert response.status_code == 302
    judge = Judge.objects.get(edition=edition, user=judge_user)
    assert judge.is_chair
    other = JudgeFactory(edition=edition)
    client.post(reverse("judging:manage_chair", args=[edition.number, other.pk]))
    assert list(Judge.objects.filter(edition=edition, is_chair=True)) == [other]
    assert AuditEntry.objects.filter(action="judging.chair_set").count() == 2


def test_name_judge_refuses_non_judge_account(client, secretariat, edition):
    UserFactory(role=Role.APPLICANT, email="someone@example.org")
    url = reverse("judging:manage_committee", args=[edition.number])
    response = client.post(url, {"email": "someone@example.org"})
    assert response.status_code == 422
    assert "ไม่ใช่บัญชีของกรรมการ" in response.text
    assert not Judge.objects.exists()


def test_secretariat_adds_conflict_for_judge(client, secretariat, edition):
    judge = JudgeFactory(edition=edition)
    application = SubmittedApplicationFactory(registration__edition=edition)
    url = reverse("judging:manage_conflicts", args=[edition.number, judge.pk])
    response = client.post(
        url, {"organisation": application.registration.organisation_id, "reason": "กรรมการมูลนิธิ"}
    )
    assert response.status_code == 302
    conflict = Conflict.objects.get(judge=judge)
    assert (conflict.organisation, conflict.declared_by) == (
        application.registration.organisation,
        secretariat,
    )
    with pytest.raises(ValidationError, match="ส่วนได้ส่วนเสีย"):
        services.assign(judge, application, secretariat)


def test_assign_by_hand(client, secretariat, edition):
    judge = JudgeFactory(edition=edition)
    application = SubmittedApplicationFactory(registration__edition=edition)
    client.post(
        reverse("judging:manage_assign_one", args=[edition.number, application.pk]),
        {"judge": judge.pk},
    )
    assert Assignment.objects.get().judge == judge


def test_assign_whole_category_skips_conflicts(client, secretariat, edition):
    judges = [JudgeFactory(edition=edition) for _ in range(2)]
    youth = [SubmittedApplicationFactory(registration__edition=edition) for _ in range(3)]
    equity = SubmittedApplicationFactory(
        registration__edition=edition,
        registration__category=edition.categories.get(code="EQUITY"),
    )
    Conflict.objects.create(
        judge=judges[1],
        organisation=youth[0].registration.organisation,
        declared_by=judges[1].user,
        reason="x",
    )
    client.post(
        reverse("judging:manage_assign_category", args=[edition.number]),
        {"category": edition.categories.get(code="YOUTH").pk, "judges": [j.pk for j in judges]},
    )
    assert Assignment.objects.filter(judge=judges[0]).count() == 3
    assert Assignment.objects.filter(judge=judges[1]).count() == 2
    assert not Assignment.objects.filter(application=equity).exists()


def _csv(text: str):
    return SimpleUploadedFile("assign.csv", text.encode(), content_type="text/csv")


def test_csv_assigns_every_line(client, secretariat, edition):
    judge = JudgeFactory(edition=edition, user__email="a@example.org")
    apps = [SubmittedApplicationFactory(registration__edition=edition) for _ in range(2)]
    text = "email,reference\n" + "".join(f"A@example.org,{a.reference}\n" for a in apps)
    response = client.post(
        reverse("judging:manage_assign_csv", args=[edition.number]), {"file": _csv(text)}
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(judge=judge).count() == 2


def test_csv_with_a_wrong_line_assigns_nothing(client, secretariat, edition):
    JudgeFactory(edition=edition, user__email="a@example.org")
    good = SubmittedApplicationFactory(registration__edition=edition)
    text = (
        f"a@example.org,{good.reference}\n"
        f"nobody@example.org,{good.reference}\n"
        "a@example.org,LCA-X\n"
    )
    response = client.post(
        reverse("judging:manage_assign_csv", args=[edition.number]), {"file": _csv(text)}
    )
    assert response.status_code == 422
    assert "บรรทัดที่ 2" in response.text
    assert "บรรทัดที่ 3" in response.text
    assert not Assignment.objects.exists()


def test_auto_assign_from_page(client, secretariat, edition):
    [JudgeFactory(edition=edition) for _ in range(3)]
    [SubmittedApplicationFactory(registration__edition=edition) for _ in range(4)]
    client.post(
        reverse("judging:manage_assign_auto", args=[edition.number]), {"per_application": 2}
    )
    assert Assignment.objects.count() == 8


def test_progress_per_judge_and_category(edition):
    judges = [JudgeFactory(edition=edition) for _ in range(2)]
    apps = [SubmittedApplicationFactory(registration__edition=edition) for _ in range(2)]
    scored_review(judges[0], apps[0], [10, 15, 15, 10, 10, 10])
    scored_review(judges[0], apps[1], [10, 15, 15, 10, 10, 10], submit=False)
    services.assign(judges[1], apps[0], actor=None)
    by_judge = {j.pk: (p.due, p.submitted, p.started) for j, p in progress_by_judge(edition)}
    assert by_judge == {judges[0].pk: (2, 1, 1), judges[1].pk: (1, 0, 0)}
    youth, equity = progress_by_category(edition)
    assert (youth.due, youth.submitted, youth.started, youth.percent) == (3, 1, 1, 33)
    assert (equity.due, equity.submitted) == (0, 0)


def test_reminder_emails_only_judges_with_reviews_due(client, secretariat, edition):
    done, behind = JudgeFactory(edition=edition), JudgeFactory(edition=edition)
    application = SubmittedApplicationFactory(registration__edition=edition)
    scored_review(done, application, [10, 15, 15, 10, 10, 10], at=DURING_JUDGING)
    services.assign(behind, application, actor=None)
    response = client.post(reverse("judging:manage_remind", args=[edition.number]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[behind.user.email]]
    assert application.reference in mail.outbox[0].body
    assert "31 สิงหาคม 2569" in mail.outbox[0].body


def test_ranking_page_shows_statistics_and_tie_break_rule(client, secretariat, edition):
    judges = [JudgeFactory(edition=edition) for _ in range(2)]
    a, b = (SubmittedApplicationFactory(registration__edition=edition) for _ in range(2))
    scored_review(judges[0], a, [15, 20, 20, 15, 15, 15])
    scored_review(judges[1], a, [5, 10, 10, 5, 5, 5])
    scored_review(judges[0], b, [10, 10, 10, 10, 10, 10])
    response = client.get(reverse("judging:manage_ranking", args=[edition.number, "YOUTH"]))
    assert response.status_code == 200
    text = response.text
    assert text.index(a.reference) < text.index(b.reference)
    assert "70.00" in text  # mean of 100 and 40
    assert "60.0" in text  # spread, flagged
    assert "ranking-flag" in text
    assert "2569" in text  # Buddhist-era date


def test_ranking_of_unknown_category_is_404(client, secretariat, edition):
    response = client.get(reverse("judging:manage_ranking", args=[edition.number, "NOPE"]))
    assert response.status_code == 404
