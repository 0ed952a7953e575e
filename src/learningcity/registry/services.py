"""Rules of the local-government registry: importing DLA's file and finding a local government."""

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geothai
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When

from .collation import renumber
from .dla_file import BANGKOK_CODE, DATA_FILE, read_registry_file, thai_key
from .enums import THAI_PREFIX, LocalGovernmentType
from .models import District, LocalGovernment, Province, RegistryImport

MIN_QUERY_LENGTH = 2
BATCH_SIZE = 500
LG_FIELDS = [
    "type",
    "name_th",
    "full_name_th",
    "province_id",
    "district_id",
    "district_th",
    "lat",
    "lon",
    "area_km2",
]


@dataclass(frozen=True)
class ImportReport:
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    provinces: int = 0
    districts: int = 0
    districts_unmatched: int = 0
    unmatched_district_names: list[str] = field(default_factory=list)
    values_cleared: int = 0
    skipped: bool = False

    @property
    def district_match_rate(self) -> float:
        return 1 - self.districts_unmatched / self.rows if self.rows else 1.0


def _sync_geography() -> tuple[dict[str, Province], dict[str, District]]:
    """Provinces and districts as geothai has them, by code; created or renamed as needed."""
    # Both supported databases return the ids of bulk-created rows, so the dicts stay usable.
    provinces = {p.code: p for p in Province.objects.all()}
    new, changed = [], []
    for source in geothai.provinces():
        province = provinces.get(source.code)
        if province is None:
            province = Province(code=source.code, name_th=source.name_th, name_en=source.name_en)
            new.append(province)
            provinces[source.code] = province
        elif (province.name_th, province.name_en) != (source.name_th, source.name_en):
            province.name_th, province.name_en = source.name_th, source.name_en
            changed.append(province)
    Province.objects.bulk_create(new)
    Province.objects.bulk_update(changed, ["name_th", "name_en"])

    districts = {d.code: d for d in District.objects.all()}
    new_districts, changed_districts = [], []
    for province_code, province in provinces.items():
        for source in geothai.districts(province_code):
            district = districts.get(source.code)
            if district is None:
                district = District(
                    code=source.code,
                    province=province,
                    name_th=source.name_th,
                    name_en=source.name_en,
                )
                new_districts.append(district)
                districts[source.code] = district
            elif (district.name_th, district.name_en, district.province_id) != (
                source.name_th,
                source.name_en,
                province.pk,
            ):
                district.name_th, district.name_en = source.name_th, source.name_en
                district.province = province
                changed_districts.append(district)
    District.objects.bulk_create(new_districts, batch_size=BATCH_SIZE)
    District.objects.bulk_update(
        changed_districts, ["name_th", "name_en", "province"], batch_size=BATCH_SIZE
    )
    renumber(Province)
    renumber(District)
    return provinces, districts


def _district_finder(districts: dict[str, District]) -> Callable[[str, str], District | None]:
    by_name: dict[tuple[str, str], District] = {}
    for district in districts.values():
        by_name[(district.code[:2], thai_key(district.name_th))] = district

    def find(province_code: str, name: str) -> District | None:
        key = thai_key(name)
        # DLA sometimes writes a capital district with or without "เมือง" before its name.
        alternatives = [key, key.removeprefix("เมือง"), "เมือง" + key]
        for candidate in alternatives:
            found = by_name.get((province_code, candidate))
            if found is not None:
                return found
        return None

    return find


def _registry_is_current(sha256: str, rows: int) -> bool:
    last = RegistryImport.objects.order_by("-imported_at", "-pk").first()
    return (
        last is not None
        and last.sha256 == sha256
        and last.geothai_version == geothai.DATA_VERSION
        and last.rows == rows
        and LocalGovernment.objects.count() == rows
        and Province.objects.count() == len(geothai.provinces())
    )


