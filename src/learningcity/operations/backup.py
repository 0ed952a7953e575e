"""A backup is a folder: ``database.json`` (dumpdata, natural keys), ``media/`` and a manifest.

``manifest.json`` lists the sha256 and size of every file in the backup, the database dump
included, so that a copy can be checked before anyone trusts it.
"""

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from learningcity.attachments import storage

DATABASE_FILE = "database.json"
MEDIA_DIR = "media"
MANIFEST_FILE = "manifest.json"
FORMAT = 1
# Rebuilt by ``migrate`` (content types, permissions) or worth nothing in another place.
# Login-throttling records (axes) are about attackers, not the award, and expire anyway.
EXCLUDED = (
    "contenttypes",
    "auth.permission",
    "sessions",
    "django_tasks_database",
    "admin.logentry",
    "axes",
)
SKIPPED_WHEN_EMPTY = ("contenttypes", "auth", "django_tasks_database", "axes", "sessions")
CHUNK = 1024 * 1024

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why, for a person."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _files_under(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _installed(labels) -> list[str]:
    installed = {config.label for config in apps.get_app_configs()}
    return [label for label in labels if label.split(".")[0] in installed]


def _quiet(_message: str) -> None:
    pass


def _recorded_hashes() -> dict[str, str]:
    from learningcity.applications.models import Certification
    from learningcity.attachments.models import Attachment

    hashes = dict(Attachment.objects.values_list("stored_name", "sha256"))
    certifications = Certification.objects.exclude(stored_name="").exclude(sha256="")
    hashes.update(certifications.values_list("stored_name", "sha256"))
    return hashes


def _download_objects(folder: Path, progress: Progress) -> None:
    """Every object of the store into ``folder``; an object a row records the sha256 of must
    arrive with that hash (else BackupError)."""
    expected = _recorded_hashes()
    names = [name for name, _modified in storage.list_stored()]
    for number, name in enumerate(names, start=1):
        copy = folder / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            with storage.open_stored(name) as source, copy.open("wb") as target:
                while chunk := source.read(CHUNK):
                    target.write(chunk)
        except FileNotFoundError:
            copy.unlink(missing_ok=True)  # deleted since the listing: no row refers to it
            continue
        if name in expected and sha256_of(copy) != expected[name]:
            raise BackupError(f"object damaged (sha256 differs from its row): {name}")
        if number % 100 == 0 or number == len(names):
            progress(f"downloaded {number}/{len(names)} objects")


def _media_is_empty() -> bool:
    if storage.on_object_store():
        return next(storage.list_stored(), None) is None
    return not _files_under(storage.root())


def _media_label() -> str:
    if storage.on_object_store():
        store = storages["default"]
        return f"s3://{store.bucket_name}/{store.location}"
    return str(storage.root())


def create_backup(target: Path, *, progress: Progress = _quiet) -> dict:
    """Dump the database and copy every stored file into ``target`` (new or empty)."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; choose a new folder for the backup.")
    (target / MEDIA_DIR).mkdir(parents=True, exist_ok=True)
    progress("dumping the database")
    # One read transaction: the dump is one consistent moment of the database.
    with transaction.atomic():
        call_command(
            "dumpdata",
            exclude=_installed(EXCLUDED),
            natural_foreign=True,
            indent=None,
            output=str(target / DATABASE_FILE),
            verbosity=0,
        )
    if storage.on_object_store():
        _download_objects(target / MEDIA_DIR, progress)
    else:
        source = storage.root()
        files = [p for p in _files_under(source) if not p.name.endswith(storage.TEMP_SUFFIX)]
        for number, path in enumerate(files, start=1):
            copy = target / MEDIA_DIR / path.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
            if number % 100 == 0 or number == len(files):
                progress(f"copied {number}/{len(files)} files")
    progress("writing the manifest")
    entries = {
        path.relative_to(target).as_posix(): {
            "sha256": sha256_of(path),
            "size": path.stat().st_size,
        }
        for path in _files_under(target)
    }
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "files": entries,
    }
    (target / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def verify_backup(source: Path, *, progress: Progress = _quiet) -> dict:
    """The manifest of ``source`` once every file in it is there with its hash; else BackupError."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST_FILE).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} has no readable {MANIFEST_FILE}: {error}") from error
    entries = manifest.get("files", {})
    for number, (name, entry) in enumerate(sorted(entries.items()), start=1):
        path = source / name
        if not path.is_file():
            raise BackupError(f"backup file missing: {name}")
        if sha256_of(path) != entry["sha256"]:
            raise BackupError(f"backup file damaged (sha256 differs): {name}")
        if number % 100 == 0 or number == len(entries):
            progress(f"verified {number}/{len(entries)} backup files")
    if DATABASE_FILE not in entries:
        raise BackupError(f"the manifest does not list {DATABASE_FILE}")
    return manifest


def _database_is_empty() -> bool:
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED_WHEN_EMPTY:
            continue
        if model._meta.managed and not model._meta.proxy and model.objects.exists():
            return False
    return True


def restore_backup(source: Path, *, force: bool = False, progress: Progress = _quiet) -> dict:
    """Load a verified backup into an empty database and media folder (``force``: overwrite)."""
    source = Path(source)
    manifest = verify_backup(source, progress=progress)
    progress("migrating the database")
    call_command("migrate", interactive=False, verbosity=0)
    if not force:
        if not _database_is_empty():
            raise BackupError("the database is not empty; restore refuses to mix data (--force).")
        if not _media_is_empty():
            media = _media_label()
            raise BackupError(f"{media} is not empty; restore refuses to mix files (--force).")
    elif not _database_is_empty():
        progress("emptying the database (--force)")
        call_command("flush", interactive=False, verbosity=0)
    progress("loading the database")
    call_command("loaddata", str(source / DATABASE_FILE), verbosity=0)
    files = [name for name in manifest["files"] if name.startswith(f"{MEDIA_DIR}/")]
    for number, name in enumerate(sorted(files), start=1):
        if storage.on_object_store():  # a put is atomic: no temporary name needed
            storage.put_file(name.removeprefix(f"{MEDIA_DIR}/"), source / name)
            if number % 100 == 0 or number == len(files):
                progress(f"restored {number}/{len(files)} files")
            continue
        final = storage.path_of(name.removeprefix(f"{MEDIA_DIR}/"))
        # The same temp → fsync → rename as an upload: a restore cut short leaves no half file.
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = final.with_name(final.name + storage.TEMP_SUFFIX)
        shutil.copyfile(source / name, temp)
        with temp.open("rb+") as handle:
            handle.flush()
            os.fsync(handle.fileno())
        storage.commit_temporary(temp, name.removeprefix(f"{MEDIA_DIR}/"))
        if number % 100 == 0 or number == len(files):
            progress(f"restored {number}/{len(files)} files")
    return manifest
