"""Filling the application (step 2): answers to the edition's criteria, their structured rows,
and how far the application has come.

Two people of one area may edit the same section at once. Every answer carries a version; a
save names the version it started from and is written only if that is still the stored one,
so no save ever silently overwrites another.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.models import User
from learningcity.audit import services as audit
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Criterion, Phase

from ..enums import ApplicationStatus, RegistrationStatus
from ..models import SECTION_ROWS, Answer, Application, Registration, SectionRow
from .registrations import may_apply_for

EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.REOPENED)
CLOSED_REGISTRATION_STATUSES = (RegistrationStatus.WITHDRAWN, RegistrationStatus.REJECTED)


@dataclass(frozen=True)
class SaveResult:
    """What became of a save: the answer as stored now, and, on a conflict, the text that was
    not written so that the person can still keep it."""

    answer: Answer
    conflict: bool = False
    base_version: int = 0
    your_narrative: str = ""
    your_evidence_confirmed: bool = False
    # Whether the section's progress may differ from before the save (what the progress panel
    # shows): a table rewritten, the narrative emptied or begun, the evidence tick changed.
    progress_changed: bool = True

    @property
    def saved(self) -> bool:
        return not self.conflict

    @property
    def their_version(self) -> int:
        return self.answer.version


@dataclass(frozen=True)
class SectionProgress:
    """How complete the answer to one criterion is, and what it still lacks."""

    criterion: Criterion
    narrative_present: bool
    rows_present: bool
    evidence_confirmed: bool
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def row_models(criterion: Criterion) -> tuple[type[SectionRow], ...]:
    """The kinds of structured row the criterion's section takes (none for a narrative)."""
    return SECTION_ROWS.get(criterion.section, ())


def answers_with_rows(application: Application):
    """The application's answers in criterion order, each with its rows, in a fixed number of
    queries."""
    kinds = {model for models_ in SECTION_ROWS.values() for model in models_}
    return (
        Answer.objects.filter(application=application)
        .select_related("criterion", "updated_by")
        .prefetch_related(
            *(Prefetch(f"{model.kind()}_set", queryset=model.objects.all()) for model in kinds)
        )
        .order_by("criterion__number")
    )


def get_or_start_application(registration: Registration) -> Application:
    """The registration's application, started (with an empty answer for every criterion of
    the edition) on first use."""
    application, _created = Application.objects.get_or_create(registration=registration)
    criteria = registration.edition.criteria.exclude(answers__application=application)
    Answer.objects.bulk_create(
        [Answer(application=application, criterion=c) for c in criteria], ignore_conflicts=True
    )
    return application


def submission_phase(application: Application) -> Phase | None:
    # One phase of each kind per edition (a constraint): get(), without first()'s ORDER BY.
    try:
        return Phase.objects.get(
            edition_id=application.registration.edition_id, kind=PhaseKind.SUBMISSION
        )
    except Phase.DoesNotExist:
        return None


