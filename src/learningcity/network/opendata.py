"""The network as open data: rows for CSV, features for GeoJSON, and their dictionary.

Only facts about areas and public learning places: no person's name, contact or application
text ever enters these rows.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import services

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "แพลตฟอร์มเมืองแห่งการเรียนรู้ของประเทศไทย (Thailand Learning City Platform)",
}

# (column, type, meaning): the data dictionary shown on the open-data page; the values a
# coded column takes are in VALUES.
AREA_COLUMNS = [
    ("dla_code", "text", _("The local government's code in the DLA registry (7 digits)")),
    ("local_government", "text", _("The local government's full Thai name")),
    ("province_code", "text", _("Province code (2 digits, as in the registry)")),
    ("province", "text", _("Province (Thai)")),
    ("latitude", "number", _("Latitude of the local government's office (WGS 84)")),
    ("longitude", "number", _("Longitude of the local government's office (WGS 84)")),
    ("editions", "text", _("Editions taken part in, by number, separated by ';'")),
    ("categories", "text", _("Codes of the award categories entered, separated by ';'")),
    ("sdgs", "text", _("Sustainable Development Goals of those categories, separated by ';'")),
    ("results", "text", _("Published results as edition:level, separated by ';'")),
    ("learning_places", "integer", _("Number of learning places with a location")),
    ("url", "text", _("The area's page in the network directory")),
]
VALUES = {
    "categories": "YOUTH, EQUITY",
    "results": "winner, honourable, participant",
}
PLACE_COLUMNS = [
    ("dla_code", "text", _("The area's local government code (joins with the areas file)")),
    ("local_government", "text", _("The area's local government")),
    ("edition", "integer", _("The edition whose application named the place")),
    ("name", "text", _("Name of the learning place")),
    ("place_type", "text", _("Kind of place, as the area described it")),
    ("address", "text", _("Address of the place")),
    ("latitude", "number", _("Latitude (WGS 84)")),
    ("longitude", "number", _("Longitude (WGS 84)")),
    ("serves", "text", _("Who it serves")),
    ("opening_hours", "text", _("Opening hours")),
    ("cost", "text", _("Cost to learners")),
    ("accessibility", "text", _("How easily its target groups reach it")),
]


def _number(value) -> float | None:
    return None if value is None else float(value)


def area_rows(areas: list[services.Area], base_url: str = "") -> list[dict]:
    rows = []
    for area in areas:
        lg = area.local_government
        rows.append(
            {
                "dla_code": lg.dla_code,
                "local_government": lg.full_name_th,
                "province_code": lg.province.code,
                "province": lg.province.name_th,
                "latitude": _number(lg.lat),
                "longitude": _number(lg.lon),
                "editions": ";".join(
                    str(n) for n in sorted({p.edition_number for p in area.participations})
                ),
                "categories": ";".join(sorted({p.category_code for p in area.participations})),
                "sdgs": ";".join(
                    str(n) for n in sorted({s for p in area.participations for s in p.sdgs})
                ),
                "results": ";".join(
                    f"{p.edition_number}:{p.result}" for p in area.participations if p.result
                ),
                "learning_places": area.places,
                "url": base_url + reverse("network:area", kwargs={"dla_code": lg.dla_code}),
            }
        )
    return rows


def place_rows(places) -> list[dict]:
    rows = []
    for place in places:
        registration = place.answer.application.registration
        rows.append(
            {
                "dla_code": registration.local_government.dla_code,
                "local_government": registration.local_government.full_name_th,
                "edition": registration.edition.number,
                "name": place.name,
                "place_type": place.place_type,
                "address": place.address,
                "latitude": _number(place.latitude),
                "longitude": _number(place.longitude),
                "serves": place.serves,
                "opening_hours": place.opening_hours,
                "cost": place.cost,
                "accessibility": place.accessibility,
            }
        )
    return rows


def geojson(rows: list[dict]) -> dict:
    """A FeatureCollection of the rows that have coordinates (GeoJSON: longitude first)."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": {k: v for k, v in row.items() if k not in ("latitude", "longitude")},
        }
        for row in rows
        if row["latitude"] is not None and row["longitude"] is not None
    ]
    return {"type": "FeatureCollection", "licence": LICENCE, "features": features}
