"""Done means: an edition with every kind of copy (rows, exports, audit entries, the outbox,
files) goes through retention, and then no personal value of it is left anywhere: not in any
column of any table, not in the media folder, not in the export folder."""

import contextlib
import datetime as dt
import html
import io
import io as _io
import json
import zipfile
from pathlib import Path

import pikepdf
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from learningcity.accounts.enums import Role
from learningcity.applications import services as applications
from learningcity.applications.models import CaseStudy, Invitation
from learningcity.applications.services import signed_page
from learningcity.audit.models import AuditEntry
from learningcity.exports import services as exports
from learningcity.notices.models import OutboxMessage
from learningcity.notices.services import create_notice
from learningcity.privacy import services
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.personal_data import ERASED, Treatment, fields_with
from learningcity.privacy.tasks import anonymise_expired_data
from tests.applications.factories import IN_SUBMISSION, complete_application
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=False)

COORDINATOR_EMAIL = "somying.prasan@example.org"
GUARDIAN = "นางมาลี ผู้ปกครองเด็กหญิง"
CO_WORKER = "co.worker.kanya@example.org"
QUOTED_REASON = "โทรหาคุณสมหญิง ประสานงานแล้ว"


def _page_with_author(application, author: str) -> bytes:
    """The application's coded page, with a person's address in the PDF's metadata."""
    with pikepdf.open(_io.BytesIO(signed_page.page_with_code(application))) as pdf:
        pdf.docinfo["/Author"] = author
        out = _io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _edition_values(edition) -> set[str]:
    """Every personal value the edition holds, read from the rows the map names."""
    # The coordinator's name as a person types it, without the title.
    values = {COORDINATOR_EMAIL, GUARDIAN, CO_WORKER, "สมหญิง ประสานงาน"}
    for personal in fields_with(Treatment.ERASE, Treatment.EMAIL, Treatment.CONSENTED):
        if not personal.edition_path or personal.model_label == "privacy.consent":
            continue
        model = apps.get_model(personal.model_label)
        for value in model.objects.filter(**{personal.edition_path: edition}).values_list(
            personal.field, flat=True
        ):
            if value and len(str(value)) >= 4:
                values.add(str(value))
    from learningcity.attachments.models import Attachment

    for name, caption in Attachment.objects.filter(
        application__registration__edition=edition
    ).values_list("display_name", "caption"):
        values |= {v for v in (name, caption) if len(v) >= 4}
    return values


def _texts_in_database():
    """Every text cell of every table (raw SQL), JSON decoded as well as stored."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for cell in row:
                    if isinstance(cell, memoryview | bytes):
                        cell = bytes(cell).decode("utf-8", "ignore")
                    elif isinstance(cell, dict | list):
                        cell = json.dumps(cell, ensure_ascii=False)
                    if not isinstance(cell, str):
                        continue
                    yield table, cell
                    if cell[:1] in "{[":
                        with contextlib.suppress(ValueError):
                            yield table, json.dumps(json.loads(cell), ensure_ascii=False)


def _texts_in_files(folder: Path):
    """Every file's bytes under ``folder``, and each member of a ZIP (XLSX) decompressed."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        content = path.read_bytes()
        yield str(path), content.decode("utf-8", "ignore")
        if zipfile.is_zipfile(io.BytesIO(content)):
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                for member in archive.namelist():
                    # XML may hold Thai as character references (&#3626;).
                    text = archive.read(member).decode("utf-8", "ignore")
                    yield f"{path}:{member}", html.unescape(text)


def _found(values: set[str]) -> dict[str, list[str]]:
    where: dict[str, list[str]] = {}
    texts = list(_texts_in_database()) + list(_texts_in_files(Path(settings.MEDIA_ROOT)))
    for value in values:
        needle = value.lower()
        for place, text in texts:
            if needle in text.lower():
                where.setdefault(value, []).append(place)
    return where


