"""``learningcity demo --addrport`` makes links point to the address it serves."""

import os

import pytest
from django.conf import settings as django_settings

from learningcity.demo import site


@pytest.mark.parametrize(
    ("addrport", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("8765", "http://127.0.0.1:8765"),
        ("0.0.0.0:8080", "http://127.0.0.1:8080"),
        ("192.168.1.20:8000", "http://192.168.1.20:8000"),
        ("[::1]:8000", "http://[::1]:8000"),
        ("[::]:9000", "http://[::1]:9000"),
    ],
)
def test_site_url_for_addrport(addrport, url):
    assert site.site_url_for(addrport) == url


def test_use_addrport_sets_site_url_and_accepts_the_host(settings, monkeypatch):
    monkeypatch.delenv("LEARNINGCITY_SITE_URL", raising=False)
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

    url = site.use_addrport("192.168.1.20:8765")

    assert url == "http://192.168.1.20:8765"
    assert django_settings.SITE_URL == "http://192.168.1.20:8765"
    assert django_settings.ALLOWED_HOSTS == ["127.0.0.1", "localhost", "192.168.1.20"]
    # The worker the demo starts inherits it.
    assert os.environ["LEARNINGCITY_SITE_URL"] == "http://192.168.1.20:8765"


def test_use_addrport_keeps_an_explicit_site_url(settings, monkeypatch):
    monkeypatch.setenv("LEARNINGCITY_SITE_URL", "https://award.example.ac.th")
    settings.SITE_URL = "https://award.example.ac.th"

    assert site.use_addrport("127.0.0.1:8765") == "https://award.example.ac.th"


def test_e_mail_links_follow_the_served_address(settings, monkeypatch, db):
    from learningcity.accounts import services as accounts

    monkeypatch.delenv("LEARNINGCITY_SITE_URL", raising=False)
    site.use_addrport("127.0.0.1:8765")

    assert accounts.email_context()["site_url"] == "http://127.0.0.1:8765"


def test_served_address_stamped_to_detect_a_change(settings, tmp_path, db):
    settings.VAR_DIR = tmp_path
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert site.forget_certificates_of_another_address() == 0  # first start: nothing stored
    assert (tmp_path / site.STAMP).read_text() == "http://127.0.0.1:8000"
    settings.SITE_URL = "http://127.0.0.1:8765"

    site.forget_certificates_of_another_address()

    assert (tmp_path / site.STAMP).read_text() == "http://127.0.0.1:8765"


def test_quiet_setup_keeps_e_mails_and_info_logs_out_of_the_console(settings):
    import logging

    from django.core.mail import EmailMessage

    from learningcity.demo.quiet import IN_MEMORY, quiet_setup

    settings.MAILERS = {"default": {"BACKEND": "learningcity.mail.ConsoleEmailBackend"}}
    with quiet_setup() as kept:
        assert django_settings.MAILERS == IN_MEMORY
        assert logging.getLogger("learningcity").getEffectiveLevel() == logging.WARNING
        EmailMessage("เรื่อง", "เนื้อความ", to=["a@example.org"]).send()

    assert [message.subject for message in kept] == ["เรื่อง"]
    assert django_settings.MAILERS["default"]["BACKEND"] == "learningcity.mail.ConsoleEmailBackend"
    assert logging.getLogger("learningcity").level == logging.NOTSET
