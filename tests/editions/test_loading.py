import tomllib

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from learningcity.editions.enums import PhaseKind
from learningcity.editions.loading import EDITION_1, copy_edition, load_edition, load_edition_file
from learningcity.editions.models import Criterion, Edition, Phase
from learningcity.editions.services import rubric_total
from tests.factories import bangkok

pytestmark = pytest.mark.django_db


def edition_1_data() -> dict:
    with EDITION_1.open("rb") as handle:
        return tomllib.load(handle)


def test_load_edition_1_matches_the_seed():
    edition = load_edition_file().edition

    assert edition.number == 1
    assert edition.year_be == 2569
    assert [c.code for c in edition.categories.order_by("order")] == ["YOUTH", "EQUITY"]
    assert [c.sdgs for c in edition.categories.order_by("order")] == [
        [4, 10, 13],
        [1, 4, 5, 10, 11],
    ]
    assert [c.max_points for c in edition.criteria.order_by("number")] == [15, 20, 20, 15, 15, 15]
    assert rubric_total(edition) == 100
    photos = edition.documents.get(kind="photos")
    assert (photos.min_count, photos.max_count, photos.width_px, photos.height_px) == (
        10,
        10,
        1920,
        1080,
    )
    assert photos.max_bytes == 5 * 1024 * 1024
    assert photos.caption_required is True
    assert edition.prizes.get(order=3).amount_baht == 30000
    assert edition.contacts.count() == 4


def test_load_edition_1_phase_bounds_in_bangkok():
    edition = load_edition_file().edition
    submission = edition.phases.get(kind=PhaseKind.SUBMISSION)
    registration = edition.phases.get(kind=PhaseKind.REGISTRATION)

    assert submission.starts_at == bangkok(2026, 6, 1)
    assert submission.ends_at == bangkok(2026, 7, 31, 23, 59, 59)
    assert registration.starts_at == bangkok(2026, 5, 5)
    assert registration.ends_at == bangkok(2026, 5, 29, 23, 59, 59)
    assert edition.phases.get(kind=PhaseKind.CEREMONY).starts_at == bangkok(2026, 9, 1)


def test_load_edition_twice_changes_nothing():
    first = load_edition_file()
    ids = sorted(Criterion.objects.values_list("id", flat=True))
    second = load_edition_file()

    assert first.created is True
    assert second.created is False
    assert second.changed == []
    assert Edition.objects.count() == 1
    assert Phase.objects.count() == 6
    assert sorted(Criterion.objects.values_list("id", flat=True)) == ids


def test_load_edition_updates_a_changed_fact():
    load_edition_file()
    data = edition_1_data()
    data["criteria"][0]["guidance_th"] = "แนวทางใหม่"

    report = load_edition(data)

    assert report.changed == ["~criterion:1"]
    assert Criterion.objects.get(number=1).guidance_th == "แนวทางใหม่"


def test_load_edition_refuses_criteria_not_totalling_100():
    data = edition_1_data()
    data["criteria"][0]["max_points"] = 20

    with pytest.raises(ValidationError) as error:
        load_edition(data)

    assert error.value.messages == [
        "เกณฑ์ทั้งหมดรวมได้ 105 คะแนน แต่เกณฑ์ของการประกวดแต่ละครั้งต้องรวมกันได้ 100 คะแนนพอดี"
    ]
    assert Edition.objects.count() == 0


def test_load_edition_command_reports_thai_error_and_writes_nothing(tmp_path):
    data = (EDITION_1.read_text(encoding="utf-8")).replace("max_points = 15", "max_points = 10", 1)
    path = tmp_path / "bad.toml"
    path.write_text(data, encoding="utf-8")

    with pytest.raises(CommandError, match="รวมได้ 95 คะแนน"):
        call_command("load_edition", str(path))

    assert Edition.objects.count() == 0


def test_copy_edition_moves_dates_and_keeps_rules():
    source = load_edition_file().edition
    two_years = bangkok(2028, 6, 1) - bangkok(2026, 6, 1)

    copy = copy_edition(
        source, number=2, year_be=2571, title_th="ครั้งที่ 2", title_en="2nd", shift=two_years
    )

    assert copy.phases.get(kind=PhaseKind.SUBMISSION).starts_at == bangkok(2028, 6, 1)
    assert [c.max_points for c in copy.criteria.order_by("number")] == [15, 20, 20, 15, 15, 15]
    assert list(copy.categories.values_list("code", flat=True)) == ["YOUTH", "EQUITY"]
    assert copy.documents.count() == 3
    assert copy.prizes.count() == 4
    assert copy.settings == source.settings