def submission_window(application: Application) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When this application may be changed: its edition's submission phase, closing instead at
    the deadline the secretariat granted to this application, if any (bounds inclusive)."""
    phase = submission_phase(application)
    opens_at = phase.starts_at if phase is not None else None
    closes_at = phase.ends_at if phase is not None else None
    return opens_at, application.deadline_override or closes_at


def application_is_editable(application: Application, at: dt.datetime | None = None) -> bool:
    """An application may be changed while its submission window is open, while it is a draft
    or reopened, and while its registration is neither withdrawn nor rejected."""
    at = at or timezone.now()
    if application.status not in EDITABLE_STATUSES:
        return False
    if application.registration.status in CLOSED_REGISTRATION_STATUSES:
        return False
    return in_submission_window(application, at)


def in_submission_window(application: Application, at: dt.datetime | None = None) -> bool:
    """Whether ``at`` (now by default) falls inside the application's own submission window,
    its deadline moved by the secretariat included (bounds inclusive)."""
    at = at or timezone.now()
    opens_at, closes_at = submission_window(application)
    return (opens_at is None or opens_at <= at) and closes_at is not None and at <= closes_at


def _normalise(text: str) -> str:
    # Browsers send a line break as CR LF; it counts as one character on screen and here.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check(*, application: Application, criterion: Criterion, user: User, at: dt.datetime) -> None:
    if not may_apply_for(user, application.registration.organisation_id):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("You are not a coordinator or member of this organisation.")},
            code="not_member",
        )
    if criterion.edition_id != application.registration.edition_id:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("This criterion is not one of this edition's.")},
            code="criterion",
        )
    if not application_is_editable(application, at):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("The application cannot be changed at this time.")},
            code="closed",
        )


def _check_narrative(criterion: Criterion, narrative: str) -> None:
    if len(narrative) > criterion.narrative_max_chars:
        raise ValidationError(
            {
                "narrative": _(
                    "The answer is %(length)s characters long; the limit is %(limit)s "
                    "characters. Please shorten it by %(excess)s characters."
                )
                % {
                    "length": f"{len(narrative):,}",
                    "limit": f"{criterion.narrative_max_chars:,}",
                    "excess": f"{len(narrative) - criterion.narrative_max_chars:,}",
                }
            },
            code="too_long",
        )


def _build_rows(
    criterion: Criterion, rows: dict[str, list[dict[str, Any]]]
) -> list[tuple[type[SectionRow], list[SectionRow]]]:
    allowed = {model.kind(): model for model in row_models(criterion)}
    built = []
    for kind, values in rows.items():
        model = allowed.get(kind)
        if model is None:
            raise ValidationError(
                {NON_FIELD_ERRORS: _("This section does not take rows of this kind.")},
                code="row_kind",
            )
        instances = []
        for order, row in enumerate(values, start=1):
            instance = model(order=order, **{n: row[n] for n in model.columns if n in row})
            instance.full_clean(exclude=["answer"])
            instances.append(instance)
        built.append((model, instances))
    return built


def _stored_rows(answer: Answer, models_) -> dict[type[SectionRow], list[dict[str, Any]]]:
    """The stored rows of each kind, as their columns' values in order (one query a kind)."""
    return {
        model: list(
            model.objects.filter(answer=answer).order_by("order", "pk").values(*model.columns)
        )
        for model in models_
    }


def _same_rows(model, stored: list[dict[str, Any]], instances: list[SectionRow]) -> bool:
    return len(stored) == len(instances) and all(
        row == {name: getattr(instance, name) for name in model.columns}
        for row, instance in zip(stored, instances, strict=True)
    )


def _save(
    *,
    application: Application,
    criterion: Criterion,
    user: User,
    base_version: int,
    at: dt.datetime | None,
    narrative: str | None = None,
    evidence_confirmed: bool | None = None,
    rows: dict[str, list[dict[str, Any]]] | None = None,
    answer: Answer | None = None,
) -> SaveResult:
    at = at or timezone.now()
    _check(application=application, criterion=criterion, user=user, at=at)
    changes: dict[str, Any] = {}
    if narrative is not None:
        narrative = _normalise(narrative)
        _check_narrative(criterion, narrative)
        changes["narrative"] = narrative
    if evidence_confirmed is not None:
        changes["evidence_confirmed"] = evidence_confirmed
    built = _build_rows(criterion, rows or {})
    if answer is None or (answer.application_id, answer.criterion_id) != (
        application.pk,
        criterion.pk,
    ):
        answer, _created = Answer.objects.get_or_create(
            application=application, criterion=criterion
        )
    with transaction.atomic():
        # The WHERE on the version makes the check and the write one statement: of two saves
        # from the same version, the database lets exactly one through.
        written = Answer.objects.filter(pk=answer.pk, version=base_version).update(
            **changes, version=F("version") + 1, updated_at=at, updated_by=user
        )
        if not written:
            answer.refresh_from_db()
            return SaveResult(
                answer=answer,
                conflict=True,
                base_version=base_version,
                your_narrative=narrative if narrative is not None else "",
                your_evidence_confirmed=bool(evidence_confirmed),
            )
        stored = _stored_rows(answer, [model for model, _rows in built])
        before_rows = {model.kind(): len(rows) for model, rows in stored.items()}
        rows_changed = False
        for model, instances in built:
            # An autosave sends every row each time: rewrite a table only when it changed.
            if _same_rows(model, stored[model], instances):
                continue
            rows_changed = True
            model.objects.filter(answer=answer).delete()
            for instance in instances:
                instance.answer = answer
            model.objects.bulk_create(instances)
        # The UPDATE matched ``base_version``: what is stored now is known without reading it.
        before = {
            "narrative": answer.narrative,
            "evidence_confirmed": answer.evidence_confirmed,
            # Read at another version than the one just replaced: compare with nothing.
            "known": answer.version == base_version,
        }
        for name, value in changes.items():
            setattr(answer, name, value)
        answer.version = base_version + 1
        answer.updated_at = at
        answer.updated_by = user
        audit.record(
            user,
            "answer.saved",
            answer,
            before={"version": base_version, "rows": before_rows},
            after={
                "version": answer.version,
                "narrative": answer.narrative,
                "evidence_confirmed": answer.evidence_confirmed,
                "rows": {model.kind(): len(instances) for model, instances in built},
            },
            summary=f"{application} / {criterion.number}",
        )
    return SaveResult(
        answer=answer,
        base_version=base_version,
        progress_changed=(
            not before["known"]
            or rows_changed
            or bool(before["narrative"].strip()) != bool(answer.narrative.strip())
            or before["evidence_confirmed"] != answer.evidence_confirmed
        ),
    )


