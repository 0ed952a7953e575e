"""The next edition, copied from the last one two years on; whether the public sees an edition
(draft or open); and the guard that keeps an edition's rules still once applicants have
submitted under them."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.applications.models import Application, Registration
from learningcity.audit import services as audit
from learningcity.editions.enums import EDITION_TRANSITIONS, EditionStatus, PhaseKind
from learningcity.editions.loading import copy_edition
from learningcity.editions.models import Edition
from learningcity.editions.services import RUBRIC_TOTAL, rubric_total

YEARS_BETWEEN_EDITIONS = 2

# What applicants rely on once they have submitted: the rubric, what is asked of them, who
# may enter. Names are Edition fields or the names of its child collections.
FROZEN_AFTER_SUBMISSION = frozenset(
    {
        "min_population",
        "representatives_required",
        "criteria",
        "documents",
        "categories",
        "eligibility_th",
        "one_category_rule_th",
    }
)


def years_later(value: dt.datetime, years: int = YEARS_BETWEEN_EDITIONS) -> dt.datetime:
    """The same Bangkok wall-clock moment ``years`` later (29 February becomes the 28th)."""
    local = timezone.localtime(value)
    try:
        moved = local.replace(year=local.year + years)
    except ValueError:
        moved = local.replace(year=local.year + years, day=28)
    return moved


def next_edition_defaults(source: Edition) -> dict:
    """Number, year and titles proposed for the edition after ``source``."""
    number = (Edition.objects.aggregate(n=Max("number"))["n"] or source.number) + 1
    return {
        "number": number,
        "year_be": source.year_be + YEARS_BETWEEN_EDITIONS,
        "title_th": source.title_th.replace(f"ครั้งที่ {source.number}", f"ครั้งที่ {number}"),
        "title_en": source.title_en.replace(str(source.number), str(number)),
    }


def create_next_edition(
    source: Edition, *, actor, number: int, year_be: int, title_th: str, title_en: str
) -> Edition:
    """Copy ``source`` (categories, criteria, documents, prizes, contacts, settings) into a new,
    unpublished edition whose phases fall on the same dates two years on."""
    if Edition.objects.filter(number=number).exists():
        raise ValidationError(
            {"number": _("Edition %(number)s already exists.") % {"number": number}},
            code="exists",
        )
    phases = {
        phase.kind: (years_later(phase.starts_at), years_later(phase.ends_at))
        for phase in source.phases.all()
    }
    with transaction.atomic():
        edition = copy_edition(
            source,
            number=number,
            year_be=year_be,
            title_th=title_th,
            title_en=title_en,
            phases=phases,
            is_demo=source.is_demo,
        )
        # A new edition stays hidden until the secretariat has checked and published it.
        edition.is_published = False
        edition.save(update_fields=["is_published"])
        audit.record(
            actor,
            "edition.copied",
            edition,
            after={"from": source.number, "number": number, "year_be": year_be},
            summary=title_th,
        )
    return edition


def has_submissions(edition: Edition) -> bool:
    return Application.objects.filter(
        registration__edition=edition, submitted_at__isnull=False
    ).exists()


def guard_edition_change(
    edition: Edition, changed_fields: Iterable[str], at: dt.datetime | None = None
) -> None:
    """Refuse, once an edition has submissions, a change to its rubric, criteria, documents,
    categories or minimum population, or to the dates of a phase that has already ended.

    ``changed_fields`` holds Edition field names, child collections (``criteria``,
    ``documents``, ``categories``; a field may follow a dot) and ``phases.<kind>`` for the
    dates of one phase.
    """
    if edition.pk is None or not has_submissions(edition):
        return
    at = at or timezone.now()
    ended = {phase.kind for phase in edition.phases.all() if phase.ends_at < at}
    refused = []
    for name in changed_fields:
        head, _dot, rest = name.partition(".")
        if head in FROZEN_AFTER_SUBMISSION or (head == "phases" and rest in ended):
            refused.append(name)
    if refused:
        raise ValidationError(
            _(
                "This edition already has submitted applications; changing %(fields)s would "
                "change the rules under the applicants' feet."
            )
            % {"fields": ", ".join(_what_changes(refused))},
            code="frozen",
        )


def _what_changes(names: Iterable[str]) -> list[str]:
    """The parts of an edition the guard refused, as the secretariat calls them."""
    parts = {
        "min_population": _("the minimum population"),
        "representatives_required": _("the number of training representatives"),
        "criteria": _("the criteria and their points"),
        "documents": _("the required documents"),
        "categories": _("the award categories"),
        "eligibility_th": _("the eligibility rules"),
        "one_category_rule_th": _("the one-category rule"),
    }
    said = []
    for name in names:
        head, _dot, rest = name.partition(".")
        if head == "phases":
            text = _("the dates of the phase “%(phase)s”") % {
                "phase": PhaseKind(rest).label if rest in PhaseKind.values else rest
            }
        else:
            text = parts.get(head, head)
        if text not in said:
            said.append(text)
    return said


def opening_problems(edition: Edition) -> list[str]:
    """What stops ``edition`` from opening: a rubric that is not whole, no category, no
    registration or submission phase."""
    problems = []
    total = rubric_total(edition)
    if total != RUBRIC_TOTAL:
        problems.append(
            _("The criteria total %(total)s points, not %(required)s.")
            % {"total": total, "required": RUBRIC_TOTAL}
        )
    if not edition.categories.exists():
        problems.append(_("The edition has no award category."))
    kinds = set(edition.phases.values_list("kind", flat=True))
    for kind in (PhaseKind.REGISTRATION, PhaseKind.SUBMISSION):
        if kind not in kinds:
            problems.append(
                _("The edition has no phase “%(phase)s”.") % {"phase": PhaseKind(kind).label}
            )
    return problems


def allowed_moves(edition: Edition) -> list[EditionStatus]:
    """The statuses ``edition`` may move to now: back to draft only while nobody registered."""
    moves = sorted(EDITION_TRANSITIONS[edition.status])
    if Registration.objects.filter(edition=edition).exists():
        moves = [move for move in moves if move != EditionStatus.DRAFT]
    return moves


def set_edition_status(edition: Edition, target: EditionStatus, *, actor) -> Edition:
    """Open a draft edition to the public, or take an open one back to draft while nobody has
    registered; only the moves of ``EDITION_TRANSITIONS``, audited."""
    target = EditionStatus(target)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        current = edition.status
        if target not in EDITION_TRANSITIONS[current]:
            raise ValidationError(
                _("An edition that is “%(current)s” cannot become “%(target)s”.")
                % {"current": current.label, "target": target.label},
                code="transition",
            )
        if target == EditionStatus.OPEN:
            problems = opening_problems(edition)
            if problems:
                raise ValidationError([ValidationError(p, code="not_ready") for p in problems])
        elif Registration.objects.filter(edition=edition).exists():
            raise ValidationError(
                _(
                    "Areas have already registered in this edition; it stays open so that "
                    "they keep seeing it."
                ),
                code="registered",
            )
        edition.is_published = target == EditionStatus.OPEN
        edition.save(update_fields=["is_published"])
        audit.record(
            actor,
            "edition.opened" if target == EditionStatus.OPEN else "edition.withdrawn",
            edition,
            before={"status": current.value},
            after={"status": target.value},
            summary=edition.title_th,
        )
    return edition
