"""Writing stored files so that a file is either whole under its final name or not there at all.

Files go through Django's default storage (``FileSystemStorage``) for their paths; the bytes are
written to a temporary name in the same folder, flushed and fsynced, and only then renamed.
"""

import os
import secrets
from pathlib import Path

from django.core.files.storage import default_storage

TEMP_SUFFIX = ".part"
PENDING_DIR = "pending"
THUMBNAIL_DIR = "thumbnails"


def root() -> Path:
    return Path(default_storage.location)


def path_of(name: str) -> Path:
    """The file system path of a storage name (``safe_join``: never outside MEDIA_ROOT)."""
    return Path(default_storage.path(name))


def _fsync_dir(folder: Path) -> None:
    # The rename itself is only durable once the folder entry is on disk.
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_temporary(name: str, content: bytes) -> Path:
    """``content`` written and fsynced beside ``name`` under a temporary, unique name."""
    final = path_of(name)
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = final.with_name(f"{final.name}.{secrets.token_hex(8)}{TEMP_SUFFIX}")
    try:
        with temp.open("xb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def commit_temporary(temp: Path, name: str) -> None:
    """Atomically give ``temp`` its final ``name`` (replacing identical content if present)."""
    final = path_of(name)
    os.replace(temp, final)
    _fsync_dir(final.parent)


def write_atomically(name: str, content: bytes) -> None:
    temp = write_temporary(name, content)
    try:
        commit_temporary(temp, name)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def delete(name: str) -> None:
    path_of(name).unlink(missing_ok=True)
