"""Certifying and submitting an application (steps 4 and 5), and the secretariat's remedies."""

import hashlib
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from learningcity.accounts.enums import MembershipRole, Role
from learningcity.applications import services
from learningcity.applications.enums import (
    ApplicationStatus,
    CertificationMethod,
    RegistrationStatus,
)
from learningcity.applications.models import Application, Certification
from learningcity.applications.services import signed_page
from learningcity.attachments import storage
from learningcity.attachments.models import Attachment
from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import DocumentKind
from tests.applications.factories import (
    IN_SUBMISSION,
    RegistrationFactory,
    complete_application,
    photo_jpeg,
)
from tests.attachments.corpus import pdf_bytes
from tests.factories import PASSWORD, EditionFactory, MembershipFactory, UserFactory, bangkok

DEADLINE = bangkok(2026, 7, 31, 23, 59, 59)
AFTER_DEADLINE = bangkok(2026, 8, 1, 0, 0, 0)


@pytest.fixture
def complete(db):
    return complete_application()


def messages_of(application, at=IN_SUBMISSION) -> list[str]:
    return [p.message for p in services.submission_problems(application, at)]


def submit(application, user, at=IN_SUBMISSION, *, on_commit=None):
    if on_commit is None:
        return services.submit_application(application, user, at)
    with on_commit(execute=True):
        return services.submit_application(application, user, at)


def head_of(application):
    return MembershipFactory(
        organisation=application.registration.organisation, role=MembershipRole.HEAD
    ).user


def secretariat():
    return UserFactory(role=Role.SECRETARIAT)


# Problems ---------------------------------------------------------------------------------


def test_submission_problems_complete_application_none(complete):
    application, _user = complete
    assert services.submission_problems(application, IN_SUBMISSION) == []


def test_submission_problems_missing_answer_listed_with_link(db):
    application, user = complete_application()
    answer = application.answers.get(criterion__number=1)
    services.save_answer(
        application=application,
        criterion=answer.criterion,
        user=user,
        narrative="",
        evidence_confirmed=True,
        base_version=answer.version,
        at=IN_SUBMISSION,
    )

    problems = services.submission_problems(application, IN_SUBMISSION)

    assert [(p.code, p.message) for p in problems] == [("answer", "เกณฑ์ที่ 1: เขียนคำตอบ")]
    assert (
        problems[0].url
        == f"/apply/registrations/{application.registration_id}/application/#section-1"
    )


def test_submission_problems_nine_photos_refused(db):
    application, _user = complete_application()
    Attachment.objects.filter(application=application, kind=DocumentKind.PHOTOS, slot=10).delete()

    problems = services.submission_problems(application, IN_SUBMISSION)

    assert [p.message for p in problems] == ["ภาพประกอบ 10 ภาพ: ต้องมี 10 ไฟล์ ขณะนี้มี 9 ไฟล์"]
    assert problems[0].url == f"/files/applications/{application.pk}/#document-photos"


def test_submission_problems_photo_without_caption_refused(db):
    application, _user = complete_application()
    Attachment.objects.filter(application=application, kind=DocumentKind.PHOTOS, slot=3).update(
        caption=""
    )

    assert messages_of(application) == ["ภาพประกอบ 10 ภาพ: กรุณาเขียนคำบรรยายของไฟล์ที่ 3"]


def test_submission_problems_missing_map_and_presentation(db):
    application, _user = complete_application()
    Attachment.objects.filter(
        application=application, kind__in=[DocumentKind.MAP, DocumentKind.PRESENTATION]
    ).delete()

    assert messages_of(application) == [
        "แผนที่เมือง: ต้องมี 1 ไฟล์ ขณะนี้มี 0 ไฟล์",
        "ไฟล์นำเสนอ: ต้องมี 1 ไฟล์ ขณะนี้มี 0 ไฟล์",
    ]


def test_submission_problems_not_certified(db):
    application, _user = complete_application(certify=False)

    problems = services.submission_problems(application, IN_SUBMISSION)

    assert [p.message for p in problems] == ["นายก อปท. ยังไม่ได้รับรองใบสมัคร"]
    assert problems[0].url == f"/apply/applications/{application.pk}/check/#certification"


@pytest.mark.parametrize("status", [RegistrationStatus.REJECTED, RegistrationStatus.WITHDRAWN])
def test_submission_problems_closed_registration(db, status):
    application, _user = complete_application()
    application.registration.status = status
    application.registration.save()

    messages = messages_of(application)

    assert len(messages) == 1
    assert messages[0].startswith("การลงทะเบียนมีสถานะ “")
    assert messages[0].endswith("” จึงส่งใบสมัครนี้ไม่ได้")


def test_submission_problems_approved_registration_none(db):
    application, _user = complete_application(status=RegistrationStatus.APPROVED)
    assert messages_of(application) == []


