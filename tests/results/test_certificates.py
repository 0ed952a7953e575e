"""Certificates: one per application, a Thai PDF with a QR code, public verification."""

import shutil
import subprocess

import pytest

from learningcity.results import services
from learningcity.results.enums import AwardLevel
from learningcity.results.services.certificates import certificate_context
from tests.applications.test_pdf import page_count, pdf_text, searchable
from tests.factories import MembershipFactory, UserFactory, bangkok, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificates(edition, youth, scored, secretariat, chair):
    decision = services.decision_for(edition, youth)
    decision = services.record_decision(
        decision,
        winners=[scored["A"]],
        honourable=[scored["B"]],
        note="",
        actor=secretariat,
        chair_approved=True,
    )
    services.publish_decision(decision, bangkok(2026, 9, 1, 9), secretariat)
    made = services.issue_certificates(decision, render=False)
    return {c.application_id: c for c in made}


def test_issue_certificates_one_per_application_with_level(certificates, scored):
    assert {scored[n].pk: certificates[scored[n].pk].level for n in "ABC"} == {
        scored["A"].pk: AwardLevel.WINNER,
        scored["B"].pk: AwardLevel.HONOURABLE_MENTION,
        scored["C"].pk: AwardLevel.PARTICIPANT,
    }
    assert len({c.code for c in certificates.values()}) == 3
    assert all(len(c.code) >= 20 for c in certificates.values())


def test_issue_certificates_again_keeps_codes(certificates, edition, youth):
    decision = services.decision_for(edition, youth)
    again = services.issue_certificates(decision, render=False)
    assert {c.code for c in again} == {c.code for c in certificates.values()}


def test_certificate_context_has_signatories_and_be_date(certificates, scored):
    context = certificate_context(certificates[scored["A"].pk])
    assert [s["name"] for s in context["signatories"]] == [
        "ศาสตราจารย์ ดร.สมศรี ใจดี",
        "นายสมชาย เรียนรู้",
    ]
    assert context["area"] == scored["A"].registration.local_government.full_name_th
    assert context["qr"].startswith("data:image/svg+xml")
    assert context["verification_url"].endswith(
        f"/results/certificates/{certificates[scored['A'].pk].code}/"
    )


def test_certificate_pdf_is_thai_landscape_a4(certificates, scored):
    pdf = services.render_certificate(certificates[scored["A"].pk])
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    assert "เกียรติบัตร" in text
    assert searchable(scored["A"].registration.local_government.full_name_th) in text
    assert "ศาสตราจารย์ดร.สมศรีใจดี" in text
    assert "1กันยายน2569" in text
    binary = shutil.which("pdfinfo")
    info = subprocess.run(  # noqa: S603 - a fixed binary on bytes we made
        [binary, "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "841.89 x 595.276" in info


def test_verify_page_shows_what_is_certified(client, certificates, scored):
    certificate = certificates[scored["A"].pk]
    response = client.get(f"/results/certificates/{certificate.code}/")
    assert response.status_code == 200
    assert scored["A"].registration.local_government.full_name_th in response.content.decode()


@pytest.mark.parametrize("code", ["nope", "A" * 22, "../../etc"])
def test_verify_page_bad_code_is_404(client, certificates, code):
    response = client.get(f"/results/certificates/{code}/")
    assert response.status_code == 404


def test_verify_after_reopen_is_404(client, edition, youth, scored, secretariat, chair):
    decision = services.decision_for(edition, youth)
    decision = services.record_decision(
        decision,
        winners=[scored["A"]],
        honourable=[],
        note="",
        actor=secretariat,
        chair_approved=True,
    )
    code = services.issue_certificates(decision, render=False)[0].code
    services.reopen_decision(decision, chair.user, "ทบทวน")
    assert client.get(f"/results/certificates/{code}/").status_code == 404


def test_certificate_download_permissions(client, certificates, scored, secretariat):
    certificate = certificates[scored["C"].pk]
    url = f"/results/certificates/{certificate.code}/pdf/"
    assert client.get(url).status_code == 302  # log in first
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    member = MembershipFactory(organisation=scored["C"].registration.organisation).user
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    log_in(client, secretariat)
    assert client.get(url).status_code == 200
