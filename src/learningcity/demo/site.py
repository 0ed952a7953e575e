"""The address the demo serves is the address its links use: e-mail links and certificate QR
codes point to ``--addrport``, not to a default the person never opened."""

import os

from django.conf import settings

from learningcity.results.models import Certificate

STAMP = "demo-site-url"


def site_url_for(addrport: str) -> str:
    """``http://host:port`` for runserver's ``addrport`` ("8000", "0.0.0.0:8000", "[::1]:8000");
    an address that listens everywhere is reached on this machine's loopback."""
    host, _sep, port = addrport.rpartition(":")
    if not host:
        host = "127.0.0.1"
    if host == "0.0.0.0":  # noqa: S104 - a listening address, turned into a reachable one
        host = "127.0.0.1"
    elif host in ("[::]", "::"):
        host = "[::1]"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def use_addrport(addrport: str) -> str:
    """Point ``SITE_URL`` (this process and the worker it starts) at the served address, unless
    ``LEARNINGCITY_SITE_URL`` says otherwise, and accept that host. Returns the site URL."""
    if not os.environ.get("LEARNINGCITY_SITE_URL"):
        settings.SITE_URL = site_url_for(addrport)
        os.environ["LEARNINGCITY_SITE_URL"] = settings.SITE_URL
    host = settings.SITE_URL.split("//", 1)[-1].rsplit(":", 1)[0].strip("[]")
    if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]
    return settings.SITE_URL


def forget_certificates_of_another_address() -> int:
    """Stored certificate PDFs carry the QR code of the address they were made for: when the
    demo now serves elsewhere they are made again on the next download. Returns how many."""
    stamp = settings.VAR_DIR / STAMP
    previous = stamp.read_text().strip() if stamp.exists() else None
    forgotten = 0
    if previous != settings.SITE_URL:
        forgotten = Certificate.objects.exclude(stored_name="").update(stored_name="")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(settings.SITE_URL)
    return forgotten