@pytest.fixture
def edition_with_every_copy(django_capture_on_commit_callbacks):
    """An edition whose personal data sits in rows, files, exports, the audit log and the
    outbox, as the platform writes them (and one audit entry as older versions wrote it)."""
    application, coordinator = complete_application(
        coordinator_email=COORDINATOR_EMAIL,
        coordinator_name="นางสาวสมหญิง ประสานงาน",
    )
    registration = application.registration
    edition = registration.edition
    secretariat = UserFactory(role=Role.SECRETARIAT)
    # The signed certification page names the coordinator inside the PDF.
    applications.certify_by_upload(
        application,
        coordinator,
        SimpleUploadedFile("signed.pdf", _page_with_author(application, COORDINATOR_EMAIL)),
        at=IN_SUBMISSION,
    )
    # An invitation, used.
    with django_capture_on_commit_callbacks(execute=True):
        applications.invite_member(
            organisation=registration.organisation, email=CO_WORKER, invited_by=coordinator
        )
    Invitation.objects.filter(email=CO_WORKER).update(accepted_at=dt.datetime.now(dt.UTC))
    # A consent given on someone's behalf, then withdrawn.
    services.give_consent(
        application, ConsentPurpose.PUBLISH_CASE_STUDY, user=coordinator, on_behalf_of=GUARDIAN
    )
    services.withdraw_consent(application, ConsentPurpose.PUBLISH_CASE_STUDY, user=coordinator)
    # An entry as the registration service wrote it before the log stopped keeping contacts,
    # and a reason typed by the secretariat quoting the coordinator.
    AuditEntry.objects.create(
        actor=coordinator,
        action="registration.created",
        object_type="applications.registration",
        object_id=str(registration.pk),
        after={
            "coordinator_name": registration.coordinator_name,
            "coordinator_phone": registration.coordinator_phone,
            "coordinator_email": registration.coordinator_email,
            "representatives": [r.full_name for r in registration.representatives.all()],
        },
    )
    AuditEntry.objects.create(
        actor=secretariat,
        action="registration.status_changed",
        object_type="applications.registration",
        object_id=str(registration.pk),
        summary=QUOTED_REASON,
    )
    # The outbox: a notice rendered with the coordinator's name, to their address.
    with django_capture_on_commit_callbacks(execute=False):
        create_notice(
            edition=edition,
            template=None,
            registrations=[registration],
            user=secretariat,
            subject="ถึง {{ coordinator }}",
            body="เรียน {{ coordinator }} แห่ง {{ area }}",
        )
    # Exports of the edition, in both formats.
    for kind, fmt in (("registrations", "xlsx"), ("applications", "csv")):
        with django_capture_on_commit_callbacks(execute=True):
            exports.start_export(user=secretariat, edition=edition, kind=kind, format=fmt)
    return edition, secretariat


def test_retention_leaves_no_personal_value_in_database_media_or_exports(
    edition_with_every_copy,
):
    edition, secretariat = edition_with_every_copy
    values = _edition_values(edition)
    before = _found(values)
    # The copies exist before: the search can fail.
    assert COORDINATOR_EMAIL in before
    assert any(":xl/" in place for place in before["นางสาวสมหญิง ประสานงาน"])  # the XLSX
    assert any(
        "exports" in place and place.endswith(".csv") for p in before.values() for place in p
    )
    assert "audit_auditentry" in before["นางสาวสมหญิง ประสานงาน"]
    assert "notices_outboxmessage" in before[COORDINATOR_EMAIL]
    assert any(place.endswith(".pdf") for place in before[COORDINATOR_EMAIL])
    assert GUARDIAN in before
    assert len(values) >= 30

    services.set_retention(edition, dt.date(2020, 1, 1), user=secretariat)
    services.confirm_anonymisation(edition, user=secretariat)
    result = anonymise_expired_data.enqueue(reschedule=False)

    assert result.return_value[str(edition.number)] > 0
    assert _found(values) == {}
    # The log still says who did what, when: only the values inside went.
    entry = AuditEntry.objects.get(action="registration.created", after__isnull=False)
    assert entry.after["coordinator_name"] == ERASED
    assert AuditEntry.objects.get(summary__startswith="โทรหา").summary == "โทรหาคุณ" + ERASED + "แล้ว"
    assert OutboxMessage.objects.get().body == ERASED


def test_retention_dry_run_lists_every_kind_of_copy_with_counts(edition_with_every_copy):
    edition, _secretariat = edition_with_every_copy

    plan = services.retention_plan(edition)
    lines = plan.by_kind()

    assert sum(count for _label, count in lines) == plan.total
    labels = " | ".join(label for label, _count in lines)
    for expected in ("ไฟล์", "แถวที่ลบ", "ข้อความที่อ้างถึงข้อมูลส่วนบุคคล", "ผู้ประสานงาน"):
        assert expected in labels
    assert {s.model for s in plan.scrubs} >= {"audit.auditentry"}
    assert sorted({label for label, _pk in plan.deletions}) == [
        "attachments.attachment",
        "exports.exportjob",
    ]
    assert sum(1 for label, _pk in plan.deletions if label == "exports.exportjob") == 2
    assert {c.model for c in plan.changes} >= {
        "applications.registration",
        "applications.representative",
        "applications.invitation",
        "notices.outboxmessage",
        "privacy.consent",
    }


def test_retention_keeps_showcase_material_with_consent(edition_with_every_copy):
    edition, secretariat = edition_with_every_copy
    application = edition.registrations.get().application
    services.give_consent(application, ConsentPurpose.PUBLISH_PHOTOS, user=secretariat)
    photos = list(
        application.attachments.filter(kind="photos").values_list("stored_name", flat=True)
    )
    assert photos

    services.anonymise(edition, now=True)

    kept = application.attachments.values_list("stored_name", flat=True)
    assert sorted(kept) == sorted(photos)
    from learningcity.attachments import storage

    assert all(storage.path_of(name).exists() for name in kept)
    assert set(CaseStudy.objects.values_list("alias", flat=True)) == {ERASED}
