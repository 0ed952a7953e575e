"""Every Thai catalogue is complete and compiled: what the .po says is what the UI shows."""

import gettext
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "learningcity"
CATALOGUES = sorted(SRC.glob("**/locale/th/LC_MESSAGES/django.po"))


def test_translations_catalogues_exist():
    names = {po.relative_to(SRC).parts[0] for po in CATALOGUES}
    assert {"locale", "editions"} <= names


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_translations_every_message_has_thai(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_translations_compiled_catalogue_matches_po(po_path):
    po = polib.pofile(str(po_path))
    with po_path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        e.msgid
        for e in po.translated_entries()
        if not e.msgid_plural
        and (compiled.pgettext(e.msgctxt, e.msgid) if e.msgctxt else compiled.gettext(e.msgid))
        != e.msgstr
    ]
    assert stale == []


def collisions(catalogues, root=SRC) -> list[str]:
    """Message ids (with their context) that two catalogues translate differently. Django
    merges every catalogue into one, so only one of those translations would ever show."""
    thai: dict[tuple[str | None, str], dict[str, str]] = {}
    for po_path in catalogues:
        app = str(po_path.relative_to(root).parts[0])
        for entry in polib.pofile(str(po_path)).translated_entries():
            thai.setdefault((entry.msgctxt, entry.msgid), {})[app] = entry.msgstr
    return sorted(
        f"{context or ''}|{msgid}: {by_app}"
        for (context, msgid), by_app in thai.items()
        if len(set(by_app.values())) > 1
    )


def test_translations_one_thai_word_per_message_id_and_context():
    assert collisions(CATALOGUES) == []


def test_translations_collision_found_when_two_catalogues_disagree(tmp_path):
    for app, thai in (("results", "ลำดับ"), ("events", "สถานที่")):
        po = polib.POFile()
        po.append(polib.POEntry(msgid="place", msgstr=thai))
        path = tmp_path / app / "locale" / "th" / "LC_MESSAGES" / "django.po"
        path.parent.mkdir(parents=True)
        po.save(str(path))
    found = sorted(tmp_path.glob("**/django.po"))

    assert collisions(found, root=tmp_path) == ["|place: {'events': 'สถานที่', 'results': 'ลำดับ'}"]
