"""The two printable documents of an application, laid out from Django templates.

Both are rendered in Thai whatever the requester's language: they are the official Thai forms.
"""

import base64
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils import translation

from learningcity.attachments import storage
from learningcity.attachments.models import Attachment
from learningcity.attachments.thumbnails import thumbnail_stored
from learningcity.editions.enums import DocumentKind
from learningcity.thai.formatting import format_date, format_number

from ..models import SECTION_ROWS, Answer, Application, LearningPlace, SectionRow
from ..services import answers_with_rows, signed_page
from .render import render_pdf

YES, NO = "ใช่", "ไม่ใช่"


@dataclass(frozen=True)
class Table:
    """One kind of structured row of an answer, ready to print: a title, headers and cells."""

    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Photo:
    attachment: Attachment
    thumbnail_url: str | None


def _cell(row: SectionRow, name: str) -> str:
    field = row._meta.get_field(name)
    value = getattr(row, name)
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(getattr(row, f"get_{name}_display")())
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal) and isinstance(field, models.DecimalField):
        places = 0 if value == value.to_integral_value() else 2
        if name in ("latitude", "longitude"):
            return str(value.normalize())
        return format_number(value, places)
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def _tables(answer: Answer) -> list[Table]:
    """The answer's structured rows, one table per kind of row it has, empty kinds left out."""
    tables = []
    for model in SECTION_ROWS[answer.criterion.section]:
        rows = list(getattr(answer, f"{model.kind()}_set").all())
        if not rows:
            continue
        headers = [str(model._meta.get_field(name).verbose_name) for name in model.columns]
        cells = [[_cell(row, name) for name in model.columns] for row in rows]
        tables.append(Table(str(model._meta.verbose_name_plural), headers, cells))
    return tables


def _thumbnail_url(attachment: Attachment) -> str | None:
    """A ``file:`` URL of the preview, or a ``data:`` URL when it is in an object store."""
    name = thumbnail_stored(attachment)
    if name is None:
        return None
    if not storage.on_object_store():
        return storage.path_of(name).as_uri()
    return "data:image/jpeg;base64," + base64.b64encode(storage.read_bytes(name)).decode()


def _photos(attachments: list[Attachment]) -> list[Photo]:
    photos = []
    for attachment in attachments:
        if attachment.kind != DocumentKind.PHOTOS:
            continue
        photos.append(Photo(attachment, _thumbnail_url(attachment)))
    return photos


def application_context(application: Application) -> dict:
    registration = application.registration
    answers = list(answers_with_rows(application))
    attachments = list(application.attachments.order_by("kind", "slot"))
    learning_places = [place for answer in answers for place in answer.learningplace_set.all()]
    return {
        "application": application,
        "registration": registration,
        "edition": registration.edition,
        "local_government": registration.local_government,
        "representatives": list(registration.representatives.all()),
        "sections": [{"answer": answer, "tables": _tables(answer)} for answer in answers],
        "photos": _photos(attachments),
        "learning_places": learning_places,
        "place_columns": [
            str(LearningPlace._meta.get_field(name).verbose_name)
            for name in ("name", "place_type", "address", "serves")
        ],
        "files": [a for a in attachments if a.kind != DocumentKind.PHOTOS],
    }


def application_pdf(application: Application) -> bytes:
    """The whole application, cover to attachments list, as one PDF in Thai."""
    with translation.override("th"):
        return render_pdf("applications/pdf/application.html", application_context(application))


def certification_pdf(application: Application) -> bytes:
    """The one-page certification letter that the head of the local government signs."""
    registration = application.registration
    context = {
        "application": application,
        "registration": registration,
        "edition": registration.edition,
        "local_government": registration.local_government,
        # Read back from the signed scan or photo: this application, this version of the letter.
        "page_code": signed_page.page_code_svg(application),
    }
    with translation.override("th"):
        return render_pdf("applications/pdf/certification.html", context)
