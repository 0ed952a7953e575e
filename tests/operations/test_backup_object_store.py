"""Backup, restore and the integrity check with the files in a real S3 store (SeaweedFS)."""

import hashlib
import uuid

import pytest

from learningcity.attachments import storage
from learningcity.attachments.models import Attachment
from learningcity.operations.backup import BackupError, create_backup, restore_backup
from learningcity.operations.integrity import check_integrity
from tests.applications.factories import complete_application


@pytest.fixture
def filled(s3_storage, db):
    application, _coordinator = complete_application()
    return application


def _objects(seaweedfs, location) -> dict[str, str]:
    client = seaweedfs.client()
    listing = client.list_objects_v2(Bucket=seaweedfs.bucket, Prefix=f"{location}/")
    return {
        item["Key"].removeprefix(f"{location}/"): hashlib.sha256(
            client.get_object(Bucket=seaweedfs.bucket, Key=item["Key"])["Body"].read()
        ).hexdigest()
        for item in listing.get("Contents", [])
    }


def _damage(seaweedfs, location, name) -> None:
    client = seaweedfs.client()
    key = f"{location}/{name}"
    data = bytearray(client.get_object(Bucket=seaweedfs.bucket, Key=key)["Body"].read())
    data[-20] ^= 0xFF  # same size, other bytes
    client.put_object(Bucket=seaweedfs.bucket, Key=key, Body=bytes(data))


def test_check_integrity_on_object_store_passes_then_finds_damaged_object(
    filled,
    seaweedfs,
    s3_storage,
):
    assert storage.on_object_store()
    assert check_integrity() == []
    attachment = Attachment.objects.order_by("pk").first()
    _damage(seaweedfs, s3_storage, attachment.stored_name)

    problems = check_integrity()

    assert [p.check for p in problems] == ["files"]
    assert attachment.stored_name in problems[0].message


def test_backup_from_object_store_holds_every_object_with_its_hash(
    filled,
    seaweedfs,
    s3_storage,
    tmp_path,
):
    objects = _objects(seaweedfs, s3_storage)
    assert {a.stored_name for a in Attachment.objects.all()} <= set(objects)

    manifest = create_backup(tmp_path / "backup")

    media = {
        name.removeprefix("media/"): entry["sha256"]
        for name, entry in manifest["files"].items()
        if name.startswith("media/")
    }
    assert media == objects


def test_backup_from_object_store_damaged_object_refused(
    filled,
    seaweedfs,
    s3_storage,
    tmp_path,
):
    attachment = Attachment.objects.order_by("pk").first()
    _damage(seaweedfs, s3_storage, attachment.stored_name)

    with pytest.raises(BackupError) as error:
        create_backup(tmp_path / "backup")

    assert "damaged" in str(error.value)
    assert attachment.stored_name in str(error.value)


# The restore empties the database with flush: outside a test transaction, as in real life
# (PostgreSQL refuses to truncate tables with deferred checks pending inside one).
@pytest.mark.django_db(transaction=True)
def test_restore_into_empty_object_store_puts_every_object(
    filled,
    seaweedfs,
    s3_storage,
    tmp_path,
    settings,
):
    objects = _objects(seaweedfs, s3_storage)
    create_backup(tmp_path / "backup")
    fresh = f"t-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": seaweedfs.storage_options(fresh),
        },
    }

    restore_backup(tmp_path / "backup", force=True)

    assert _objects(seaweedfs, fresh) == objects
    assert check_integrity() == []
