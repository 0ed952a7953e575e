"""Backup, restore drill and the integrity check."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from learningcity.attachments import storage
from learningcity.attachments.models import Attachment
from learningcity.operations.backup import BackupError, create_backup, restore_backup
from learningcity.operations.integrity import check_integrity
from tests.applications.factories import complete_application

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def filled(db):
    application, _coordinator = complete_application()
    return application


def test_backup_manifest_lists_database_and_every_file(filled, tmp_path, settings):
    manifest = create_backup(tmp_path / "backup")

    media = sorted(name for name in manifest["files"] if name.startswith("media/"))
    stored = sorted(
        {f"media/{a.stored_name}" for a in Attachment.objects.all()}
        | {f"media/{c.stored_name}" for c in type(filled.certification).objects.all()}
    )
    assert set(stored) <= set(media)
    assert "database.json" in manifest["files"]
    assert json.loads((tmp_path / "backup" / "manifest.json").read_text()) == manifest


def test_backup_into_non_empty_folder_refused(filled, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "other.txt").write_text("x")

    with pytest.raises(BackupError):
        create_backup(tmp_path / "backup")


def test_restore_into_database_with_data_refused_without_force(filled, tmp_path):
    create_backup(tmp_path / "backup")

    with pytest.raises(BackupError) as error:
        restore_backup(tmp_path / "backup")

    assert "not empty" in str(error.value)


def test_restore_damaged_backup_refused(filled, tmp_path):
    create_backup(tmp_path / "backup")
    first = sorted((tmp_path / "backup" / "media").rglob("*.jpg"))[0]
    first.write_bytes(first.read_bytes()[:-10] + b"0123456789")

    with pytest.raises(BackupError) as error:
        restore_backup(tmp_path / "backup", force=True)

    assert "damaged" in str(error.value)


def test_check_integrity_passes_on_whole_data(filled):
    assert check_integrity() == []


def test_check_integrity_damaged_file_fails_with_thai_message(filled, capsys):
    attachment = Attachment.objects.order_by("pk").first()
    stored = storage.path_of(attachment.stored_name)
    data = bytearray(stored.read_bytes())
    data[-20] ^= 0xFF  # same size, other bytes
    stored.write_bytes(bytes(data))

    with pytest.raises(CommandError) as error:
        call_command("check_integrity")

    err = capsys.readouterr().err
    assert f"ไฟล์ {attachment.stored_name} ไม่ตรงกับ SHA-256 ที่บันทึกไว้" in err
    assert "ตรวจความครบถ้วนไม่ผ่าน" in str(error.value)


def test_check_integrity_missing_file_fails(filled):
    attachment = Attachment.objects.order_by("pk").first()
    storage.path_of(attachment.stored_name).unlink()

    problems = check_integrity()

    assert [p.check for p in problems] == ["files"]
    assert attachment.stored_name in problems[0].message


def _run(args, env):
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "learningcity.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_restore_drill_into_empty_database_and_folder_passes_integrity(tmp_path):
    """The drill: back up, restore in another place with nothing in it, check everything."""
    application, _ = complete_application()
    call_command("backup", str(tmp_path / "backup"))
    target = tmp_path / "restored"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{target / 'db.sqlite3'}",
        "LEARNINGCITY_VAR_DIR": str(target),
        "LEARNINGCITY_SECRET_KEY": "restore-drill",
        "LANGUAGE": "en",
    }
    target.mkdir()

    restored = _run(["restore", str(tmp_path / "backup")], env)
    checked = _run(["check-integrity"], env)
    again = _run(["restore", str(tmp_path / "backup")], env)

    assert restored.returncode == 0, restored.stderr
    assert "restored" in restored.stdout
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert again.returncode != 0
    assert "not empty" in again.stderr
    media = sorted(
        p.relative_to(target / "media").as_posix()
        for p in (target / "media").rglob("*")
        if p.is_file()
    )
    expected = sorted(
        p.relative_to(tmp_path / "backup" / "media").as_posix()
        for p in (tmp_path / "backup" / "media").rglob("*")
        if p.is_file()
    )
    assert media == expected
    assert Attachment.objects.filter(application=application).count() == 12
