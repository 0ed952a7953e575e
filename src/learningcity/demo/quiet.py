"""The demo's first start prints a short Thai summary: while it builds itself, the e-mails its
steps send (dozens: registrations approved, receipts, results) are kept in memory rather than
printed, and the services' INFO log lines are not shown. Serving prints e-mails again."""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core import mail

IN_MEMORY = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@contextmanager
def quiet_setup():
    """Yields a list that holds, afterwards, the e-mails sent meanwhile."""
    kept: list = []
    logger = logging.getLogger("learningcity")
    level = logger.level
    mailers = settings.MAILERS
    before = len(getattr(mail, "outbox", []))
    logger.setLevel(logging.WARNING)
    settings.MAILERS = IN_MEMORY
    try:
        yield kept
    finally:
        settings.MAILERS = mailers
        logger.setLevel(level)
        kept.extend(getattr(mail, "outbox", [])[before:])
