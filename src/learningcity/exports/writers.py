"""Writing a table as XLSX (openpyxl's write-only mode: rows go to disk as they come) or as
CSV in UTF-8 with a byte-order mark, so that Excel shows Thai correctly."""

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .cells import cell, looks_like_formula, neutralise, plain
from .tables import Table

PROGRESS_EVERY = 250
# Excel's sheet titles are at most 31 characters and may not hold []:*?/\
_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _report(progress: Callable[[int], None] | None, done: int) -> None:
    if progress is not None and done % PROGRESS_EVERY == 0:
        progress(done)


def text_cell(sheet, value: str) -> WriteOnlyCell:
    """A cell that is text whatever it starts with: type ``s`` (openpyxl would otherwise store
    a text starting with ``=`` as a formula) and ``quotePrefix`` where it looks like one."""
    text = WriteOnlyCell(sheet, value=value)
    text.data_type = "s"
    if looks_like_formula(value):
        text.quotePrefix = True
    return text


def write_xlsx(path: Path, table: Table, progress: Callable[[int], None] | None = None) -> int:
    """Write ``table`` to ``path``; returns the number of rows written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.title.translate(_TITLE_FORBIDDEN)[:31] or "Sheet")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in table.headers:
        header_cell = text_cell(sheet, title)
        header_cell.font = bold
        header.append(header_cell)
    sheet.append(header)
    done = 0
    for row in table.rows:
        values = [plain(value) for value in row]
        for index, value in enumerate(values):
            if isinstance(value, str) and value:
                values[index] = text_cell(sheet, value)
            elif isinstance(value, dt.datetime | dt.date):
                date_cell = WriteOnlyCell(sheet, value=value)
                date_cell.number_format = (
                    "yyyy-mm-dd hh:mm" if isinstance(value, dt.datetime) else "yyyy-mm-dd"
                )
                values[index] = date_cell
        sheet.append(values)
        done += 1
        _report(progress, done)
    workbook.save(path)
    return done


def _csv_text(value) -> str:
    value = cell(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, table: Table, progress: Callable[[int], None] | None = None) -> int:
    """Write ``table`` to ``path`` as CSV (UTF-8 with BOM); returns the number of rows."""
    done = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([neutralise(title) for title in table.headers])
        for row in table.rows:
            writer.writerow([_csv_text(value) for value in row])
            done += 1
            _report(progress, done)
    return done


WRITERS = {"xlsx": write_xlsx, "csv": write_csv}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
