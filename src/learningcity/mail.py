"""Sending the platform's e-mails: Thai plain-text templates, one way for every app.

``<template>_subject.txt`` and ``<template>_body.txt`` are rendered with the context, in Thai
(the recipients' language, whatever the sender's UI language is).
"""

import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def send_templated_email(
    template: str, context: dict, to: list[str], *, raise_errors: bool = False
) -> bool:
    """Render and send one e-mail; a mail-server failure is logged (or raised if asked)."""
    with translation.override("th"):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=to)
    try:
        message.send()
    except Exception:
        if raise_errors:
            raise
        # The change that caused the e-mail is committed; a mail failure must not undo it.
        logger.exception("Could not send the %s e-mail", template)
        return False
    return True
