import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from learningcity.mail import send_templated_email


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


CONTEXT = {
    "invitation": None,
    "organisation": {"name": "องค์กรทดสอบ"},
    "invited_by": {"full_name": "ผู้เชิญ"},
    "accept_url": "http://x/",
    "days": 7,
    "site_url": "http://x",
}


def test_send_templated_email_renders_thai_subject_on_one_line(settings):
    settings.LANGUAGE_CODE = "en"
    assert send_templated_email("applications/email/invitation", CONTEXT, ["a@example.org"])
    (message,) = mail.outbox
    assert "\n" not in message.subject
    assert message.to == ["a@example.org"]
    assert "องค์กรทดสอบ" in message.body


def test_send_templated_email_failure_is_logged_not_raised(settings, caplog):
    settings.MAILERS = {"default": {"BACKEND": "tests.test_mail.FailingBackend"}}
    assert (
        send_templated_email("applications/email/invitation", CONTEXT, ["a@example.org"]) is False
    )
    assert "Could not send the applications/email/invitation e-mail" in caplog.text


def test_send_templated_email_failure_raised_when_asked(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.test_mail.FailingBackend"}}
    with pytest.raises(ConnectionRefusedError):
        send_templated_email(
            "applications/email/invitation", CONTEXT, ["a@example.org"], raise_errors=True
        )
