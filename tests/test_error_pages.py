"""Error pages in Thai (lang="th"), styled like the site, with the way on; 500 and 400 need
neither the request nor the database."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

from tests.factories import UserFactory

HOME = reverse("editions:call")
LOGIN = reverse("accounts:login")
WORKSPACE = reverse("accounts:home")


def test_error_page_404_thai_with_navigation(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    text = response.text
    assert '<html lang="th">' in text
    assert "<h1>ไม่พบหน้านี้</h1>" in text
    assert f'href="{HOME}"' in text
    assert f'href="{LOGIN}?next=/no-such-page/"' in text
    assert 'href="/static/css/site.css"' in text or "/static/css/site." in text


def test_error_page_404_logged_in_offers_the_workspace(client, db):
    client.force_login(UserFactory())

    text = client.get("/no-such-page/").text

    assert f'class="button button--ghost" href="{WORKSPACE}"' in text


def test_error_page_403_thai(db):
    request = RequestFactory().get("/somewhere/")
    request.user = UserFactory()

    response = defaults.permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    text = response.content.decode()
    assert '<html lang="th">' in text
    assert "<h1>ไม่ได้รับอนุญาต</h1>" in text
    assert f'href="{WORKSPACE}"' in text


def test_error_page_400_thai_for_a_bad_host(client, db):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    text = response.text
    assert '<html lang="th">' in text
    assert "<h1>คำขอไม่ถูกต้อง (400)</h1>" in text
    for url in (HOME, LOGIN, WORKSPACE):
        assert f'href="{url}"' in text


def test_error_page_500_needs_no_database(django_assert_num_queries, db):
    request = RequestFactory().get("/boom/")

    with django_assert_num_queries(0):
        response = defaults.server_error(request)

    assert response.status_code == 500
    text = response.content.decode()
    assert '<html lang="th">' in text
    assert "<h1>เกิดข้อผิดพลาดที่ฝั่งของเรา</h1>" in text
    for url in (HOME, LOGIN, WORKSPACE):
        assert f'href="{url}"' in text


def test_error_page_500_renders_without_any_context():
    text = render_to_string("500.html")

    assert '<html lang="th">' in text
    assert "nonce" not in text


@pytest.mark.parametrize(
    "template", ["400.html", "403.html", "404.html", "500.html", "403_csrf.html"]
)
def test_error_pages_exist_as_templates(template):
    from django.template.loader import get_template

    assert get_template(template).origin.name.endswith(f"templates/{template}")
