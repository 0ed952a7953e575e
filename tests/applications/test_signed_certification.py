"""The download of the signed certification page: who may fetch it, and how it is served."""

import hashlib

import pytest
from django.urls import reverse

from learningcity.accounts.enums import MembershipRole, Role
from learningcity.applications import services
from learningcity.applications.models import Certification
from tests.applications.factories import complete_application, open_submission_now
from tests.factories import PASSWORD, MembershipFactory, UserFactory, log_in


def url(application, name="signed_certification"):
    return reverse(f"applications:{name}", kwargs={"pk": application.pk})


@pytest.fixture
def org_a(db):
    """Organisation A's complete application, certified by an uploaded signed page."""
    application, coordinator = complete_application()
    open_submission_now(application.registration.edition)
    return application, coordinator


@pytest.fixture
def org_b(db):
    """Organisation B's complete application, also certified by upload."""
    application, coordinator = complete_application()
    return application, coordinator


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_signed_certification_member_gets_pdf_with_safe_headers(client, org_a, settings):
    application, coordinator = org_a
    log_in(client, coordinator)

    response = client.get(url(application))

    assert response.status_code == 200
    # What is served is what was stored: the checked rewrite of the page, whole.
    content = _content(response)
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == application.certification.sha256
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certification-signed-{application.pk}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


def test_signed_certification_x_accel_sends_no_bytes(client, org_a, settings):
    settings.LEARNINGCITY_X_ACCEL = True
    application, coordinator = org_a
    log_in(client, coordinator)

    response = client.get(url(application))

    stored_name = Certification.objects.get(application=application).stored_name
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected/{stored_name}"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


# Who may download whose page: organisation A's and B's people × A's and B's pages.
VIEWERS = {
    "coordinator": MembershipRole.COORDINATOR,
    "member": MembershipRole.MEMBER,
    "head": MembershipRole.HEAD,
}


@pytest.mark.parametrize("role", list(VIEWERS))
@pytest.mark.parametrize(
    ("viewer_org", "page_org", "expected"),
    [
        ("a", "a", 200),
        ("a", "b", 404),
        ("b", "a", 404),
        ("b", "b", 200),
    ],
)
def test_signed_certification_permission_table(
    client, org_a, org_b, role, viewer_org, page_org, expected
):
    applications = {"a": org_a[0], "b": org_b[0]}
    viewer = MembershipFactory(
        organisation=applications[viewer_org].registration.organisation, role=VIEWERS[role]
    ).user
    log_in(client, viewer)

    assert client.get(url(applications[page_org])).status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.SECRETARIAT, 200), (Role.JUDGE, 404), (Role.APPLICANT, 404)],
)
def test_signed_certification_by_role_without_membership(client, org_a, role, expected):
    log_in(client, UserFactory(role=role))

    assert client.get(url(org_a[0])).status_code == expected


def test_signed_certification_anonymous_redirected_to_login(client, org_a):
    target = url(org_a[0])

    response = client.get(target)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={target}"


def test_signed_certification_certified_by_account_not_found(client, db):
    application, coordinator = complete_application(certify=False)
    open_submission_now(application.registration.edition)
    head = MembershipFactory(
        organisation=application.registration.organisation, role=MembershipRole.HEAD
    ).user
    services.certify_by_account(application, head, PASSWORD)
    log_in(client, coordinator)

    assert client.get(url(application)).status_code == 404


def test_signed_certification_not_certified_not_found(client, db):
    application, coordinator = complete_application(certify=False)
    log_in(client, coordinator)

    assert client.get(url(application)).status_code == 404


def test_signed_certification_missing_file_not_found(client, org_a, settings):
    application, coordinator = org_a
    stored_name = Certification.objects.get(application=application).stored_name
    (settings.MEDIA_ROOT / stored_name).unlink()
    log_in(client, coordinator)

    assert client.get(url(application)).status_code == 404


def test_signed_certification_post_not_allowed(client, org_a):
    application, coordinator = org_a
    log_in(client, coordinator)

    assert client.post(url(application)).status_code == 405


def test_check_page_links_signed_certification(client, org_a):
    application, coordinator = org_a
    log_in(client, coordinator)

    html = client.get(url(application, "check")).content.decode()

    assert f'<a href="{url(application)}" download>ดาวน์โหลดหน้ารับรองที่ลงนามแล้ว (PDF)</a>' in html


def test_check_page_certified_by_account_has_no_signed_link(client, db):
    application, coordinator = complete_application(certify=False)
    open_submission_now(application.registration.edition)
    head = MembershipFactory(
        organisation=application.registration.organisation, role=MembershipRole.HEAD
    ).user
    services.certify_by_account(application, head, PASSWORD)
    log_in(client, coordinator)

    html = client.get(url(application, "check")).content.decode()

    assert url(application) not in html


def test_secretariat_page_links_signed_certification(client, org_a):
    application, _coordinator = org_a
    log_in(client, UserFactory(role=Role.SECRETARIAT))

    html = client.get(url(application, "secretariat_application")).content.decode()

    assert f'<a href="{url(application)}" download>ดาวน์โหลดหน้ารับรองที่ลงนามแล้ว (PDF)</a>' in html
