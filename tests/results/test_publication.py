"""Publication: the public results page from the chosen date, the applicants' e-mails."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from learningcity.results import services
from learningcity.results.enums import DecisionStatus
from tests.factories import bangkok

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(edition, youth, scored, secretariat, chair):
    decision = services.decision_for(edition, youth)
    return services.record_decision(
        decision,
        winners=[scored["A"]],
        honourable=[scored["B"]],
        note="มติเอกฉันท์",
        actor=secretariat,
        chair_approved=True,
    )


def test_publish_in_past_emails_every_applicant_once(
    recorded, secretariat, scored, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.publish_decision(
            recorded, timezone.now() - dt.timedelta(minutes=1), secretariat
        )
    assert decision.status == DecisionStatus.PUBLISHED
    assert len(mail.outbox) == 3
    by_reference = {
        n: next(m for m in mail.outbox if a.reference in m.body) for n, a in scored.items()
    }
    assert {m.to[0] for m in mail.outbox} == {scored["A"].registration.coordinator_email}
    winner = by_reference["A"]
    assert "ผลการตัดสิน" in winner.subject or "Results" in winner.subject
    # A: chair 90, judge 80 -> criterion 1 mean (14 + 12) / 2 = 13
    assert "1. เกณฑ์ที่ 1: 13.0 / 15" in winner.body or "1. เกณฑ์ที่ 1: 13 / 15" in winner.body
    assert "85.0 / 100" in winner.body or "85 / 100" in winner.body
    other = by_reference["C"]
    assert "ควรเก็บข้อมูลผู้ใช้แหล่งเรียนรู้ให้ต่อเนื่อง" in other.body
    assert "มีความตั้งใจดี ควรขยายภาคีเครือข่าย" in other.body
    decision.refresh_from_db()
    assert decision.notified_at is not None
    assert services.notify_applicants(decision) == 0
    assert len(mail.outbox) == 3


def test_feedback_comments_left_out_when_edition_disallows(
    recorded, secretariat, scored, edition, django_capture_on_commit_callbacks
):
    edition.settings["feedback_to_applicants"] = False
    edition.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_decision(recorded, timezone.now(), secretariat)
    other = next(m for m in mail.outbox if scored["C"].reference in m.body)
    assert "ควรเก็บข้อมูลผู้ใช้แหล่งเรียนรู้ให้ต่อเนื่อง" not in other.body
    assert "มีความตั้งใจดี" not in other.body


def test_application_feedback_means(scored):
    feedback = services.application_feedback(scored["B"], with_comments=False)
    assert [row["mean"] for row in feedback["rows"]] == [9.5, 13.0, 13.0, 10.0, 10.0, 9.5]
    assert feedback["total"] == 65.0
    assert feedback["max_total"] == 100


def test_future_publication_sends_nothing_and_page_is_404(
    recorded, secretariat, client, edition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_decision(recorded, timezone.now() + dt.timedelta(days=3), secretariat)
    assert mail.outbox == []
    assert client.get(f"/results/{edition.number}/").status_code == 404


def test_results_page_before_any_decision_is_404(client, edition):
    assert client.get(f"/results/{edition.number}/").status_code == 404


def test_results_page_recorded_but_unpublished_is_404(client, edition, recorded):
    assert client.get(f"/results/{edition.number}/").status_code == 404


def test_results_page_shows_winner_after_publication(
    recorded, secretariat, client, edition, scored
):
    publish_at = bangkok(2026, 9, 1, 9)
    services.publish_decision(recorded, publish_at, secretariat)
    response = client.get(f"/results/{edition.number}/")
    assert response.status_code == 200
    text = response.content.decode()
    winner = scored["A"].registration.local_government.full_name_th
    mention = scored["B"].registration.local_government.full_name_th
    assert winner in text
    assert mention in text
    assert scored["C"].registration.local_government.full_name_th not in text
    assert f"/results/{edition.number}/showcase/{scored['A'].reference}/" in text


def test_publish_without_date_refused(recorded, secretariat):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.publish_decision(recorded, None, secretariat)


def test_publish_draft_refused(edition, youth, secretariat):
    from django.core.exceptions import ValidationError

    decision = services.decision_for(edition, youth)
    with pytest.raises(ValidationError):
        services.publish_decision(decision, timezone.now(), secretariat)


@pytest.mark.parametrize("name", ["notify_applicants_task", "issue_certificates_task"])
def test_queued_task_paths_still_resolve(name):
    # Tasks queued before the tasks moved beside their services name results.tasks.
    from django.tasks import Task
    from django.utils.module_loading import import_string

    task = import_string(f"learningcity.results.tasks.{name}")
    assert isinstance(task, Task)
    assert task is import_string(task.module_path)
