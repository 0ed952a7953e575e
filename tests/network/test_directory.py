import json

import pytest
from django.urls import reverse

from learningcity.network import services
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.services import withdraw_consent
from tests.factories import UserFactory

from .conftest import listed_area


def test_directory_lists_only_consenting_submitted_areas(db):
    listed = listed_area()
    listed_area(consent=False)
    draft = listed_area()
    type(draft).objects.filter(pk=draft.pk).update(submitted_at=None)
    areas = services.areas()
    assert [a.local_government for a in areas] == [listed.registration.local_government]
    assert areas[0].places == 1
    assert areas[0].participations[0].category_code == "YOUTH"


def test_directory_hides_drafts_of_unpublished_editions(db):
    application = listed_area()
    edition = application.registration.edition
    edition.is_published = False
    edition.save(update_fields=["is_published"])
    assert services.areas() == []


def test_directory_withdrawn_consent_removes_the_area_everywhere_at_once(client, db):
    application = listed_area()
    lg = application.registration.local_government
    urls = [
        reverse("network:directory"),
        reverse("network:download", kwargs={"kind": "areas", "fmt": "csv"}),
        reverse("network:download", kwargs={"kind": "places", "fmt": "geojson"}),
        reverse("network:api", kwargs={"kind": "areas"}),
        reverse("network:api", kwargs={"kind": "places"}),
    ]
    for url in urls:
        assert lg.dla_code in client.get(url).content.decode(), url
    area_url = reverse("network:area", kwargs={"dla_code": lg.dla_code})
    assert client.get(area_url).status_code == 200
    withdraw_consent(application, ConsentPurpose.NETWORK_LISTING, user=UserFactory())
    for url in urls:
        assert lg.dla_code not in client.get(url).content.decode(), url
    assert client.get(area_url).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "EQUITY"}, ["equity"]),
        ({"category": "YOUTH"}, ["youth"]),
        ({"sdg": "5"}, ["equity"]),  # SDG 5 belongs to EQUITY only
        ({"sdg": "13"}, ["youth"]),
        ({"province": "81"}, ["equity", "youth"]),
        ({"province": "50"}, []),
    ],
)
def test_directory_filters(db, query, expected):
    names = {
        listed_area(category="YOUTH", name_th="youth").pk: "youth",
        listed_area(category="EQUITY", name_th="equity").pk: "equity",
    }
    from learningcity.network.forms import DirectoryFilterForm
    from learningcity.registry.models import Province

    Province.objects.get_or_create(code="50", defaults={"name_th": "เชียงใหม่", "name_en": "CM"})
    form = DirectoryFilterForm(query)
    assert form.is_valid(), form.errors
    found = sorted(
        names[p.application_id] for a in services.areas(form.filters()) for p in a.participations
    )
    assert found == expected


def test_directory_page_degrades_to_a_list_and_carries_map_data(client, db):
    application = listed_area()
    lg = application.registration.local_government
    page = client.get(reverse("network:directory"))
    html = page.content.decode()
    # The list is there without any script; the map box stays hidden until Leaflet runs.
    assert lg.full_name_th in html
    assert 'data-network-map data-markers="network-markers"' in html
    assert "hidden></div>" in html
    markers = json.loads(
        html.split('id="network-markers" type="application/json">')[1].split("</script>")[0]
    )
    assert markers == [
        {
            "name": lg.full_name_th,
            "province": "กระบี่",
            "lat": 18.8,
            "lon": 99.0,
            "url": reverse("network:area", kwargs={"dla_code": lg.dla_code}),
            "categories": ["YOUTH"],
        }
    ]
    assert "tile.openstreetmap.org" in page["Content-Security-Policy"]


def test_directory_area_page_lists_learning_places(client, db):
    application = listed_area(places=2)
    lg = application.registration.local_government
    page = client.get(reverse("network:area", kwargs={"dla_code": lg.dla_code}))
    assert page.content.decode().count("ห้องสมุดตำบล ") >= 2


def test_directory_applicant_lists_the_area_from_the_consent_page(client, db):
    from learningcity.accounts.enums import MembershipRole
    from tests.factories import MembershipFactory, log_in

    application = listed_area(consent=False)
    registration = application.registration
    coordinator = MembershipFactory(
        organisation=registration.organisation, role=MembershipRole.COORDINATOR
    ).user
    log_in(client, coordinator)
    page = client.get(reverse("applications:registration", args=[registration.pk])).text
    consent_url = reverse("privacy:consent", kwargs={"app_pk": application.pk})
    assert consent_url in page
    assert 'value="network_listing"' in client.get(consent_url).text
    assert services.areas() == []
    client.post(consent_url, {"purposes": ["network_listing"], "on_behalf_of": ""})
    assert [a.local_government for a in services.areas()] == [registration.local_government]
