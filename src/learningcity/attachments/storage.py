"""Writing stored files so that a file is either whole under its final name or not there at all.

Files go through Django's default storage. On the file system (``FileSystemStorage``, the
embedded default) the bytes are written to a temporary name in the same folder, flushed and
fsynced, and only then renamed. In an S3 object store (``LEARNINGCITY_S3_ENDPOINT_URL``) a put is
atomic already: the "temporary" keeps the bytes in memory and the commit puts the object.
"""

import contextlib
import datetime as dt
import hashlib
import os
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, default_storage, storages

TEMP_SUFFIX = ".part"
PENDING_DIR = "pending"
THUMBNAIL_DIR = "thumbnails"


def on_object_store() -> bool:
    """True when files are objects in an S3 store rather than files under MEDIA_ROOT."""
    return not isinstance(storages["default"], FileSystemStorage)


@dataclass
class _PendingPut:
    """An object store's "temporary file": the bytes, put under their name at the commit."""

    name: str
    content: bytes

    def unlink(self, missing_ok: bool = False) -> None:
        self.content = b""


def _put(name: str, content: bytes) -> None:
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:  # file_overwrite is on: the name is never changed
        msg = f"object stored as {saved!r} instead of {name!r}"
        raise RuntimeError(msg)


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
    if on_object_store():
        return _PendingPut(name, content)  # type: ignore[return-value]
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
    if isinstance(temp, _PendingPut):
        _put(name, temp.content)
        return
    final = path_of(name)
    os.replace(temp, final)
    _fsync_dir(final.parent)


def write_atomically(name: str, content: bytes) -> None:
    if on_object_store():
        _put(name, content)
        return
    temp = write_temporary(name, content)
    try:
        commit_temporary(temp, name)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def delete(name: str) -> None:
    if on_object_store():
        default_storage.delete(name)
        return
    path_of(name).unlink(missing_ok=True)


def exists(name: str) -> bool:
    if on_object_store():
        return default_storage.exists(name)
    return path_of(name).is_file()


def open_object(name: str) -> tuple[BinaryIO, int]:
    """The object's body as a stream straight from the store (not spooled into memory first,
    as the storage's own ``open`` does), and its size; FileNotFoundError if there is none."""
    from botocore.exceptions import ClientError
    from storages.utils import clean_name

    store = storages["default"]
    try:
        answer = store.bucket.Object(store._normalize_name(clean_name(name))).get()
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in {"NoSuchKey", "404", "NotFound"}:
            raise FileNotFoundError(name) from error
        raise
    return answer["Body"], answer["ContentLength"]


def open_stored(name: str) -> BinaryIO:
    """The stored file opened for reading (binary; on the object store, not seekable)."""
    if on_object_store():
        return open_object(name)[0]
    return path_of(name).open("rb")


def size(name: str) -> int:
    if on_object_store():
        return default_storage.size(name)
    return path_of(name).stat().st_size


def sha256_of_stored(name: str) -> str:
    digest = hashlib.sha256()
    with open_stored(name) as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def put_file(name: str, source: Path) -> None:
    """An object put from a local file, streamed (object store only: a put is atomic)."""
    with source.open("rb") as handle:
        saved = default_storage.save(name, File(handle, name=source.name))
    if saved != name:
        msg = f"object stored as {saved!r} instead of {name!r}"
        raise RuntimeError(msg)


def read_bytes(name: str) -> bytes:
    with open_stored(name) as handle:
        return handle.read()


@contextlib.contextmanager
def local_path(name: str) -> Iterator[Path]:
    """A file system path holding the stored file, for tools that need one (a temporary copy
    while the file is in an object store)."""
    if not on_object_store():
        yield path_of(name)
        return
    suffix = Path(name).suffix
    with tempfile.TemporaryDirectory(prefix="learningcity-") as folder:
        path = Path(folder) / f"copy{suffix}"
        with open_stored(name) as source, path.open("wb") as target:
            while chunk := source.read(1 << 20):
                target.write(chunk)
        yield path


def list_stored() -> Iterator[tuple[str, float]]:
    """Every stored name with its modification time (seconds since the epoch)."""
    if on_object_store():
        store = storages["default"]
        prefix = store.location.strip("/") + "/" if store.location else ""
        for summary in store.bucket.objects.filter(Prefix=prefix):
            yield summary.key.removeprefix(prefix), summary.last_modified.timestamp()
        return
    base = root()
    if not base.exists():
        return
    for path in sorted(base.rglob("*")):
        if path.is_file():
            yield path.relative_to(base).as_posix(), path.stat().st_mtime


def _signing_client(store):
    """The client that signs URLs for browsers: the store's own, or one for the address the
    browsers reach the store by (``LEARNINGCITY_S3_PUBLIC_URL``; signing needs no request)."""
    public = getattr(settings, "LEARNINGCITY_S3_PUBLIC_URL", "")
    if not public or public == store.endpoint_url:
        return store.bucket.meta.client
    cached = getattr(store, "_learningcity_signing", None)
    if cached is None or cached[0] != public:
        client = store._create_session().client(
            "s3",
            region_name=store.region_name,
            endpoint_url=public,
            config=store.client_config,
            verify=store.verify,
        )
        cached = store._learningcity_signing = (public, client)
    return cached[1]


def presigned_url(name: str, *, content_type: str, disposition: str, expires: dt.timedelta) -> str:
    """A short-lived signed URL that answers the object itself (object store only)."""
    store = storages["default"]
    return _signing_client(store).generate_presigned_url(
        "get_object",
        Params={
            "Bucket": store.bucket_name,
            "Key": store._normalize_name(name),
            "ResponseContentType": content_type,
            "ResponseContentDisposition": disposition,
        },
        ExpiresIn=int(expires.total_seconds()),
    )
