"""The one machinery that removes personal data, for an edition's retention and for a person's
erasure alike: a plan (every value, row, file and text that will change, listed before anything
happens) and ``carry_out`` (which changes exactly that)."""

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.privacy.personal_data import ERASED, Treatment, fields_with

# The hash of the placeholder that replaces a removed signed page.
ERASED_SHA256 = hashlib.sha256(ERASED.encode()).hexdigest()
# Values shorter than this are not searched for in free text: they would match anything.
MIN_SCRUB_LENGTH = 4
# Titles before Thai names, longest first ("นางสาว" before "นาง").
THAI_TITLES = ("เด็กหญิง", "เด็กชาย", "นางสาว", "ด.ญ.", "ด.ช.", "น.ส.", "นาง", "นาย", "ดร.")
# Keys whose values an audit entry about an erased row loses (besides the erased fields' names).
AUDIT_ROW_KEYS = frozenset(
    {"representatives", "rows", "email", "full_name", "phone", "name", "given_by", "recipient"}
)


@dataclass(frozen=True)
class Change:
    """One personal value that will be replaced."""

    model: str
    pk: int
    field: str
    label: str
    current: str
    replacement: str


@dataclass(frozen=True)
class FileRemoval:
    """A stored file that will go: removed, or replaced by a placeholder when a row needs one."""

    kind: str
    stored_name: str
    model: str
    pk: int
    placeholder: bool = False


@dataclass(frozen=True)
class Scrub:
    """A row whose free text or JSON quotes personal values (or is about an erased row)."""

    model: str
    pk: int
    fields: tuple[str, ...]
    # An audit entry about an erased row: the personal keys of its JSON go too.
    about_erased_row: bool = False


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    files: list[FileRemoval] = field(default_factory=list)
    deletions: list[tuple[str, int]] = field(default_factory=list)
    scrubs: list[Scrub] = field(default_factory=list)
    values: set[str] = field(default_factory=set)
    # Audit entries about these rows lose the personal keys even where the value changed since.
    erased_rows: set[tuple[str, str]] = field(default_factory=set)

    def add_value(self, value) -> None:
        text = " ".join(str(value or "").split())
        if len(text) >= MIN_SCRUB_LENGTH and text != ERASED and "@example.invalid" not in text:
            self.values.add(text)
            # A name is often quoted without its title ("คุณสมหญิง ..." for "นางสาวสมหญิง ...").
            for title in THAI_TITLES:
                if text.startswith(title) and len(text) - len(title) >= MIN_SCRUB_LENGTH:
                    self.values.add(text[len(title) :].strip())
                    break

    def by_kind(self) -> list[tuple[str, int]]:
        """What the dry run lists: each kind of copy and how many of it will change."""
        rows: Counter[str] = Counter()
        for change in self.changes:
            model = apps.get_model(change.model)
            rows[f"{model._meta.verbose_name_plural}: {change.label}"] += 1
        lines = sorted(rows.items())
        files = Counter(removal.kind for removal in self.files)
        lines += [(_("Files: %(kind)s") % {"kind": kind}, n) for kind, n in sorted(files.items())]
        # Log-in records of django-axes count as one kind (its names are not translated).
        deleted = Counter(
            str(_("log-in records"))
            if label.startswith("axes.")
            else str(apps.get_model(label)._meta.verbose_name_plural)
            for label, _pk in self.deletions
        )
        lines += [
            (_("Rows removed: %(what)s") % {"what": what}, n) for what, n in sorted(deleted.items())
        ]
        scrubbed = Counter(scrub.model for scrub in self.scrubs)
        lines += [
            (
                _("Texts quoting personal values: %(what)s")
                % {"what": apps.get_model(label)._meta.verbose_name_plural},
                n,
            )
            for label, n in sorted(scrubbed.items())
        ]
        return lines

    @property
    def total(self) -> int:
        return len(self.changes) + len(self.files) + len(self.deletions) + len(self.scrubs)


def remove_export_jobs(plan: "Plan", jobs) -> None:
    """Plan the removal of export jobs and their files: an export may name anyone in it."""
    for job in jobs.order_by("pk"):
        plan.deletions.append(("exports.exportjob", job.pk))
        if job.stored_name:
            plan.files.append(
                FileRemoval(
                    str(job._meta.verbose_name_plural),
                    job.stored_name,
                    "exports.exportjob",
                    job.pk,
                )
            )


def field_changes(queryset, fields: dict[str, object]) -> list[Change]:
    """The changes that set ``fields`` (a value, or a function of the row) on every row."""
    changes = []
    model = queryset.model
    for row in queryset.order_by("pk").only("pk", *fields):
        for name, replacement in fields.items():
            value = replacement(row) if callable(replacement) else replacement
            current = getattr(row, name)
            if current and current != value:
                changes.append(
                    Change(
                        model=model._meta.label_lower,
                        pk=row.pk,
                        field=name,
                        label=str(model._meta.get_field(name).verbose_name),
                        current=str(current),
                        replacement=value,
                    )
                )
    return changes


