"""Provinces and districts in Thai dictionary order (ก–ฮ), as PyThaiNLP collates them.

Ordering by ``name_th`` in the database sorts by code point, which puts every name starting
with a leading vowel (เชียงใหม่, แพร่, ลำปาง's neighbour แม่ฮ่องสอน...) after ฮ. Each row keeps
its rank in ``thai_order``, set at import, so every list and menu orders by it in SQL.
"""

from pythainlp.util import collate


def thai_ranks(names) -> dict[str, int]:
    """Each distinct name's position in Thai dictionary order."""
    return {name: rank for rank, name in enumerate(collate(set(names)))}


def renumber(model) -> int:
    """Give every row of ``model`` (Province or District) its Thai rank; returns rows changed."""
    rows = list(model.objects.only("pk", "name_th", "thai_order"))
    ranks = thai_ranks(row.name_th for row in rows)
    changed = []
    for row in rows:
        if row.thai_order != ranks[row.name_th]:
            row.thai_order = ranks[row.name_th]
            changed.append(row)
    model.objects.bulk_update(changed, ["thai_order"], batch_size=500)
    return len(changed)
