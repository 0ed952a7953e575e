"""A certificate's public verification page confirms nothing until its category's results
are published; the secretariat may still print it before the ceremony (issue 11)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from learningcity.results import services
from tests.factories import MembershipFactory, log_in

pytestmark = pytest.mark.django_db
NOT_FOUND = "ไม่พบเกียรติบัตรที่มีรหัสนี้"


@pytest.fixture
def recorded(edition, youth, scored, secretariat, chair):
    return services.record_decision(
        services.decision_for(edition, youth),
        winners=[scored["A"]],
        honourable=[scored["B"]],
        note="",
        actor=secretariat,
        chair_approved=True,
    )


@pytest.fixture
def winner_code(recorded, scored):
    made = services.issue_certificates(recorded, render=False)
    return next(c.code for c in made if c.application_id == scored["A"].pk)


def _main(response, code: str) -> str:
    """The page's content, without its own address, CSP nonces and CSRF tokens."""
    page = response.content.decode().replace(code, "CODE")
    page = re.sub(r'nonce="[^"]*"', "", page)
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", page)


def _verify(client, code):
    return client.get(f"/results/certificates/{code}/")


def test_verify_recorded_unpublished_answers_as_unknown_code(client, winner_code, scored):
    response = _verify(client, winner_code)
    assert response.status_code == 404
    page = response.content.decode()
    assert NOT_FOUND in page
    assert scored["A"].registration.local_government.full_name_th not in page
    assert "ของแท้" not in page
    unknown = "x" * 22
    assert _main(response, winner_code) == _main(_verify(client, unknown), unknown)


def test_verify_published_later_answers_as_unknown_code(
    client, recorded, winner_code, secretariat, scored
):
    services.publish_decision(recorded, timezone.now() + dt.timedelta(days=2), secretariat)
    response = _verify(client, winner_code)
    assert response.status_code == 404
    assert scored["A"].registration.local_government.full_name_th not in response.content.decode()


def test_verify_after_publication_confirms(client, recorded, winner_code, secretariat, scored):
    services.publish_decision(recorded, timezone.now() - dt.timedelta(minutes=1), secretariat)
    response = _verify(client, winner_code)
    assert response.status_code == 200
    page = response.content.decode()
    assert scored["A"].registration.local_government.full_name_th in page
    assert NOT_FOUND not in page


def test_certificate_download_before_publication_secretariat_only(
    client, winner_code, scored, secretariat
):
    url = f"/results/certificates/{winner_code}/pdf/"
    member = MembershipFactory(organisation=scored["A"].registration.organisation).user
    client.force_login(member)
    assert client.get(url).status_code == 404
    log_in(client, secretariat)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_certificate_download_after_publication_holder_allowed(
    client, recorded, winner_code, scored, secretariat
):
    services.publish_decision(recorded, timezone.now() - dt.timedelta(minutes=1), secretariat)
    member = MembershipFactory(organisation=scored["A"].registration.organisation).user
    client.force_login(member)
    assert client.get(f"/results/certificates/{winner_code}/pdf/").status_code == 200


def test_manage_page_check_link_only_once_published(
    client, edition, recorded, winner_code, secretariat
):
    log_in(client, secretariat)
    manage = f"/results/manage/{edition.number}/YOUTH/"
    page = client.get(manage).content.decode()
    assert f"/results/certificates/{winner_code}/pdf/" in page
    assert f'href="/results/certificates/{winner_code}/"' not in page
    assert "ตรวจสอบได้เมื่อประกาศผลแล้ว" in page
    services.publish_decision(recorded, timezone.now() - dt.timedelta(minutes=1), secretariat)
    page = client.get(manage).content.decode()
    assert f'href="/results/certificates/{winner_code}/"' in page
