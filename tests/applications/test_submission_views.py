"""The check page, certification forms, submit button, receipt and the secretariat's pages."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from learningcity.accounts.enums import MembershipRole, Role
from learningcity.applications import services
from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Application, Certification
from learningcity.applications.services import signed_page
from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import PhaseKind
from tests.applications.factories import complete_application, open_submission_now
from tests.factories import PASSWORD, MembershipFactory, UserFactory, bangkok, log_in


@pytest.fixture
def ready(db):
    """A complete, certified application whose submission window is open now."""
    application, coordinator = complete_application()
    open_submission_now(application.registration.edition)
    return application, coordinator


def url(name, application):
    return reverse(f"applications:{name}", kwargs={"pk": application.pk})


def test_check_page_lists_problems_with_links(client, db):
    application, coordinator = complete_application(certify=False)
    open_submission_now(application.registration.edition)
    log_in(client, coordinator)

    response = client.get(url("check", application))

    html = response.content.decode()
    assert response.status_code == 200
    assert "ตรวจสอบคำตอบก่อนส่ง" in html
    assert (
        f'<a href="/apply/applications/{application.pk}/check/#certification">'
        "นายก อปท. ยังไม่ได้รับรองใบสมัคร</a>"
    ) in html
    assert f'action="{url("submit", application)}"' not in html
    assert url("certify_upload", application) in html


def test_check_page_links_missing_files_to_attachments(client, ready):
    application, coordinator = ready
    application.attachments.filter(kind="map").delete()
    log_in(client, coordinator)

    html = client.get(url("check", application)).content.decode()

    assert (
        f'<a href="/files/applications/{application.pk}/#document-map">'
        "แผนที่เมือง: ต้องมี 1 ไฟล์ ขณะนี้มี 0 ไฟล์</a>"
    ) in html


def test_check_page_complete_shows_submit_button(client, ready):
    application, coordinator = ready
    log_in(client, coordinator)

    html = client.get(url("check", application)).content.decode()

    assert "ครบถ้วนแล้ว ส่งใบสมัครได้" in html
    assert f'action="{url("submit", application)}"' in html


def test_check_page_head_sees_password_form(client, db):
    application, _coordinator = complete_application(certify=False)
    open_submission_now(application.registration.edition)
    head = MembershipFactory(
        organisation=application.registration.organisation, role=MembershipRole.HEAD
    ).user
    log_in(client, head)

    html = client.get(url("check", application)).content.decode()

    assert f'action="{url("certify_account", application)}"' in html
    assert f'action="{url("certify_upload", application)}"' not in html


def test_certify_account_view_wrong_password_shows_thai_error(client, db):
    application, _coordinator = complete_application(certify=False)
    open_submission_now(application.registration.edition)
    head = MembershipFactory(
        organisation=application.registration.organisation, role=MembershipRole.HEAD
    ).user
    log_in(client, head)

    response = client.post(url("certify_account", application), {"password": "wrong"})

    assert response.status_code == 200
    assert "รหัสผ่านไม่ถูกต้อง กรุณาพิมพ์อีกครั้ง" in response.content.decode()
    assert not Certification.objects.exists()

    response = client.post(url("certify_account", application), {"password": PASSWORD})
    assert response.status_code == 302
    assert Certification.objects.get().certified_by == head


def test_certify_upload_view_stores_signed_page(client, db):
    application, coordinator = complete_application(certify=False)
    open_submission_now(application.registration.edition)
    log_in(client, coordinator)

    response = client.post(
        url("certify_upload", application),
        {"signed_file": SimpleUploadedFile("signed.pdf", signed_page.page_with_code(application))},
    )

    assert response.status_code == 302
    assert Certification.objects.get().method == "signed_upload"


def test_submit_view_submits_once_and_redirects_to_receipt(
    client, ready, django_capture_on_commit_callbacks
):
    application, coordinator = ready
    log_in(client, coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url("submit", application))
        second = client.post(url("submit", application))

    assert first.status_code == second.status_code == 302
    assert first["Location"] == url("receipt", application)
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == ApplicationStatus.SUBMITTED
    assert len(mail.outbox) == 1


def test_submit_view_incomplete_shows_problems(client, db):
    application, coordinator = complete_application(certify=False)
    open_submission_now(application.registration.edition)
    log_in(client, coordinator)

    response = client.post(url("submit", application))

    assert response.status_code == 200
    assert "นายก อปท. ยังไม่ได้รับรองใบสมัคร" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT


def test_receipt_shows_buddhist_era_date(client, ready):
    application, coordinator = ready
    submitted = services.submit_application(application, coordinator)
    Application.objects.filter(pk=application.pk).update(submitted_at=bangkok(2026, 7, 31, 23, 59))
    log_in(client, coordinator)

    html = client.get(url("receipt", application)).content.decode()

    assert submitted.reference in html
    assert "31 กรกฎาคม 2569 เวลา 23:59 น." in html
    assert application.registration.local_government.full_name_th in html
    assert "เมืองสำหรับเด็กและเยาวชน" in html


def test_receipt_before_submission_not_found(client, ready):
    application, coordinator = ready
    log_in(client, coordinator)
    assert client.get(url("receipt", application)).status_code == 404


def test_registration_page_links_receipt(client, ready):
    application, coordinator = ready
    services.submit_application(application, coordinator)
    log_in(client, coordinator)

    html = client.get(
        reverse("applications:registration", kwargs={"pk": application.registration_id})
    ).content.decode()

    assert url("receipt", application) in html


def test_application_page_links_check(client, ready):
    application, coordinator = ready
    log_in(client, coordinator)

    html = client.get(
        reverse("applications:application", kwargs={"pk": application.registration_id})
    ).content.decode()

    assert url("check", application) in html


@pytest.mark.parametrize("name", ["check", "receipt", "submit", "certify_upload"])
def test_submission_views_member_of_other_organisation_not_found(client, ready, name):
    application, coordinator = ready
    services.submit_application(application, coordinator)
    log_in(client, MembershipFactory(role=MembershipRole.COORDINATOR).user)

    method = client.get if name in ("check", "receipt") else client.post
    assert method(url(name, application)).status_code == 404


@pytest.mark.parametrize(
    "name", ["secretariat_application", "secretariat_reopen", "secretariat_extend"]
)
def test_secretariat_views_applicant_not_found(client, ready, name):
    application, coordinator = ready
    log_in(client, coordinator)
    method = client.get if name == "secretariat_application" else client.post
    assert method(url(name, application), {"reason": "x"}).status_code == 404


def test_secretariat_reopen_view_recorded(client, ready):
    application, coordinator = ready
    services.submit_application(application, coordinator)
    actor = UserFactory(role=Role.SECRETARIAT)
    log_in(client, actor)

    response = client.post(url("secretariat_reopen", application), {"reason": "ภาพไม่ชัด"})

    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.REOPENED
    entry = AuditEntry.objects.filter(action="application.status_changed").latest("pk")
    assert (entry.actor, entry.summary) == (actor, "ภาพไม่ชัด")


def test_secretariat_extend_view_recorded(client, ready):
    application, _coordinator = ready
    actor = UserFactory(role=Role.SECRETARIAT)
    log_in(client, actor)

    response = client.post(
        url("secretariat_extend", application),
        {
            "until_day": "7",
            "until_month": "8",
            "until_year": "2569",
            "until_time": "16:30",
            "reason": "ไฟฟ้าดับ",
        },
    )

    assert response.status_code == 302
    stored = Application.objects.get(pk=application.pk)
    assert stored.deadline_override == bangkok(2026, 8, 7, 16, 30)
    entry = AuditEntry.objects.get(action="application.deadline_extended")
    assert (entry.actor, entry.summary) == (actor, "ไฟฟ้าดับ")


def test_secretariat_page_shows_deadline(client, ready):
    application, _coordinator = ready
    log_in(client, UserFactory(role=Role.SECRETARIAT))
    phase = application.registration.edition.phases.get(kind=PhaseKind.SUBMISSION)

    html = client.get(url("secretariat_application", application)).content.decode()

    assert timezone.localtime(phase.ends_at).strftime("%H:%M") in html


def test_receipt_links_application_pdf(client, ready):
    application, coordinator = ready
    services.submit_application(application, coordinator)
    log_in(client, coordinator)

    html = client.get(url("receipt", application)).content.decode()

    assert (
        f'<a class="button button--ghost" href="{url("application_pdf", application)}" download>'
        "ดาวน์โหลดใบสมัครทั้งฉบับ (PDF)</a>"
    ) in html


def test_check_page_links_application_pdf(client, ready):
    application, coordinator = ready
    log_in(client, coordinator)

    html = client.get(url("check", application)).content.decode()

    assert (
        f'<a href="{url("application_pdf", application)}" download>ดาวน์โหลดใบสมัครทั้งฉบับ (PDF)</a>'
    ) in html


def test_certify_account_view_after_deadline_shows_thai_error(client, db):
    application, _coordinator = complete_application(certify=False)
    head = MembershipFactory(
        organisation=application.registration.organisation, role=MembershipRole.HEAD
    ).user
    log_in(client, head)

    # The edition's submission phase ended on 31 July 2026; this request is made later.
    response = client.post(url("certify_account", application), {"password": PASSWORD})

    assert response.status_code == 200
    assert "รับรองใบสมัครได้เฉพาะในช่วงเปิดรับใบสมัครเท่านั้น" in response.content.decode()
    assert not Certification.objects.exists()
