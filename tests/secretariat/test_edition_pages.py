"""The edition workspace's pages: who may open them (role × object), a draft hidden from the
public but previewed by the secretariat, and no link into Django's admin."""

import re

import pytest
from django.urls import reverse

from learningcity.accounts.enums import Role
from learningcity.editions.enums import EditionStatus
from learningcity.editions.models import Edition
from learningcity.secretariat.services.editions import create_next_edition
from learningcity.secretariat.views.edition_sections import SECTIONS
from tests.factories import EditionFactory, UserFactory, log_in

from .helpers import secretariat_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return EditionFactory(number=1, year_be=2569, title_th="รางวัล ครั้งที่ 1", title_en="Award 1")


@pytest.fixture
def draft(published):
    return create_next_edition(
        published,
        actor=secretariat_user(),
        number=2,
        year_be=2571,
        title_th="รางวัล ครั้งที่ 2",
        title_en="Award 2",
    )


def workspace_urls(number: int) -> list[tuple[str, str]]:
    """(method, path) of every page of the edition workspace."""
    urls = [
        ("get", reverse("secretariat:edition", args=[number])),
        ("get", reverse("secretariat:edition_preview", args=[number])),
        ("post", reverse("secretariat:edition_status", args=[number])),
    ]
    for section in SECTIONS:
        urls.append(("get", reverse("secretariat:edition_section", args=[number, section])))
        urls.append(("post", reverse("secretariat:edition_section", args=[number, section])))
    return urls


ROLES = {
    "applicant": lambda: UserFactory(role=Role.APPLICANT),
    "judge": lambda: UserFactory(role=Role.JUDGE),
}


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("which", ["published", "draft"])
def test_workspace_pages_are_404_for_others(client, request, role, which):
    edition = request.getfixturevalue(which)
    log_in(client, ROLES[role]())
    answers = {
        (method, path): getattr(client, method)(path, {"status": "open"}).status_code
        for method, path in workspace_urls(edition.number)
    }
    assert set(answers.values()) == {404}, answers
    edition.refresh_from_db()
    assert edition.status == (EditionStatus.OPEN if which == "published" else EditionStatus.DRAFT)


@pytest.mark.parametrize("which", ["published", "draft"])
def test_workspace_pages_send_anonymous_people_to_log_in(client, request, which):
    edition = request.getfixturevalue(which)
    for method, path in workspace_urls(edition.number):
        response = getattr(client, method)(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("accounts:login")), path


@pytest.mark.parametrize("which", ["published", "draft"])
def test_workspace_pages_open_for_the_secretariat(client, request, which):
    edition = request.getfixturevalue(which)
    log_in(client, secretariat_user())
    for method, path in workspace_urls(edition.number):
        if method == "get":
            response = client.get(path)
            assert response.status_code == 200, path
            assert response.headers["Content-Language"] == "th"


def test_workspace_of_a_missing_edition_is_404(client, published):
    log_in(client, secretariat_user())
    assert client.get(reverse("secretariat:edition", args=[99])).status_code == 404
    response = client.get(reverse("secretariat:edition_section", args=[1, "nothing"]))
    assert response.status_code == 404


def test_a_draft_is_invisible_to_the_public(client, draft):
    assert client.get(reverse("editions:edition_call", args=[draft.number])).status_code == 404
    assert client.get(reverse("results:edition", args=[draft.number])).status_code == 404
    home = client.get(reverse("editions:call"))
    assert draft.title_th not in home.content.decode()
    log_in(client, UserFactory(role=Role.APPLICANT))
    register = client.get(reverse("applications:register", args=[draft.number]))
    assert register.status_code == 404


def test_a_draft_is_previewed_by_the_secretariat_only(client, draft):
    preview = reverse("secretariat:edition_preview", args=[draft.number])
    log_in(client, UserFactory(role=Role.APPLICANT))
    assert client.get(preview).status_code == 404
    client.logout()
    log_in(client, secretariat_user())
    page = client.get(preview).content.decode()
    assert draft.title_th in page
    assert "ตัวอย่างสำหรับฝ่ายเลขานุการ" in page
    assert "รางวัลครั้งนี้ยังเป็นฉบับร่าง สาธารณะจะยังไม่เห็นหน้านี้" in page