def save_answer(
    *,
    application: Application,
    criterion: Criterion,
    user: User,
    narrative: str,
    evidence_confirmed: bool,
    base_version: int,
    at: dt.datetime | None = None,
    answer: Answer | None = None,
) -> SaveResult:
    """Write the narrative and evidence tick of one criterion if ``base_version`` is still the
    stored version, else write nothing and return both versions as a conflict. ``answer``, the
    stored answer the caller has already read, spares reading it again."""
    return _save(
        application=application,
        criterion=criterion,
        user=user,
        base_version=base_version,
        at=at,
        narrative=narrative,
        evidence_confirmed=evidence_confirmed,
        answer=answer,
    )


def save_rows(
    *,
    application: Application,
    criterion: Criterion,
    user: User,
    rows: dict[str, list[dict[str, Any]]],
    base_version: int,
    at: dt.datetime | None = None,
) -> SaveResult:
    """Replace the structured rows of the kinds given (keyed by ``SectionRow.kind()``) under
    the same version check as the narrative; the rows and the answer share one version."""
    return _save(
        application=application,
        criterion=criterion,
        user=user,
        base_version=base_version,
        at=at,
        rows=rows,
    )


def save_section(
    *,
    application: Application,
    criterion: Criterion,
    user: User,
    narrative: str,
    evidence_confirmed: bool,
    rows: dict[str, list[dict[str, Any]]],
    base_version: int,
    at: dt.datetime | None = None,
    answer: Answer | None = None,
) -> SaveResult:
    """Write a whole section (narrative, evidence tick and rows) as one version."""
    return _save(
        application=application,
        criterion=criterion,
        user=user,
        base_version=base_version,
        at=at,
        narrative=narrative,
        evidence_confirmed=evidence_confirmed,
        rows=rows,
        answer=answer,
    )


def section_progress(answer: Answer) -> SectionProgress:
    """What one answer still lacks; reads rows through the answer's prefetch when present."""
    criterion = answer.criterion
    missing = []
    narrative_present = bool(answer.narrative.strip())
    if not narrative_present:
        missing.append(_("Write the answer"))
    rows_present = True
    for model in row_models(criterion):
        # ``progress_answers`` annotates ``has_<kind>``; otherwise the prefetched rows count.
        has_rows = getattr(answer, f"has_{model.kind()}", None)
        if has_rows is None:
            has_rows = bool(getattr(answer, f"{model.kind()}_set").all())
        if not has_rows:
            rows_present = False
            missing.append(_("Add at least one row: %(kind)s") % {"kind": model._meta.verbose_name})
    if not answer.evidence_confirmed:
        missing.append(_("Confirm that the evidence is submitted"))
    return SectionProgress(
        criterion=criterion,
        narrative_present=narrative_present,
        rows_present=rows_present,
        evidence_confirmed=answer.evidence_confirmed,
        missing=missing,
    )


def progress_answers(application: Application):
    """The answers with just what progress needs, in one query: each kind of row is an EXISTS
    (``has_<kind>``) rather than a prefetch of the rows themselves (one query per kind)."""
    kinds = {model for models_ in SECTION_ROWS.values() for model in models_}
    return (
        Answer.objects.filter(application=application)
        .select_related("criterion")
        .only(
            "narrative",
            "evidence_confirmed",
            "criterion__number",
            "criterion__section",
            "criterion__short_title_th",
        )
        .annotate(
            **{
                f"has_{model.kind()}": Exists(model.objects.filter(answer=OuterRef("pk")))
                for model in kinds
            }
        )
        .order_by("criterion__number")
    )


def progress(application: Application, answers=None) -> list[SectionProgress]:
    """Per criterion of the edition, in order: whether the narrative, the required rows and the
    evidence tick are there, and the list of what is missing (one query when ``answers`` is not
    given, whatever the number of sections and rows: autosave calls it after every save)."""
    if answers is None:
        answers = progress_answers(application)
    return [section_progress(answer) for answer in answers]
