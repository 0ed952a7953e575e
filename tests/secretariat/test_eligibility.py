import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration
from learningcity.audit.models import AuditEntry
from learningcity.events.services import record_demo_training
from learningcity.secretariat.services import lists
from learningcity.secretariat.services.eligibility import Verdict, decide_eligibility, rule_checks
from tests.factories import EditionFactory, log_in

from .helpers import days_ago, registration_in, secretariat_user

pytestmark = pytest.mark.django_db


def _annotated(registration):
    return lists.registrations(registration.edition).get(pk=registration.pk)


def _verdicts(registration):
    return {check.code: check.verdict for check in rule_checks(_annotated(registration))}


def test_rule_checks_of_a_sound_registration_before_its_application():
    registration = registration_in(EditionFactory(), population=6200)
    assert _verdicts(registration) == {
        "population": Verdict.MET,
        "certification": Verdict.PENDING,
        "representatives": Verdict.MET,
        "training": Verdict.PENDING,
        "one_category": Verdict.MET,
    }


def test_rule_checks_show_population_source_and_year():
    registration = registration_in(EditionFactory(), population=6200, population_year_be=2568)
    population = rule_checks(_annotated(registration))[0]
    assert "6,200" in population.detail
    assert "ทะเบียนราษฎร กรมการปกครอง" in population.detail
    assert "2568" in population.detail


def test_rule_checks_fail_population_below_the_edition_minimum():
    edition = EditionFactory(min_population=5000)
    registration = registration_in(edition, population=4999)
    assert _verdicts(registration)["population"] == Verdict.FAILED


def test_rule_checks_fail_with_one_representative():
    registration = registration_in(EditionFactory(), reps=1)
    assert _verdicts(registration)["representatives"] == Verdict.FAILED


def test_rule_checks_count_trained_representatives():
    registration = registration_in(EditionFactory())
    record_demo_training(registration, secretariat_user(), timezone.now())
    assert _verdicts(registration)["training"] == Verdict.MET


def test_rule_checks_fail_certification_once_the_application_exists_uncertified():
    from tests.applications.factories import started_application

    registration = registration_in(EditionFactory())
    started_application(registration)
    assert _verdicts(registration)["certification"] == Verdict.FAILED


def test_approve_moves_to_eligible_audits_and_notifies(django_capture_on_commit_callbacks):
    registration = registration_in(EditionFactory())
    actor = secretariat_user()
    with django_capture_on_commit_callbacks(execute=True):
        decide_eligibility(registration, approve=True, actor=actor)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    entry = AuditEntry.objects.get(action="registration.status_changed")
    assert entry.actor == actor
    assert entry.after == {"status": "approved"}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [registration.coordinator_email]


def test_reject_without_a_reason_is_refused():
    registration = registration_in(EditionFactory())
    with pytest.raises(ValidationError) as error:
        decide_eligibility(registration, approve=False, actor=secretariat_user(), reason="  ")
    assert "reason" in error.value.message_dict
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_reject_with_a_reason_records_it_and_sends_it(django_capture_on_commit_callbacks):
    registration = registration_in(EditionFactory())
    with django_capture_on_commit_callbacks(execute=True):
        decide_eligibility(
            registration, approve=False, actor=secretariat_user(), reason="ประชากรไม่ถึงเกณฑ์"
        )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert AuditEntry.objects.get(action="registration.status_changed").summary == "ประชากรไม่ถึงเกณฑ์"
    assert "ประชากรไม่ถึงเกณฑ์" in mail.outbox[0].body


def test_deciding_twice_the_same_way_sends_one_email(django_capture_on_commit_callbacks):
    registration = registration_in(EditionFactory())
    actor = secretariat_user()
    with django_capture_on_commit_callbacks(execute=True):
        decide_eligibility(registration, approve=True, actor=actor)
        decide_eligibility(Registration.objects.get(pk=registration.pk), approve=True, actor=actor)
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="registration.status_changed").count() == 1


def test_rejecting_an_approved_registration_is_refused():
    registration = registration_in(EditionFactory(), status=RegistrationStatus.APPROVED)
    with pytest.raises(ValidationError):
        decide_eligibility(registration, approve=False, actor=secretariat_user(), reason="x")


