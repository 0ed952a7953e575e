"""Production settings: Django's deployment checks, and the headers and cookies a browser gets."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

from .production import HOST, production_environment, production_settings


def test_check_deploy_with_production_settings_reports_no_warnings(tmp_path):
    env = {**os.environ, **production_environment(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "learningcity.settings"
    env.pop("DATABASE_URL", None)
    # Set by the browser tests' fixtures for the test process only; never in production.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    result = subprocess.run(
        [sys.executable, "-m", "learningcity.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # The one silenced check is auth.W004, replaced by a stricter case-insensitive constraint.
    assert "System check identified no issues (1 silenced)." in output
    assert not re.search(r"\?: \(|WARNINGS:|ERRORS:", output)
    assert django_settings.SILENCED_SYSTEM_CHECKS == ["auth.W004"]


@pytest.fixture
def production(settings, tmp_path):
    for name, value in production_settings(tmp_path).items():
        setattr(settings, name, value)
    return settings


def https_get(client, path, **extra):
    return client.get(path, secure=True, headers={"host": HOST}, **extra)


def test_production_public_page_sends_the_security_headers(client, db, production):
    response = https_get(client, reverse("editions:call"))

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert re.search(r"script-src 'self' 'nonce-[^']+'", csp)
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_production_plain_http_is_redirected_to_https(client, db, production):
    response = client.get(reverse("editions:call"), headers={"host": HOST})

    assert response.status_code == 301
    assert response.url == f"https://{HOST}/"


def test_production_login_sets_secure_cookies_and_private_pages_are_not_stored(
    client, db, production
):
    person = UserFactory(email="somchai@example.org")
    login_page = https_get(client, reverse("accounts:login"))
    csrf = login_page.cookies[production.CSRF_COOKIE_NAME]

    response = client.post(
        reverse("accounts:login"),
        {"username": person.email, "password": PASSWORD},
        secure=True,
        headers={"host": HOST},
    )
    home = https_get(client, reverse("accounts:home"))

    assert response.status_code == 302
    session = response.cookies[production.SESSION_COOKIE_NAME]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert session["max-age"] == 1800
    assert csrf["secure"] is True
    assert csrf["httponly"] is True
    assert home.status_code == 200
    assert set(home["Cache-Control"].replace(" ", "").split(",")) >= {"private", "no-store"}
