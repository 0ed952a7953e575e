"""One settings module, read from environment variables.

Without any variable set it runs the embedded profile: SQLite under ``var/``, console e-mail,
DEBUG off. Production sets ``DATABASE_URL``, ``LEARNINGCITY_SECRET_KEY``,
``LEARNINGCITY_ALLOWED_HOSTS``, ``LEARNINGCITY_HTTPS=1`` and the ``EMAIL_*`` variables
(see README.md).
"""

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet as xstatic_leaflet
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parents[1]


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


VAR_DIR = Path(env_str("LEARNINGCITY_VAR_DIR", str(PROJECT_DIR / "var")))


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in ``var/``."""
    key = env_str("LEARNINGCITY_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("LEARNINGCITY_DEBUG")
ALLOWED_HOSTS = env_list("LEARNINGCITY_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("LEARNINGCITY_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("LEARNINGCITY_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "learningcity.accounts",
    "learningcity.editions",
    "learningcity.registry",
    "learningcity.thai",
    "learningcity.demo",
    "learningcity.audit",
    "learningcity.applications",
    "learningcity.attachments",
    "learningcity.judging",
    "learningcity.results",
    "learningcity.secretariat",
    "learningcity.events",
    "learningcity.notices",
    "learningcity.exports",
    "learningcity.privacy",
    "learningcity.operations",
    "learningcity.network",
    "learningcity.assessments",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Permission checks read the user's memberships once per request.
    "learningcity.accounts.memberships.MembershipsPerRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "learningcity.accounts.middleware.SessionLifetimeMiddleware",
    "learningcity.accounts.middleware.SecondFactorMiddleware",
    "learningcity.accounts.middleware.PrivatePagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # An id beyond the database's integers in a form or URL: a Thai 400, not a server error.
    "learningcity.bad_input.BadInputMiddleware",
    # Last, as django-axes asks: it turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "learningcity.urls"
WSGI_APPLICATION = "learningcity.wsgi.application"
ASGI_APPLICATION = "learningcity.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["learningcity.thai.templatetags.thai"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("LEARNINGCITY_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue on the busy timeout instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT spends ~0.3 s compiling each of the ranking's large queries and saves
    # nothing at this size (bench/ranking.py: ranking page 1.9 s → 1.1 s at 8,000 × 5).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# E-mail is unique case-insensitively through a Lower(email) constraint, stricter than the
# plain unique=True this check looks for.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
AUTHENTICATION_BACKENDS = [
    # First: refuses any password check for a (username, IP) pair that is locked out.
    "learningcity.accounts.backends.ThrottledLoginBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id with OWASP's parameters first (memory-hard, a fraction of PBKDF2's CPU at log-in);
# PBKDF2 second so that existing hashes still verify and are re-made as Argon2id at log-in.
PASSWORD_HASHERS = [
    "learningcity.accounts.hashers.OwaspArgon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "editions:call"
# Verification and reset links stay valid for three days, then must be asked again.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Sessions end after 30 idle minutes (the cookie and the stored session both expire, and each
# minute of activity pushes the expiry on) and 12 hours after log-in whatever happens; changing
# one's e-mail or second factor asks for the password again if last typed over 10 minutes ago.
SESSION_IDLE_SECONDS = env_int("LEARNINGCITY_SESSION_IDLE_MINUTES", 30) * 60
SESSION_ABSOLUTE_SECONDS = env_int("LEARNINGCITY_SESSION_ABSOLUTE_HOURS", 12) * 3600
REAUTHENTICATION_SECONDS = env_int("LEARNINGCITY_REAUTHENTICATION_MINUTES", 10) * 60
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = False

# Log-in throttling (django-axes): 5 failures for one address from one IP address lock that
# pair for 15 minutes. Locking the pair, not the account, means someone elsewhere cannot lock
# the real owner out; the cool-off means nobody is locked out for good.
AXES_FAILURE_LIMIT = env_int("LEARNINGCITY_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LEARNINGCITY_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "learningcity.accounts.backends.locked_out"
AXES_USERNAME_CALLABLE = "learningcity.accounts.backends.attempted_email"
AXES_CLIENT_IP_CALLABLE = "learningcity.accounts.backends.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password", "token"]
# Per client address too (accounts/address_throttle.py): after 10 failures from one address
# within the cool-off, whatever the accounts, each try waits 1, 2, 4 … 60 s after the last
# failure; at 20 the address is refused until the cool-off has passed.
LOGIN_ADDRESS_SLOW_AFTER = env_int("LEARNINGCITY_LOGIN_ADDRESS_SLOW_AFTER", 10)
LOGIN_ADDRESS_LIMIT = env_int("LEARNINGCITY_LOGIN_ADDRESS_LIMIT", 20)
LOGIN_ADDRESS_MAX_WAIT_SECONDS = 60
# Behind a reverse proxy the client address is the last X-Forwarded-For hop the proxy added.
BEHIND_PROXY = env_bool("LEARNINGCITY_BEHIND_PROXY")

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    # Leaflet for the network map, from the XStatic-Leaflet package (never pasted in).
    ("leaflet", xstatic_leaflet.BASE_DIR),
]
# The network map's tiles; empty for no tiles (the markers and the list still show).
NETWORK_MAP_TILES = env_str(
    "LEARNINGCITY_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
NETWORK_MAP_TILE_ORIGIN = "/".join(NETWORK_MAP_TILES.split("/")[:3]) if NETWORK_MAP_TILES else ""
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # Sarabun subset to Thai + Latin as WOFF2, built from the fontpkg-sarabun package.
    "learningcity.thai.finders.WebFontFinder",
]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media", "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# Files in an S3 object store (SeaweedFS, MinIO, a cloud's) when an endpoint is given; private
# objects, never a public or signed URL from the storage itself (views check permission first).
LEARNINGCITY_S3_ENDPOINT_URL = env_str("LEARNINGCITY_S3_ENDPOINT_URL")
if LEARNINGCITY_S3_ENDPOINT_URL:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "endpoint_url": LEARNINGCITY_S3_ENDPOINT_URL,
            "bucket_name": env_str("LEARNINGCITY_S3_BUCKET"),
            "access_key": env_str("LEARNINGCITY_S3_ACCESS_KEY"),
            "secret_key": env_str("LEARNINGCITY_S3_SECRET_KEY"),
            "region_name": env_str("LEARNINGCITY_S3_REGION", "us-east-1"),
            "default_acl": "private",
            "querystring_auth": False,
            "file_overwrite": True,
            "addressing_style": "path",
            "signature_version": "s3v4",
        },
    }
# Downloads from the object store: streamed through the application, or (1) a redirect to a
# signed URL valid for 60 seconds, given only after the permission check.
LEARNINGCITY_S3_PRESIGNED = env_bool("LEARNINGCITY_S3_PRESIGNED")
# The store's address as browsers reach it, when not the one above (e.g. behind nginx).
LEARNINGCITY_S3_PUBLIC_URL = env_str("LEARNINGCITY_S3_PUBLIC_URL")
MEDIA_ROOT = VAR_DIR / "media"
# Uploads are private: no URL pattern serves MEDIA_URL, files go out only through views that
# check permissions (the storage has no base_url, so a file never yields a public URL).
MEDIA_URL = "/media/"

# Behind nginx, private files are sent by nginx itself: views answer with X-Accel-Redirect to
# an `internal` location /protected/ that points at MEDIA_ROOT (see README).
LEARNINGCITY_X_ACCEL = env_bool("LEARNINGCITY_X_ACCEL")
if not LEARNINGCITY_X_ACCEL:
    # No nginx in front: the application compresses its HTML itself (BREACH: see compression.py).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
        "learningcity.compression.TextGZipMiddleware",
    )

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Django 6.1 mailers: SMTP when EMAIL_HOST is set, else e-mails are printed to the console.
if env_str("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": env_int("EMAIL_TIMEOUT", 30),
            },
        }
    }
else:
    # Printed decoded (readable Thai), not as base64 MIME source.
    MAILERS = {"default": {"BACKEND": "learningcity.mail.ConsoleEmailBackend"}}
DEFAULT_FROM_EMAIL = env_str(
    "LEARNINGCITY_FROM_EMAIL", "Learning City Award <no-reply@learningcity.local>"
)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# An old tab's form gets a Thai page, a script gets 403 "csrf_failed" (learningcity/errors.py).
CSRF_FAILURE_VIEW = "learningcity.errors.csrf_failure"

HTTPS = env_bool("LEARNINGCITY_HTTPS")
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("LEARNINGCITY_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("LEARNINGCITY_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LEARNINGCITY_LOG_LEVEL", "INFO")},
}