def test_decide_view_approves_and_redirects(client, django_capture_on_commit_callbacks):
    registration = registration_in(EditionFactory())
    log_in(client, secretariat_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("secretariat:decide", args=[registration.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("secretariat:review_queue")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert len(mail.outbox) == 1


def test_decide_view_double_post_is_safe(client, django_capture_on_commit_callbacks):
    registration = registration_in(EditionFactory())
    log_in(client, secretariat_user())
    url = reverse("secretariat:decide", args=[registration.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"decision": "reject", "reason": "ไม่มีผู้แทน"})
        second = client.post(url, {"decision": "reject", "reason": "ไม่มีผู้แทน"})
    assert (first.status_code, second.status_code) == (302, 302)
    assert len(mail.outbox) == 1


def test_decide_view_reject_without_reason_shows_the_error(client):
    registration = registration_in(EditionFactory())
    log_in(client, secretariat_user())
    response = client.post(
        reverse("secretariat:decide", args=[registration.pk]), {"decision": "reject"}
    )
    assert response.status_code == 200
    assert response.context["card"]["form"].errors["reason"]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_decide_view_answers_htmx_with_the_card(client):
    registration = registration_in(EditionFactory())
    log_in(client, secretariat_user())
    response = client.post(
        reverse("secretariat:decide", args=[registration.pk]),
        {"decision": "approve"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith("<article")
    assert f'id="registration-{registration.pk}"' in body
    assert "<html" not in body


def test_decide_view_ignores_a_foreign_next_address(client):
    registration = registration_in(EditionFactory())
    log_in(client, secretariat_user())
    response = client.post(
        reverse("secretariat:decide", args=[registration.pk]),
        {"decision": "approve", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("secretariat:review_queue")


def test_queue_shows_registrations_awaiting_review_only(client):
    edition = EditionFactory()
    waiting = registration_in(edition)
    decided = registration_in(edition, status=RegistrationStatus.APPROVED)
    log_in(client, secretariat_user())
    response = client.get(reverse("secretariat:review_queue"), {"edition": edition.number})
    shown = [card["registration"].pk for card in response.context["cards"]]
    assert shown == [waiting.pk]
    assert decided.pk not in shown


def test_queue_lists_the_newest_registration_first(client):
    edition = EditionFactory()
    older = registration_in(edition, created_at=days_ago(3))
    newest = registration_in(edition)
    log_in(client, secretariat_user())
    response = client.get(reverse("secretariat:review_queue"), {"edition": edition.number})
    assert [card["registration"].pk for card in response.context["cards"]] == [newest.pk, older.pk]


def test_queue_search_finds_every_status_awaiting_first(client):
    edition = EditionFactory()
    approved = registration_in(edition, status=RegistrationStatus.APPROVED)
    waiting = registration_in(edition, created_at=days_ago(5))
    registration_in(edition)  # another area, not searched for
    for registration, name in (
        (approved, "เทศบาลตำบลค้นหาเจอ"),
        (waiting, "องค์การบริหารส่วนตำบลค้นหาเจอ"),
    ):
        registration.local_government.full_name_th = name
        registration.local_government.save()
    log_in(client, secretariat_user())
    response = client.get(
        reverse("secretariat:review_queue"), {"edition": edition.number, "q": "ค้นหาเจอ"}
    )
    assert [card["registration"].pk for card in response.context["cards"]] == [
        waiting.pk,
        approved.pk,
    ]


def test_queue_search_box_is_outside_the_folded_filters(client):
    edition = EditionFactory()
    log_in(client, secretariat_user())
    html = client.get(reverse("secretariat:review_queue"), {"edition": edition.number}).content
    html = html.decode()
    search = html.index('name="q"')
    folded = html.index("<details")
    assert search < folded
    assert '<details class="ws-more-filters">' in html


def test_queue_points_to_registrations_awaiting_in_another_edition(client):
    shown, other = EditionFactory(), EditionFactory()
    registration_in(other)
    log_in(client, secretariat_user())
    response = client.get(reverse("secretariat:review_queue"), {"edition": shown.number})
    assert response.context["elsewhere"] == [(other, 1)]
    assert f'href="?edition={other.number}"' in response.content.decode()
