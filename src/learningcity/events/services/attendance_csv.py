"""Importing attendance from a CSV file: every line is checked first, then all are recorded
together or none; importing the same file again records nothing new."""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import AttendanceMethod
from ..models import Attendance, TrainingSession
from .training import check_in, check_secretariat, expected_representatives

ID_HEADERS = ("representative_id", "รหัสตัวแทน")
TIME_HEADERS = ("checked_in_at", "เวลาลงทะเบียน")
MAX_BYTES = 2 * 1024 * 1024
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M")


class AttendanceImportError(Exception):
    """The file was refused; ``errors`` holds one Thai message per faulty line."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    recorded: int
    already: int


def _decode(content: bytes) -> str:
    # Excel writes UTF-8 with a byte-order mark, or the Thai Windows code page.
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AttendanceImportError([_("The file is not a CSV text file in UTF-8 or TIS-620.")])


def _parse_time(text: str) -> dt.datetime | None:
    for fmt in TIME_FORMATS:
        try:
            value = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if value.year > 2400:  # a Buddhist-era year, as Thai spreadsheets often have
            value = value.replace(year=value.year - 543)
        return timezone.make_aware(value)
    return None


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    cleaned = [h.strip().lower() for h in header]
    for name in names:
        if name in cleaned:
            return cleaned.index(name)
    return None


def _read(session: TrainingSession, content: bytes):
    """The (line number, representative, time) of every line, or every line's error."""
    if len(content) > MAX_BYTES:
        raise AttendanceImportError([_("The file is larger than 2 MB.")])
    rows = list(csv.reader(io.StringIO(_decode(content))))
    if not rows:
        raise AttendanceImportError([_("The file is empty.")])
    id_column = _column(rows[0], ID_HEADERS)
    if id_column is None:
        raise AttendanceImportError(
            [_("Line 1: the header must have a column “representative_id”.")]
        )
    time_column = _column(rows[0], TIME_HEADERS)
    expected = {r.pk: r for r in expected_representatives(session.edition)}
    errors, lines, seen = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        raw = row[id_column].strip() if id_column < len(row) else ""
        if not raw.isdigit():
            errors.append(
                _("Line %(line)s: “%(value)s” is not a representative number.")
                % {"line": number, "value": raw}
            )
            continue
        representative = expected.get(int(raw))
        if representative is None:
            errors.append(
                _("Line %(line)s: no representative number %(value)s is expected in this edition.")
                % {"line": number, "value": raw}
            )
            continue
        if representative.pk in seen:
            errors.append(
                _("Line %(line)s: representative %(value)s is already on line %(first)s.")
                % {"line": number, "value": raw, "first": seen[representative.pk]}
            )
            continue
        seen[representative.pk] = number
        at = None
        time_text = (
            row[time_column].strip() if time_column is not None and time_column < len(row) else ""
        )
        if time_text:
            at = _parse_time(time_text)
            if at is None:
                errors.append(
                    _("Line %(line)s: “%(value)s” is not a time like 2569-06-19 09:30.")
                    % {"line": number, "value": time_text}
                )
                continue
        lines.append((number, representative, at))
    if errors:
        raise AttendanceImportError(errors)
    if not lines:
        raise AttendanceImportError([_("The file has no lines of attendance.")])
    return lines


def import_attendance(session: TrainingSession, actor, content: bytes) -> ImportResult:
    """Record the attendance of every line of the CSV file, all or nothing; representatives
    already checked in at the session are left as they are."""
    check_secretariat(actor)
    lines = _read(session, content)
    already_ids = set(
        Attendance.objects.filter(session=session).values_list("representative_id", flat=True)
    )
    recorded = already = 0
    with transaction.atomic():
        for _number, representative, at in lines:
            if representative.pk in already_ids:
                already += 1
                continue
            check_in(
                session,
                representative,
                actor,
                method=AttendanceMethod.CSV,
                at=at or session.starts_at,
            )
            recorded += 1
    return ImportResult(recorded=recorded, already=already)


def expected_csv(session: TrainingSession) -> str:
    """A CSV of the expected representatives, ready to tick and import back."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["representative_id", "full_name", "area", "province", "checked_in_at"])
    for representative in expected_representatives(session.edition):
        local_government = representative.registration.local_government
        writer.writerow(
            [
                representative.pk,
                _neutral(representative.full_name),
                _neutral(local_government.full_name_th),
                _neutral(local_government.province.name_th),
                "",
            ]
        )
    return "\ufeff" + out.getvalue()


def _neutral(text: str) -> str:
    # A cell that starts like a formula would run in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