def test_submit_application_with_problem_refused_with_thai_message(db):
    application, user = complete_application(certify=False)

    with pytest.raises(ValidationError) as error:
        submit(application, user)

    assert error.value.messages == ["นายก อปท. ยังไม่ได้รับรองใบสมัคร"]
    application.refresh_from_db()
    assert (application.status, application.reference) == (ApplicationStatus.DRAFT, None)


# The window -------------------------------------------------------------------------------


def test_submit_application_at_deadline_second_accepted(complete):
    application, user = complete
    submitted = submit(application, user, DEADLINE)
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert submitted.submitted_at == DEADLINE


def test_submit_application_one_second_after_deadline_refused(complete):
    application, user = complete
    with pytest.raises(ValidationError) as error:
        submit(application, user, AFTER_DEADLINE)
    assert error.value.messages == ["ปิดรับใบสมัครแล้ว"]


def test_submit_application_before_window_refused(complete):
    application, user = complete
    with pytest.raises(ValidationError) as error:
        submit(application, user, bangkok(2026, 5, 31, 23, 59, 59))
    assert error.value.messages == ["ยังไม่เปิดรับใบสมัคร"]


def test_submit_application_deadline_override_honoured(complete):
    application, user = complete
    services.extend_deadline(application, secretariat(), bangkok(2026, 8, 3, 12, 0), "น้ำท่วมพื้นที่")

    submitted = submit(application, user, bangkok(2026, 8, 3, 12, 0))

    assert submitted.status == ApplicationStatus.SUBMITTED


def test_submit_application_after_override_refused(complete):
    application, _user = complete
    services.extend_deadline(application, secretariat(), bangkok(2026, 8, 3, 12, 0), "เหตุ")
    assert messages_of(application, bangkok(2026, 8, 3, 12, 0, 1)) == ["ปิดรับใบสมัครแล้ว"]


# Submitting -------------------------------------------------------------------------------


def test_submit_application_assigns_reference_and_locks(
    complete, django_capture_on_commit_callbacks
):
    application, user = complete

    submitted = submit(application, user, on_commit=django_capture_on_commit_callbacks)

    stored = Application.objects.get(pk=application.pk)
    assert stored.reference == f"LCA{application.registration.edition.number}-YOUTH-0001"
    assert stored.submitted_at == IN_SUBMISSION
    assert stored.status == ApplicationStatus.SUBMITTED
    assert submitted.reference == stored.reference
    assert services.application_is_editable(stored, IN_SUBMISSION) is False
    entry = AuditEntry.objects.get(action="application.status_changed")
    assert (entry.actor, entry.before, entry.after) == (
        user,
        {"status": "draft"},
        {"status": "submitted", "reference": stored.reference},
    )


def test_submit_application_sends_thai_email_with_be_date(
    complete, django_capture_on_commit_callbacks
):
    application, user = complete

    submit(application, user, on_commit=django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    reference = Application.objects.get(pk=application.pk).reference
    assert message.to == ["coordinator@example.org"]
    assert message.subject == f"ได้รับใบสมัครแล้ว: {reference}"
    assert f"เลขที่อ้างอิง: {reference}" in message.body
    assert "15 มิถุนายน 2569 เวลา 10:00 น." in message.body


def test_submit_leaves_the_email_to_the_worker(
    complete, settings, django_capture_on_commit_callbacks
):
    """The submit request never waits on the mail server: the e-mail is a task."""
    from django.tasks import default_task_backend

    from learningcity.applications.tasks import send_submitted_email

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    application, user = complete

    submit(application, user, on_commit=django_capture_on_commit_callbacks)

    assert mail.outbox == []
    (queued,) = [
        result
        for result in default_task_backend.results
        if result.task.name == "send_submitted_email"
    ]
    send_submitted_email.call(*queued.args)  # what the worker does
    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]


def test_submit_application_twice_one_reference_one_email(
    complete, django_capture_on_commit_callbacks
):
    application, user = complete
    first = submit(application, user, on_commit=django_capture_on_commit_callbacks)
    reference = first.reference
    other_tab = Application.objects.get(pk=application.pk)

    second = submit(other_tab, user, on_commit=django_capture_on_commit_callbacks)

    assert second.reference == reference
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="application.status_changed").count() == 1


def test_submit_application_reference_sequence_per_edition(db):
    edition = EditionFactory()
    first, user1 = complete_application(edition=edition)
    second, user2 = complete_application(
        edition=edition, category=edition.categories.get(code="EQUITY")
    )
    other, user3 = complete_application()

    references = [
        submit(first, user1).reference,
        submit(second, user2).reference,
        submit(other, user3).reference,
    ]

    number = edition.number
    assert references[:2] == [f"LCA{number}-YOUTH-0001", f"LCA{number}-EQUITY-0002"]
    assert re.fullmatch(r"LCA\d+-YOUTH-0001", references[2])
    assert len(set(references)) == 3


