"""The call page is Thai in Thai mode (subtitle with a B.E. year, no C.E. year) and English in
English mode, where the edition's data holds the English."""

import re

import pytest
from django.utils.html import escape

from learningcity.editions.loading import load_edition_file

pytestmark = pytest.mark.django_db


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1])


def test_call_page_subtitle_thai_with_buddhist_era_year(client):
    load_edition_file()

    html = client.get("/").content.decode()

    assert '<p class="hero__en">รางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น ครั้งที่ 1 (พ.ศ. 2569)</p>' in html
    assert "Local Learning City Award, 1st edition (2026)" not in html
    assert re.findall(r"\b20[0-9]{2}\b", _visible(html)) == []


def test_call_page_english_mode_shows_the_editions_english(client):
    edition = load_edition_file().edition
    client.cookies["django_language"] = "en"
    category = edition.categories.order_by("code").first()

    html = client.get("/").content.decode()

    assert f"<h1>{edition.title_en}</h1>" in html
    assert f"<h3>{category.name_en}</h3>" in html
    assert category.name_th not in html
    assert escape(category.description_en.split("\n")[0][:40]) in html
