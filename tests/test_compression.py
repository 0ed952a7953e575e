"""Without nginx in front, the application compresses HTML itself, and only text."""

import gzip

from django.urls import reverse


def test_compression_html_gzipped_when_asked(client, db):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "csrfmiddlewaretoken" in html
    assert len(response.content) < len(html) / 2


def test_compression_not_without_accept_encoding(client, db):
    response = client.get(reverse("accounts:login"))

    assert not response.has_header("Content-Encoding")
    assert b"csrfmiddlewaretoken" in response.content
