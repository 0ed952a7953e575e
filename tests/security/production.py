"""The production profile: the environment README.md asks for, and the settings it yields."""

import os
import runpy
from pathlib import Path

import learningcity.settings

HOST = "award.example.ac.th"


def production_environment(var_dir: Path) -> dict[str, str]:
    return {
        "LEARNINGCITY_SECRET_KEY": "p" * 20 + "-production-secret-key-of-sixty-characters-x",
        "LEARNINGCITY_DEBUG": "0",
        "LEARNINGCITY_ALLOWED_HOSTS": HOST,
        "LEARNINGCITY_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "LEARNINGCITY_SITE_URL": f"https://{HOST}",
        "LEARNINGCITY_HTTPS": "1",
        "LEARNINGCITY_VAR_DIR": str(var_dir),
        "EMAIL_HOST": "smtp.example.ac.th",
        "EMAIL_HOST_USER": "award",
        "EMAIL_HOST_PASSWORD": "mail-password",
    }


# What the browser sees depends on these; the rest (database, files) is left to the test run.
SECURITY_SETTINGS = [
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CSP",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
]


def production_settings(var_dir: Path) -> dict:
    """settings.py evaluated afresh under the production environment."""
    saved = dict(os.environ)
    try:
        os.environ.update(production_environment(var_dir))
        values = runpy.run_path(learningcity.settings.__file__)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {name: values[name] for name in SECURITY_SETTINGS if name in values}