def test_submit_application_by_head_refused(complete):
    application, _user = complete
    with pytest.raises(ValidationError):
        submit(application, head_of(application))


def test_submit_application_after_reopen_keeps_reference(complete):
    application, user = complete
    reference = submit(application, user).reference
    services.reopen_application(application, secretariat(), "แก้ไขภาพ")

    again = submit(Application.objects.get(pk=application.pk), user, bangkok(2026, 7, 1))

    assert again.reference == reference
    assert again.submitted_at == bangkok(2026, 7, 1)


def test_set_application_status_not_allowed_transition_refused(complete):
    application, user = complete
    with pytest.raises(ValidationError) as error:
        services.set_application_status(application, ApplicationStatus.REOPENED, actor=user)
    assert error.value.messages == ["ใบสมัครเปลี่ยนจาก “ฉบับร่าง” เป็น “เปิดให้แก้ไขอีกครั้ง” ไม่ได้"]


# Certification ----------------------------------------------------------------------------


def test_certify_by_account_head_recorded(db):
    application, _user = complete_application(certify=False)
    head = head_of(application)

    certification = services.certify_by_account(application, head, PASSWORD, at=IN_SUBMISSION)

    assert certification.method == CertificationMethod.ACCOUNT
    assert (certification.certified_by, certification.certified_at) == (head, IN_SUBMISSION)
    assert (certification.head_name, certification.head_position) == (
        "นายสมศักดิ์ ใจดี",
        "นายกองค์การบริหารส่วนตำบล",
    )
    entry = AuditEntry.objects.get(action="application.certified")
    assert entry.actor == head
    assert entry.object_id == str(application.pk)
    assert entry.after["method"] == "account"


def test_certify_by_account_wrong_password_refused(db):
    application, _user = complete_application(certify=False)

    with pytest.raises(ValidationError) as error:
        services.certify_by_account(application, head_of(application), "wrong")

    assert error.value.message_dict == {"password": ["รหัสผ่านไม่ถูกต้อง กรุณาพิมพ์อีกครั้ง"]}
    assert not Certification.objects.exists()


def test_certify_by_account_non_head_refused(db):
    application, coordinator = complete_application(certify=False)

    with pytest.raises(ValidationError) as error:
        services.certify_by_account(application, coordinator, PASSWORD)

    assert error.value.messages == ["เฉพาะนายก อปท. เท่านั้นที่รับรองใบสมัครผ่านบัญชีได้"]
    assert not Certification.objects.exists()


def test_certify_by_account_head_of_other_organisation_refused(db):
    application, _user = complete_application(certify=False)
    stranger = MembershipFactory(role=MembershipRole.HEAD).user

    with pytest.raises(ValidationError):
        services.certify_by_account(application, stranger, PASSWORD)