def import_registry(path: Path | str = DATA_FILE, *, force: bool = False) -> ImportReport:
    """Brings the registry to the DLA file by DLA code, all or nothing; skips an unchanged file."""
    content = Path(path).read_bytes()
    sha256 = hashlib.sha256(content).hexdigest()
    rows = read_registry_file(content)
    if not force and _registry_is_current(sha256, len(rows)):
        renumber(Province)
        renumber(District)
        return ImportReport(rows=len(rows), unchanged=len(rows), skipped=True)

    with transaction.atomic():
        provinces, districts = _sync_geography()
        find_district = _district_finder(districts)
        existing = {lg.dla_code: lg for lg in LocalGovernment.objects.all()}
        to_create: list[LocalGovernment] = []
        to_update: list[LocalGovernment] = []
        unmatched: dict[str, None] = {}
        unmatched_rows = 0
        for row in rows:
            district = find_district(row.province_code, row.district_th)
            if district is None:
                unmatched_rows += 1
                unmatched[f"{row.district_th} ({provinces[row.province_code].name_th})"] = None
            wanted = {
                "type": row.type.value,
                "name_th": row.name_th,
                # Pattaya has no prefix: its name, "เมืองพัทยา", is already its full name.
                "full_name_th": THAI_PREFIX[row.type][0] + row.name_th,
                "province_id": provinces[row.province_code].pk,
                "district_id": district.pk if district else None,
                "district_th": row.district_th,
                "lat": row.lat,
                "lon": row.lon,
                "area_km2": row.area_km2,
            }
            current = existing.get(row.dla_code)
            if current is None:
                to_create.append(LocalGovernment(dla_code=row.dla_code, **wanted))
            elif any(getattr(current, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(current, name, value)
                to_update.append(current)
        LocalGovernment.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        LocalGovernment.objects.bulk_update(to_update, LG_FIELDS, batch_size=BATCH_SIZE)
        report = ImportReport(
            rows=len(rows),
            created=len(to_create),
            updated=len(to_update),
            unchanged=len(rows) - len(to_create) - len(to_update),
            provinces=len(provinces),
            districts=len(districts),
            districts_unmatched=unmatched_rows,
            unmatched_district_names=list(unmatched),
            values_cleared=sum(row.values_cleared for row in rows),
        )
        RegistryImport.objects.create(
            sha256=sha256,
            geothai_version=geothai.DATA_VERSION,
            rows=len(rows),
            created=report.created,
            updated=report.updated,
        )
    return report


# What people type before a name: full prefixes and abbreviations, longest first so that
# "เทศบาลตำบล" wins over "เทศบาล". An abbreviation needs its dot or a space after it, because
# names such as "ทมอ" or "อบทม" begin with the same letters.
_MUNICIPALITIES = (
    LocalGovernmentType.CITY_MUNICIPALITY,
    LocalGovernmentType.TOWN_MUNICIPALITY,
    LocalGovernmentType.SUBDISTRICT_MUNICIPALITY,
)
_PREFIXES: list[tuple[re.Pattern[str], tuple[LocalGovernmentType, ...]]] = sorted(
    [
        *(
            (re.compile(re.escape(full) + r"\s*"), (kind,))
            for kind, (full, _abbr) in THAI_PREFIX.items()
            if full
        ),
        *(
            (re.compile(re.escape(abbr.rstrip(".")) + r"(?:\.\s*|\s+)"), (kind,))
            for kind, (full, abbr) in THAI_PREFIX.items()
            if full
        ),
        (re.compile(r"เทศบาล\s*"), _MUNICIPALITIES),
    ],
    key=lambda item: -len(item[0].pattern),
)
_TYPE_ORDER = Case(
    *(When(type=kind, then=Value(order)) for order, kind in enumerate(LocalGovernmentType)),
    output_field=IntegerField(),
)
_BANGKOK = re.compile(r"กรุงเทพ|กทม|bangkok|bkk", re.IGNORECASE)


@dataclass(frozen=True)
class SearchResult:
    query: str
    name: str = ""
    types: tuple[LocalGovernmentType, ...] = ()
    local_governments: list[LocalGovernment] = field(default_factory=list)
    has_more: bool = False
    too_short: bool = False
    is_bangkok: bool = False


def parse_query(query: str) -> tuple[str, tuple[LocalGovernmentType, ...]]:
    """The bare name in a query and the types its prefix or abbreviation names, if any."""
    text = unicodedata.normalize("NFC", query).replace("\u0e4d\u0e32", "\u0e33").strip()
    for pattern, types in _PREFIXES:
        match = pattern.match(text)
        if match:
            return thai_key(text[match.end() :]), types
    return thai_key(text), ()


def search(query: str, province_code: str | None = None, limit: int = 20) -> SearchResult:
    """Local governments by Thai name, exact names first, then names that start or contain it."""
    name, types = parse_query(query)
    is_bangkok = bool(_BANGKOK.search(query)) or province_code == BANGKOK_CODE
    if len(name) < MIN_QUERY_LENGTH:
        return SearchResult(
            query=query, name=name, types=types, too_short=True, is_bangkok=is_bangkok
        )
    matches = LocalGovernment.objects.filter(name_th__contains=name)
    if types:
        matches = matches.filter(type__in=types)
    if province_code:
        matches = matches.filter(province__code=province_code)
    matches = (
        matches.select_related("province", "district")
        .annotate(
            rank=Case(
                When(name_th=name, then=Value(0)),
                When(name_th__startswith=name, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "name_th", "province__name_th", _TYPE_ORDER, "dla_code")
    )
    found = list(matches[: limit + 1])
    return SearchResult(
        query=query,
        name=name,
        types=types,
        local_governments=found[:limit],
        has_more=len(found) > limit,
        is_bangkok=is_bangkok,
    )
