"""A ZIP of one application's files, streamed: each file is read and sent in pieces, so
neither the whole archive nor a whole file is held in memory."""

import zipfile
from collections.abc import Iterator

from learningcity.attachments import storage

READ_SIZE = 64 * 1024


class _Sink:
    """A write-only stream for zipfile that hands back what was written since last asked.
    It has no ``tell``/``seek``, so zipfile writes sizes after each file (data descriptors)."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def entries(application) -> list[tuple[str, str]]:
    """(name in the archive, stored name) for every file of the application, names unique."""
    files = []
    for attachment in application.attachments.order_by("kind", "slot"):
        files.append(
            (
                f"{attachment.kind}-{attachment.slot:02d}-{attachment.display_name}",
                attachment.stored_name,
            )
        )
    certification = getattr(application, "certification", None)
    if certification is not None and certification.stored_name:
        files.append(("certification-signed.pdf", certification.stored_name))
    return files


def stream(files: list[tuple[str, str]]) -> Iterator[bytes]:
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for arcname, stored_name in files:
            with (
                archive.open(arcname, "w") as target,
                storage.open_stored(stored_name) as source,
            ):
                while chunk := source.read(READ_SIZE):
                    target.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()
