"""Editions as data: load an edition from a TOML file, and copy an edition to a new one."""

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import AnswerSection, DocumentKind, PhaseKind
from .models import AwardCategory, Contact, Criterion, Edition, Phase, Prize, RequiredDocument
from .services import validate_rubric_points

DATA_DIR = Path(__file__).resolve().parent / "data"
EDITION_1 = DATA_DIR / "edition-1.toml"

EDITION_FIELDS = (
    "year_be",
    "title_th",
    "title_en",
    "summary_th",
    "summary_en",
    "organiser_th",
    "decision_note_th",
    "min_population",
    "representatives_required",
    "is_published",
    "is_demo",
    "settings",
)


@dataclass
class LoadReport:
    edition: Edition
    created: bool
    changed: list[str] = field(default_factory=list)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def _phase_bounds(row: dict) -> tuple[dt.datetime, dt.datetime]:
    start, end = row["start"], row["end"]
    start = start if isinstance(start, dt.datetime) else _start_of(start)
    end = end if isinstance(end, dt.datetime) else _end_of(end)
    return start, end


def _check(data: dict) -> None:
    """Refuse a file whose facts break the rules, before anything is written."""
    validate_rubric_points([int(c["max_points"]) for c in data.get("criteria", [])])
    for row in data.get("phases", []):
        PhaseKind(row["kind"])
        start, end = _phase_bounds(row)
        if end <= start:
            raise ValidationError(
                _("Phase %(kind)s ends before it starts.") % {"kind": row["kind"]}
            )
    for row in data.get("criteria", []):
        AnswerSection(row.get("section", AnswerSection.NARRATIVE))
    for row in data.get("documents", []):
        DocumentKind(row["kind"])


def _sync(model, edition: Edition, key: str, rows: list[dict], report: LoadReport) -> None:
    """Make the edition's rows of ``model`` exactly ``rows`` (matched on ``key``)."""
    existing = {getattr(obj, key): obj for obj in model.objects.filter(edition=edition)}
    seen = set()
    for row in rows:
        values = dict(row)
        natural = values.pop(key)
        seen.add(natural)
        obj = existing.get(natural)
        if obj is None:
            model.objects.create(edition=edition, **{key: natural}, **values)
            report.changed.append(f"+{model._meta.model_name}:{natural}")
            continue
        dirty = [name for name, value in values.items() if getattr(obj, name) != value]
        if dirty:
            for name in dirty:
                setattr(obj, name, values[name])
            obj.save(update_fields=dirty)
            report.changed.append(f"~{model._meta.model_name}:{natural}")
    gone = [natural for natural in existing if natural not in seen]
    if gone:
        model.objects.filter(edition=edition, **{f"{key}__in": gone}).delete()
        report.changed.extend(f"-{model._meta.model_name}:{natural}" for natural in gone)


def load_edition(data: dict) -> LoadReport:
    """Create or update an edition from its data; running it twice changes nothing."""
    _check(data)
    head = dict(data["edition"])
    number = head.pop("number")
    values = {name: head[name] for name in EDITION_FIELDS if name in head}
    with transaction.atomic():
        edition, created = Edition.objects.get_or_create(number=number, defaults=values)
        report = LoadReport(edition=edition, created=created)
        if not created:
            dirty = [name for name, value in values.items() if getattr(edition, name) != value]
            for name in dirty:
                setattr(edition, name, values[name])
            if dirty:
                edition.save(update_fields=dirty)
                report.changed.extend(f"~edition.{name}" for name in dirty)
        phases = []
        for row in data.get("phases", []):
            start, end = _phase_bounds(row)
            phases.append(
                {
                    "kind": row["kind"],
                    "starts_at": start,
                    "ends_at": end,
                    "location_th": row.get("location_th", ""),
                    "note_th": row.get("note_th", ""),
                }
            )
        _sync(Phase, edition, "kind", phases, report)
        _sync(AwardCategory, edition, "code", data.get("categories", []), report)
        _sync(Criterion, edition, "number", data.get("criteria", []), report)
        _sync(RequiredDocument, edition, "kind", data.get("documents", []), report)
        _sync(Prize, edition, "order", data.get("prizes", []), report)
        _sync(Contact, edition, "order", data.get("contacts", []), report)
    return report


def load_edition_file(path: Path = EDITION_1) -> LoadReport:
    with Path(path).open("rb") as handle:
        return load_edition(tomllib.load(handle))


CHILD_FIELDS = {
    AwardCategory: (
        "code",
        "order",
        "name_th",
        "name_en",
        "description_th",
        "description_en",
        "sdgs",
    ),
    Criterion: (
        "number",
        "title_th",
        "title_en",
        "short_title_th",
        "guidance_th",
        "max_points",
        "section",
        "narrative_max_chars",
    ),
    RequiredDocument: (
        "kind",
        "order",
        "title_th",
        "title_en",
        "description_th",
        "min_count",
        "max_count",
        "width_px",
        "height_px",
        "max_bytes",
        "content_types",
        "caption_required",
    ),
    Prize: ("order", "title_th", "title_en", "amount_baht"),
    Contact: ("order", "name_th", "nickname_th", "phone"),
}


def copy_edition(
    source: Edition,
    *,
    number: int,
    year_be: int,
    title_th: str,
    title_en: str,
    phases: dict[str, tuple[dt.datetime, dt.datetime]] | None = None,
    shift: dt.timedelta | None = None,
    is_demo: bool = False,
) -> Edition:
    """A new edition with the source's categories, criteria, documents, prizes, contacts and
    settings; phase dates given explicitly, or the source's moved by ``shift``."""
    with transaction.atomic():
        edition = Edition.objects.create(
            number=number,
            year_be=year_be,
            title_th=title_th,
            title_en=title_en,
            summary_th=source.summary_th,
            summary_en=source.summary_en,
            organiser_th=source.organiser_th,
            decision_note_th=source.decision_note_th,
            min_population=source.min_population,
            representatives_required=source.representatives_required,
            settings=dict(source.settings),
            is_demo=is_demo,
            is_published=source.is_published,
        )
        for phase in source.phases.all():
            if phases is not None and phase.kind in phases:
                start, end = phases[phase.kind]
            else:
                offset = shift or dt.timedelta(0)
                start, end = phase.starts_at + offset, phase.ends_at + offset
            Phase.objects.create(
                edition=edition,
                kind=phase.kind,
                starts_at=start,
                ends_at=end,
                location_th=phase.location_th,
                note_th=phase.note_th,
            )
        for model, names in CHILD_FIELDS.items():
            model.objects.bulk_create(
                model(edition=edition, **{name: getattr(obj, name) for name in names})
                for obj in model.objects.filter(edition=source)
            )
    return edition