def anonymous_email(row) -> str:
    return f"anonymised-{row._meta.model_name}-{row.pk}@example.invalid"


def replacement_for(treatment: Treatment):
    return anonymous_email if treatment == Treatment.EMAIL else ERASED


def _pattern(values: set[str]) -> re.Pattern | None:
    if not values:
        return None
    ordered = sorted(values, key=len, reverse=True)
    return re.compile("|".join(re.escape(value) for value in ordered), re.IGNORECASE)


def _replace(value, pattern: re.Pattern, keys: frozenset[str] = frozenset()):
    """``value`` with every match replaced, and JSON values under ``keys`` erased."""
    if isinstance(value, str):
        return pattern.sub(ERASED, value) if pattern else value
    if isinstance(value, list):
        return [_replace(item, pattern, keys) for item in value]
    if isinstance(value, dict):
        return {
            k: (ERASED if k in keys and v not in (None, "", [], {}) else _replace(v, pattern, keys))
            for k, v in value.items()
        }
    return value


def _text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def find_scrubs(plan: Plan) -> list[Scrub]:
    """Every row of a SCRUB field that quotes one of the plan's values, and every audit entry
    about a row the plan erases."""
    pattern = _pattern(plan.values)
    by_model: dict[str, list[str]] = {}
    for personal in fields_with(Treatment.SCRUB):
        by_model.setdefault(personal.model_label, []).append(personal.field)
    touched = {(change.model, str(change.pk)) for change in plan.changes}
    touched |= {(label, str(pk)) for label, pk in plan.deletions}
    touched |= plan.erased_rows
    scrubs = []
    for label, names in sorted(by_model.items()):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        about: set[int] = set()
        if label == "audit.auditentry" and touched:
            about = _audit_about(model, touched)
        if pattern is None and not about:
            continue
        for row in model.objects.only("pk", *names).order_by("pk").iterator(chunk_size=2000):
            hits = tuple(
                name
                for name in names
                if getattr(row, name) not in (None, "")
                and (
                    (pattern and pattern.search(_text(getattr(row, name))))
                    or (row.pk in about and isinstance(getattr(row, name), dict))
                )
            )
            if hits:
                scrubs.append(
                    Scrub(model=label, pk=row.pk, fields=hits, about_erased_row=row.pk in about)
                )
    return scrubs


def _audit_about(model, touched: set[tuple[str, str]]) -> set[int]:
    ids: set[int] = set()
    by_type: dict[str, list[str]] = {}
    for label, pk in touched:
        by_type.setdefault(label, []).append(pk)
    for label, pks in by_type.items():
        for start in range(0, len(pks), 500):
            ids |= set(
                model.objects.filter(
                    object_type=label, object_id__in=pks[start : start + 500]
                ).values_list("pk", flat=True)
            )
    return ids


def _row_keys() -> frozenset[str]:
    return (
        AUDIT_ROW_KEYS
        | {p.field for p in fields_with(Treatment.ERASE, Treatment.EMAIL, Treatment.CONSENTED)}
        | {"display_name", "caption"}
    )


def carry_out(plan: Plan) -> dict[str, int]:
    """Change exactly what ``plan`` lists; files go once the rows are committed."""
    from learningcity.attachments import storage

    pattern = _pattern(plan.values)
    keys = _row_keys()
    with transaction.atomic():
        for change in plan.changes:
            apps.get_model(change.model).objects.filter(pk=change.pk).update(
                **{change.field: change.replacement}
            )
        for scrub in plan.scrubs:
            model = apps.get_model(scrub.model)
            row = model.objects.only("pk", *scrub.fields).get(pk=scrub.pk)
            values = {
                name: _replace(
                    getattr(row, name), pattern, keys if scrub.about_erased_row else frozenset()
                )
                for name in scrub.fields
            }
            queryset = model.objects.filter(pk=scrub.pk)
            # The audit log is append-only except for this one redaction of personal values.
            (queryset.redact if hasattr(queryset, "redact") else queryset.update)(**values)
        for label, pk in plan.deletions:
            apps.get_model(label).objects.filter(pk=pk).delete()
        placeholders = [removal for removal in plan.files if removal.placeholder]
        for removal in placeholders:
            storage.write_atomically(removal.stored_name, ERASED.encode())
            apps.get_model(removal.model).objects.filter(pk=removal.pk).update(sha256=ERASED_SHA256)
    for removal in plan.files:
        if not removal.placeholder:
            storage.delete(removal.stored_name)
    return {
        "values": len(plan.changes),
        "files": len(plan.files),
        "rows_removed": len(plan.deletions),
        "texts": len(plan.scrubs),
    }
