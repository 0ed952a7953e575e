"""E-mails printed on the console (no SMTP set) are readable Thai, not MIME source."""

import io

from django.core.mail import EmailMessage

from learningcity.mail import ConsoleEmailBackend

BODY = "เรียน ผู้ประสานงาน\nโปรดยืนยันอีเมลที่ http://127.0.0.1:8765/accounts/verify/abc/\n"


def test_console_email_prints_decoded_thai():
    stream = io.StringIO()
    message = EmailMessage(
        subject="ยืนยันอีเมลของท่าน",
        body=BODY,
        from_email="Learning City Award <no-reply@learningcity.local>",
        to=["somying@example.org"],
    )

    sent = ConsoleEmailBackend(stream=stream).send_messages([message])

    out = stream.getvalue()
    assert sent == 1
    assert out.splitlines()[:6] == [
        "From: Learning City Award <no-reply@learningcity.local>",
        "To: somying@example.org",
        "Subject: ยืนยันอีเมลของท่าน",
        "",
        "เรียน ผู้ประสานงาน",
        "โปรดยืนยันอีเมลที่ http://127.0.0.1:8765/accounts/verify/abc/",
    ]
    assert "base64" not in out
    assert "=?utf-8?" not in out
    assert out.endswith("-" * 79 + "\n")


def test_console_email_is_the_backend_without_smtp():
    # The settings module as read (pytest-django swaps the backend in django.conf.settings).
    from learningcity import settings as module

    assert module.MAILERS["default"]["BACKEND"] == "learningcity.mail.ConsoleEmailBackend"