def test_the_opened_call_is_public(client, draft):
    log_in(client, secretariat_user())
    response = client.post(
        reverse("secretariat:edition_status", args=[draft.number]), {"status": "open"}
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("editions:edition_call", args=[draft.number]))
    assert page.status_code == 200
    assert Edition.objects.get(number=2).status == EditionStatus.OPEN


def test_no_workspace_page_links_into_the_admin(client, draft):
    log_in(client, secretariat_user())
    pages = [reverse("secretariat:next_edition"), reverse("secretariat:edition", args=[2])]
    pages += [reverse("secretariat:edition_section", args=[2, s]) for s in SECTIONS]
    for path in pages:
        html = client.get(path).content.decode()
        assert "/admin/" not in html, path


def test_every_field_of_every_section_has_a_label(client, draft):
    log_in(client, secretariat_user())
    for section in SECTIONS:
        html = client.get(
            reverse("secretariat:edition_section", args=[2, section])
        ).content.decode()
        ids = re.findall(
            r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html
        )
        labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
        wrapped = set(re.findall(r'<label[^>]*>\s*<(?:input|select)[^>]*\bid="([^"]+)"', html))
        parts = set(
            re.findall(r'<label class="thai-date__part[^"]*">.*?\bid="([^"]+)"', html, flags=re.S)
        )
        unlabelled = [i for i in ids if i not in labelled | wrapped | parts and i != "ws-edition"]
        assert ids, section
        assert not unlabelled, (section, unlabelled)


def test_the_criteria_page_refuses_a_total_of_101_in_thai(client, draft):
    from learningcity.secretariat.edition_forms import collection_formset

    from .test_edition_workspace import post_data

    log_in(client, secretariat_user())
    data = post_data(collection_formset("criteria", draft), {(0, "max_points"): "16"})
    response = client.post(reverse("secretariat:edition_section", args=[2, "criteria"]), data)
    assert response.status_code == 400
    assert "101" in response.content.decode()
    assert draft.criteria.get(number=1).max_points == 15


def test_retention_is_set_from_the_workspace_with_a_thai_date(client, draft):
    import datetime as dt

    from learningcity.audit.models import AuditEntry
    from learningcity.privacy.models import EditionRetention

    log_in(client, secretariat_user())
    next_year_be = dt.date.today().year + 1 + 543
    response = client.post(
        reverse("secretariat:edition_section", args=[2, "retention"]),
        {
            "keep_until_day": "30",
            "keep_until_month": "9",
            "keep_until_year": str(next_year_be),
            "remove_unpublished_material": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("secretariat:edition", args=[2]) + "#retention"
    retention = EditionRetention.objects.get(edition=draft)
    assert retention.keep_until == dt.date(next_year_be - 543, 9, 30)
    assert AuditEntry.objects.filter(action="retention.set", object_id=str(retention.pk)).exists()


def test_the_edition_switcher_leads_to_the_other_editions_workspace(client, draft):
    log_in(client, secretariat_user())
    response = client.get(reverse("secretariat:edition", args=[2]), {"edition": "1"})
    assert response["Location"] == reverse("secretariat:edition", args=[1])
    response = client.get(
        reverse("secretariat:edition_section", args=[2, "phases"]), {"edition": "1"}
    )
    assert response["Location"] == reverse("secretariat:edition_section", args=[1, "phases"])


def test_an_open_edition_with_registrations_offers_no_way_back_to_draft(client, published):
    from .helpers import registration_in

    log_in(client, secretariat_user())
    assert client.get(reverse("secretariat:edition", args=[1])).context["moves"] == [
        EditionStatus.DRAFT
    ]
    registration_in(published)
    assert client.get(reverse("secretariat:edition", args=[1])).context["moves"] == []
