"""Move results.PublicationConsent rows into privacy.Consent (purpose publish_photos): the
person named as giving consent becomes ``on_behalf_of``, the secretariat member who recorded it
``given_by``. Reversible: the rows go back."""

from django.db import migrations

NOTICE_VERSION = "2569-1"
COVERS = (
    "รูปถ่ายที่อัปโหลดพร้อมใบสมัครอาจแสดงในหน้าผลงานของผู้ได้รับรางวัลต่อสาธารณะ "
    "และเก็บไว้หลังวันครบกำหนดเก็บข้อมูลของการประกวด การถอนความยินยอมจะซ่อนรูปถ่าย "
    "และให้การลบตามกำหนดลบรูปถ่ายเหล่านั้น"
)


def forwards(apps, schema_editor):
    PublicationConsent = apps.get_model("results", "PublicationConsent")
    Consent = apps.get_model("privacy", "Consent")
    for old in PublicationConsent.objects.select_related("application__registration"):
        Consent.objects.create(
            subject_type="applications.application",
            subject_id=str(old.application_id),
            purpose="publish_photos",
            given_by_id=old.recorded_by_id,
            on_behalf_of=old.given_by,
            notice_version=NOTICE_VERSION,
            covers=COVERS,
            edition_id=old.application.registration.edition_id,
            given_at=old.recorded_at,
            withdrawn_at=old.withdrawn_at,
            withdrawn_by_id=old.recorded_by_id if old.withdrawn_at else None,
        )


def backwards(apps, schema_editor):
    PublicationConsent = apps.get_model("results", "PublicationConsent")
    Consent = apps.get_model("privacy", "Consent")
    moved = Consent.objects.filter(
        subject_type="applications.application", purpose="publish_photos"
    ).order_by("given_at")
    for consent in moved:
        PublicationConsent.objects.update_or_create(
            application_id=int(consent.subject_id),
            defaults={
                "given_by": consent.on_behalf_of,
                "recorded_by_id": consent.given_by_id,
                "recorded_at": consent.given_at,
                "withdrawn_at": consent.withdrawn_at,
            },
        )
    moved.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_consent_history_erasure"),
        ("results", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