def test_certify_by_upload_clean_pdf_stored(db):
    application, coordinator = complete_application(certify=False)
    content = signed_page.page_with_code(application)

    certification = services.certify_by_upload(
        application, coordinator, SimpleUploadedFile("signed.pdf", content), at=IN_SUBMISSION
    )

    assert certification.method == CertificationMethod.SIGNED_UPLOAD
    assert certification.certified_by == coordinator
    stored = storage.path_of(certification.stored_name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == certification.sha256
    assert signed_page.codes_on_pdf(stored) == [signed_page.page_code(application)]
    assert AuditEntry.objects.get(action="application.certified").after["sha256"] == (
        certification.sha256
    )


def test_certify_by_upload_pdf_with_javascript_refused(db):
    application, coordinator = complete_application(certify=False)
    hostile = pdf_bytes(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")

    with pytest.raises(ValidationError) as error:
        services.certify_by_upload(
            application, coordinator, SimpleUploadedFile("signed.pdf", hostile), at=IN_SUBMISSION
        )

    assert list(error.value.message_dict) == ["signed_file"]
    assert "JavaScript" in error.value.message_dict["signed_file"][0]
    assert not Certification.objects.exists()


def test_certify_by_upload_image_refused(db):
    application, coordinator = complete_application(certify=False)
    with pytest.raises(ValidationError) as error:
        services.certify_by_upload(
            application,
            coordinator,
            SimpleUploadedFile("signed.jpg", photo_jpeg()),
            at=IN_SUBMISSION,
        )
    assert list(error.value.message_dict) == ["signed_file"]


def test_certify_after_submission_refused(complete):
    application, user = complete
    submit(application, user)
    with pytest.raises(ValidationError) as error:
        services.certify_by_account(application, head_of(application), PASSWORD)
    assert error.value.messages == ["ใบสมัครถูกส่งแล้ว จึงรับรองซ้ำไม่ได้"]


def test_certification_stays_after_answer_changes(db):
    application, user = complete_application()
    answer = application.answers.get(criterion__number=1)
    services.save_answer(
        application=application,
        criterion=answer.criterion,
        user=user,
        narrative="คำตอบใหม่",
        evidence_confirmed=True,
        base_version=answer.version,
        at=IN_SUBMISSION,
    )
    assert Certification.objects.filter(application=application).exists()


# The secretariat --------------------------------------------------------------------------


def test_reopen_application_recorded(complete):
    application, user = complete
    submit(application, user)
    actor = secretariat()

    reopened = services.reopen_application(application, actor, "ภาพไม่ชัด")

    assert reopened.status == ApplicationStatus.REOPENED
    entry = AuditEntry.objects.filter(action="application.status_changed").latest("pk")
    assert (entry.actor, entry.before, entry.summary) == (actor, {"status": "submitted"}, "ภาพไม่ชัด")
    assert services.application_is_editable(reopened, bangkok(2026, 7, 1)) is True


def test_reopen_application_by_applicant_refused(complete):
    application, user = complete
    submit(application, user)
    with pytest.raises(ValidationError) as error:
        services.reopen_application(application, user, "x")
    assert error.value.messages == ["เฉพาะฝ่ายเลขานุการเท่านั้นที่ทำรายการนี้ได้"]


def test_extend_deadline_recorded(db):
    application = services.get_or_start_application(RegistrationFactory())
    actor = secretariat()
    until = bangkok(2026, 8, 7, 16, 30)

    services.extend_deadline(application, actor, until, "ไฟฟ้าดับ")

    application.refresh_from_db()
    assert application.deadline_override == until
    entry = AuditEntry.objects.get(action="application.deadline_extended")
    assert (entry.actor, entry.summary, entry.after) == (
        actor,
        "ไฟฟ้าดับ",
        {"deadline_override": until.isoformat()},
    )


@pytest.mark.django_db
def test_remove_orphans_keeps_a_signed_certification_page(settings):
    import datetime as dt
    import os
    import time
    from pathlib import Path

    from learningcity.attachments.services import remove_orphans

    application, _coordinator = complete_application()
    stored = application.certification.stored_name
    assert stored
    path = Path(settings.MEDIA_ROOT) / stored
    old = time.time() - 7200
    os.utime(path, (old, old))

    remove_orphans(older_than=dt.timedelta(hours=1))

    assert path.exists()


# Certification inside the window ---------------------------------------------------------


def test_certify_by_upload_at_deadline_second_accepted(db):
    application, coordinator = complete_application(certify=False)

    certification = services.certify_by_upload(
        application,
        coordinator,
        SimpleUploadedFile("signed.pdf", signed_page.page_with_code(application)),
        at=DEADLINE,
    )

    assert certification.certified_at == DEADLINE


def test_certify_by_upload_one_second_after_deadline_refused_nothing_stored(db, settings):
    application, coordinator = complete_application(certify=False)
    before = sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())

    with pytest.raises(ValidationError) as error:
        services.certify_by_upload(
            application,
            coordinator,
            SimpleUploadedFile("signed.pdf", pdf_bytes(b"/Lang (th)")),
            at=AFTER_DEADLINE,
        )

    assert error.value.messages == ["รับรองใบสมัครได้เฉพาะในช่วงเปิดรับใบสมัครเท่านั้น"]
    assert not Certification.objects.exists()
    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) == before


def test_certify_by_account_at_deadline_second_accepted(db):
    application, _coordinator = complete_application(certify=False)

    certification = services.certify_by_account(
        application, head_of(application), PASSWORD, at=DEADLINE
    )

    assert certification.method == CertificationMethod.ACCOUNT


def test_certify_by_account_one_second_after_deadline_refused(db):
    application, _coordinator = complete_application(certify=False)

    with pytest.raises(ValidationError) as error:
        services.certify_by_account(application, head_of(application), PASSWORD, at=AFTER_DEADLINE)

    assert error.value.code == "closed"
    assert not AuditEntry.objects.filter(action="application.certified").exists()


def test_certify_by_account_one_second_before_window_refused(db):
    application, _coordinator = complete_application(certify=False)

    with pytest.raises(ValidationError) as error:
        services.certify_by_account(
            application, head_of(application), PASSWORD, at=bangkok(2026, 5, 31, 23, 59, 59)
        )

    assert error.value.code == "closed"


def test_certify_by_account_inside_granted_extension_accepted(db):
    application, _coordinator = complete_application(certify=False)
    services.extend_deadline(application, secretariat(), bangkok(2026, 8, 3, 12, 0), "น้ำท่วม")

    certification = services.certify_by_account(
        application, head_of(application), PASSWORD, at=bangkok(2026, 8, 3, 12, 0)
    )

    assert certification.certified_at == bangkok(2026, 8, 3, 12, 0)
