"""Without SeaweedFS the object-store tests skip, except in CI (LEARNINGCITY_REQUIRE_S3=1)."""

import pytest

from tests.seaweedfs import _unavailable


def test_seaweedfs_missing_skips_by_default(monkeypatch):
    monkeypatch.delenv("LEARNINGCITY_REQUIRE_S3", raising=False)

    with pytest.raises(pytest.skip.Exception, match="weed is missing"):
        _unavailable("weed is missing")


def test_seaweedfs_missing_fails_when_required(monkeypatch):
    monkeypatch.setenv("LEARNINGCITY_REQUIRE_S3", "1")

    with pytest.raises(pytest.fail.Exception, match="LEARNINGCITY_REQUIRE_S3=1"):
        _unavailable("weed is missing")
