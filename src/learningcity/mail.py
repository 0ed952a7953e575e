"""Sending the platform's e-mails: Thai plain-text templates, one way for every app.

``<template>_subject.txt`` and ``<template>_body.txt`` are rendered with the context, in Thai
(the recipients' language, whatever the sender's UI language is).
"""

import logging
import sys

from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def render_subject(name: str, context: dict) -> str:
    """A subject line as typed: a header is not HTML, so the template is rendered without
    autoescaping (an organisation named ``"บ้าน" & co`` never becomes ``&quot;``). Bodies keep
    the engine's autoescaping; plain-text bodies turn it off in the template."""
    template = get_template(name)
    return template.template.render(Context(context, autoescape=False))


def send_templated_email(
    template: str, context: dict, to: list[str], *, raise_errors: bool = False
) -> bool:
    """Render and send one e-mail; a mail-server failure is logged (or raised if asked)."""
    with translation.override("th"):
        subject = render_subject(f"{template}_subject.txt", context)
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


class ConsoleEmailBackend(DjangoConsoleBackend):
    """Prints each e-mail as a person reads it: headers and body decoded to Thai text (Django's
    console backend prints the MIME source, base64 for Thai). Used when no SMTP is set."""

    def __init__(self, fail_silently=False, **kwargs):
        kwargs.setdefault("stream", sys.stdout)
        super().__init__(fail_silently=fail_silently, **kwargs)

    def write_message(self, message) -> None:
        self.stream.write(readable(message))
        self.stream.write("-" * 79 + "\n")


def readable(message: EmailMessage) -> str:
    """An e-mail as text: From, To, Subject, then the body and any alternative as text."""
    lines = [
        f"From: {message.from_email}",
        f"To: {', '.join(message.to)}",
    ]
    if message.cc:
        lines.append(f"Cc: {', '.join(message.cc)}")
    lines += [f"Subject: {message.subject}", "", message.body.rstrip("\n")]
    for alternative in getattr(message, "alternatives", []) or []:
        content, mimetype = alternative[0], alternative[1]
        lines += ["", f"[{mimetype}]", str(content).rstrip("\n")]
    for attachment in message.attachments:
        name = getattr(attachment, "filename", None) or (
            attachment[0] if isinstance(attachment, tuple) else "?"
        )
        lines.append(f"[attachment: {name}]")
    return "\n".join(lines) + "\n"
