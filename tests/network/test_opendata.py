import csv
import io
import json

from django.urls import reverse

from learningcity.network.views.opendata import PAGE_SIZE

from .conftest import listed_area


def test_opendata_csv_has_the_dictionary_columns_and_no_personal_data(client, db):
    application = listed_area()
    registration = application.registration
    response = client.get(reverse("network:download", kwargs={"kind": "areas", "fmt": "csv"}))
    body = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    lg = registration.local_government
    assert rows == [
        {
            "dla_code": lg.dla_code,
            "local_government": lg.full_name_th,
            "province_code": "81",
            "province": "กระบี่",
            "latitude": "18.8",
            "longitude": "99.0",
            "editions": str(registration.edition.number),
            "categories": "YOUTH",
            "sdgs": "4;10;13",
            "results": "",
            "learning_places": "1",
            "url": "http://testserver" + reverse("network:area", args=[lg.dla_code]),
        }
    ]
    for personal in (
        registration.head_name,
        registration.coordinator_name,
        registration.coordinator_email,
        registration.coordinator_phone,
    ):
        assert personal not in body


def test_opendata_places_geojson_is_longitude_first(client, db):
    listed_area(lat="18.500000")
    data = json.loads(
        client.get(reverse("network:download", kwargs={"kind": "places", "fmt": "geojson"})).content
    )
    assert data["type"] == "FeatureCollection"
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [98.98, 18.5]}
    assert feature["properties"]["name"] == "ห้องสมุดตำบล 0"


def test_opendata_csv_neutralises_formula_text(client, db):
    application = listed_area()
    from learningcity.applications.models import LearningPlace

    LearningPlace.objects.filter(answer__application=application).update(name="=HYPERLINK(1)")
    body = client.get(
        reverse("network:download", kwargs={"kind": "places", "fmt": "csv"})
    ).content.decode("utf-8-sig")
    assert ",'=HYPERLINK(1)," in body


def test_opendata_api_paginates(client, db):
    for _n in range(PAGE_SIZE + 1):
        listed_area(places=0)
    url = reverse("network:api", kwargs={"kind": "areas"})
    first = client.get(url).json()
    assert (first["count"], first["page"], first["pages"], len(first["results"])) == (
        PAGE_SIZE + 1,
        1,
        2,
        PAGE_SIZE,
    )
    assert first["next"] == "http://testserver" + url + "?page=2"
    second = client.get(url, {"page": 2}).json()
    assert len(second["results"]) == 1
    assert second["previous"] == "http://testserver" + url + "?page=1"
    assert client.get(url, {"page": 3}).status_code == 404


def test_opendata_api_refuses_unknown_and_bad_parameters(client, db):
    url = reverse("network:api", kwargs={"kind": "areas"})
    unknown = client.get(url, {"colour": "red"})
    assert unknown.status_code == 400
    assert unknown.json()["error"] == "unknown_parameter"
    assert unknown.json()["allowed"] == ["province", "category", "sdg", "edition", "page"]
    bad = client.get(url, {"sdg": "99"})
    assert (bad.status_code, bad.json()["error"]) == (400, "invalid_parameter")
    assert list(bad.json()["details"]) == ["sdg"]
    page = client.get(url, {"page": "-1"})
    assert (page.status_code, page.json()["error"]) == (400, "invalid_parameter")


def test_opendata_api_answers_304_until_something_changes(client, db):
    listed_area()
    url = reverse("network:api", kwargs={"kind": "areas"})
    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    listed_area()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["count"] == 2
