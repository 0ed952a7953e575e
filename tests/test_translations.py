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
        if not e.msgid_plural and compiled.gettext(e.msgid) != e.msgstr
    ]
    assert stale == []
