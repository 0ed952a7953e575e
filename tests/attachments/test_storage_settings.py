"""Which storage holds the private files: chosen by environment variables at start-up."""

import json
import os
import subprocess
import sys

SHOW = (
    "import django, json; django.setup();"
    "from django.core.files.storage import storages;"
    "from django.conf import settings;"
    "store = storages['default'];"
    "print(json.dumps([type(store).__name__, getattr(store, 'bucket_name', None),"
    " getattr(store, 'endpoint_url', None), getattr(store, 'default_acl', None),"
    " getattr(store, 'querystring_auth', None), settings.LEARNINGCITY_S3_PRESIGNED]))"
)


def _storage_with(tmp_path, **variables) -> list:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith("LEARNINGCITY_S3_")
    }
    env["DJANGO_SETTINGS_MODULE"] = "learningcity.settings"
    env["LEARNINGCITY_VAR_DIR"] = str(tmp_path)
    env |= variables
    out = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_storage_without_variables_is_the_file_system(tmp_path):
    assert _storage_with(tmp_path) == ["FileSystemStorage", None, None, None, None, False]


def test_storage_with_s3_endpoint_is_private_s3_without_signed_urls(tmp_path):
    assert _storage_with(
        tmp_path,
        LEARNINGCITY_S3_ENDPOINT_URL="http://127.0.0.1:8333",
        LEARNINGCITY_S3_BUCKET="learningcity",
        LEARNINGCITY_S3_ACCESS_KEY="key",
        LEARNINGCITY_S3_SECRET_KEY="secret",
        LEARNINGCITY_S3_PRESIGNED="1",
    ) == ["S3Storage", "learningcity", "http://127.0.0.1:8333", "private", False, True]
