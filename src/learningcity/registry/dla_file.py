"""The DLA file of local governments: read, and every line checked before anything is written."""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import geothai
from django.utils.translation import gettext as _

from .enums import LocalGovernmentType

DATA_FILE = Path(__file__).resolve().parent / "data" / "local-governments-dla.csv"
COLUMNS = ["dla_code", "type", "name_th", "province_code", "district_th", "lat", "lon", "area_km2"]
BANGKOK_CODE = "10"

# DLA's file holds a few values no place in Thailand can have (areas written in m², a latitude
# of 5 or a longitude of 97, half a coordinate): they are unknown, so they are stored as NULL.
LAT_RANGE = (Decimal("5.6"), Decimal("20.5"))
LON_RANGE = (Decimal("97.3"), Decimal("105.7"))
MAX_AREA_KM2 = Decimal(21000)  # more than the largest province (Nakhon Ratchasima, 20,494 km²)


class RegistryFileError(ValueError):
    """A line of the DLA file that cannot be imported; nothing of the file is written."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(_("Line %(line)s: %(message)s") % {"line": line, "message": message})


@dataclass(frozen=True)
class RegistryRow:
    """One checked line of the DLA file."""

    dla_code: str
    type: LocalGovernmentType
    name_th: str
    province_code: str
    district_th: str
    lat: Decimal | None
    lon: Decimal | None
    area_km2: Decimal | None
    values_cleared: int


def thai_key(text: str) -> str:
    """A Thai name in one comparable form: NFC, sara am composed, without any whitespace."""
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    return re.sub(r"[\s\u200b\u200c\u200d\ufeff]+", "", text)


def _decimal(raw: str, places: int, line: int, column: str) -> Decimal | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise RegistryFileError(
            line, _("%(column)s is not a number: “%(value)s”") % {"column": column, "value": raw}
        )
    return value.quantize(Decimal(1).scaleb(-places))


def _parse_row(line: int, record: dict[str, str], province_codes: set[str]) -> RegistryRow:
    values = {key: (record.get(key) or "").strip() for key in COLUMNS}
    dla_code, type_code, province_code = values["dla_code"], values["type"], values["province_code"]
    if type_code not in LocalGovernmentType.values:
        raise RegistryFileError(line, _("unknown type “%(type)s”") % {"type": type_code})
    if province_code not in province_codes or province_code == BANGKOK_CODE:
        raise RegistryFileError(
            line, _("unknown province code “%(code)s”") % {"code": province_code}
        )
    # Seven digits: type digit, the province's DOPA code, district, sequence.
    if not re.fullmatch(r"[0-9]{7}", dla_code) or dla_code[1:3] != province_code:
        raise RegistryFileError(
            line,
            _("bad DLA code “%(code)s” (seven digits, the 2nd and 3rd being the province code)")
            % {"code": dla_code},
        )
    if not values["name_th"] or not values["district_th"]:
        raise RegistryFileError(line, _("the name and the district must not be empty"))
    lat = _decimal(values["lat"], 7, line, "lat")
    lon = _decimal(values["lon"], 7, line, "lon")
    area = _decimal(values["area_km2"], 2, line, "area_km2")
    cleared = 0
    if (lat, lon) != (None, None) and not (
        lat is not None
        and lon is not None
        and LAT_RANGE[0] <= lat <= LAT_RANGE[1]
        and LON_RANGE[0] <= lon <= LON_RANGE[1]
    ):
        lat = lon = None
        cleared += 1
    if area is not None and not Decimal(0) < area <= MAX_AREA_KM2:
        area = None
        cleared += 1
    return RegistryRow(
        dla_code=dla_code,
        type=LocalGovernmentType(type_code),
        name_th=" ".join(values["name_th"].split()),
        province_code=province_code,
        district_th=values["district_th"],
        lat=lat,
        lon=lon,
        area_km2=area,
        values_cleared=cleared,
    )


def read_registry_file(content: bytes) -> list[RegistryRow]:
    """Every row of a DLA file, checked; the first bad line raises ``RegistryFileError``."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegistryFileError(1, _("the file is not UTF-8")) from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames != COLUMNS:
        raise RegistryFileError(
            1, _("the header must be: %(columns)s") % {"columns": ",".join(COLUMNS)}
        )
    province_codes = {p.code for p in geothai.provinces()}
    rows: list[RegistryRow] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if None in record or any(value is None for value in record.values()):
            raise RegistryFileError(line, _("expected %(count)s columns") % {"count": len(COLUMNS)})
        row = _parse_row(line, record, province_codes)
        if row.dla_code in seen:
            raise RegistryFileError(
                line,
                _("DLA code %(code)s is already on line %(first)s")
                % {"code": row.dla_code, "first": seen[row.dla_code]},
            )
        seen[row.dla_code] = line
        rows.append(row)
    return rows
