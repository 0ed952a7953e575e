"""Whether the committee has scored a category: the assigned reviews that are in, those still
missing, and the applications every assigned judge has scored. A decision waits for every
review, unless the chair, once the judging phase has ended, records it with a written reason."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from learningcity.applications.models import Application
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Edition
from learningcity.judging.enums import ReviewStatus
from learningcity.judging.models import Assignment, Conflict, Review
from learningcity.thai.formatting import format_datetime

from ..models import Decision
from ..rules import is_chair_of
from .category import category_applications

# The refusal names this many missing reviews, then says how many more there are.
NAMED_IN_MESSAGE = 10
_REGISTRATION = "application__registration__"


@dataclass(frozen=True)
class MissingReview:
    """An assigned review not yet submitted: whose it is and for which application."""

    judge: str
    reference: str
    area: str

    def __str__(self) -> str:
        return f"{self.judge} ({self.reference})"


@dataclass
class Completeness:
    """The reviews of one category's decision. A review a judge cannot submit because they
    declared a conflict of interest with the application is excused, not missing."""

    submitted: int = 0
    excused: int = 0
    missing: list[MissingReview] = field(default_factory=list)
    # Applications with at least one review due and every review due submitted.
    fully_scored: set[int] = field(default_factory=set)
    # Submitted applications no judge has been given yet.
    unassigned: list[Application] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return self.submitted + len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing


def _conflicted() -> Exists:
    """Whether the assignment's judge declared a conflict with the application's area."""
    return Exists(
        Conflict.objects.filter(judge=OuterRef("judge")).filter(
            Q(organisation=OuterRef(_REGISTRATION + "organisation"))
            | Q(local_government=OuterRef(_REGISTRATION + "local_government"))
            | Q(province=OuterRef(_REGISTRATION + "local_government__province"))
        )
    )


def completeness(decision: Decision) -> Completeness:
    """The category's reviews in, missing and excused, in two queries."""
    applications = {a.pk: a for a in category_applications(decision)}
    assignments = (
        Assignment.objects.filter(
            judge__edition=decision.edition, application__in=list(applications)
        )
        .annotate(
            is_submitted=Exists(
                Review.objects.filter(assignment=OuterRef("pk"), status=ReviewStatus.SUBMITTED)
            ),
            is_conflicted=_conflicted(),
        )
        .select_related("judge__user")
        .order_by("application__reference", "judge__user__full_name", "pk")
    )
    result = Completeness()
    due: set[int] = set()
    unscored: set[int] = set()
    for assignment in assignments:
        application = applications[assignment.application_id]
        if assignment.is_submitted:
            result.submitted += 1
            due.add(application.pk)
        elif assignment.is_conflicted:
            result.excused += 1
        else:
            due.add(application.pk)
            unscored.add(application.pk)
            result.missing.append(
                MissingReview(
                    judge=assignment.judge.user.full_name,
                    reference=application.reference,
                    area=application.registration.local_government.full_name_th,
                )
            )
    result.fully_scored = due - unscored
    assigned = {a.application_id for a in assignments}
    result.unassigned = [a for pk, a in applications.items() if pk not in assigned]
    return result


def judging_ends_at(edition: Edition) -> dt.datetime | None:
    phase = edition.phases.filter(kind=PhaseKind.JUDGING).first()
    return phase.ends_at if phase else None


def may_override(decision: Decision, actor, at: dt.datetime) -> bool:
    """The chair may record with reviews missing once the judging phase has ended."""
    ends_at = judging_ends_at(decision.edition)
    return is_chair_of(actor, decision.edition) and ends_at is not None and at > ends_at


def _missing_message(result: Completeness) -> str:
    named = [str(m) for m in result.missing[:NAMED_IN_MESSAGE]]
    more = len(result.missing) - len(named)
    if more:
        named.append(_("and %(count)s more") % {"count": more})
    return _(
        "Reviews are missing: %(submitted)s of %(expected)s assigned reviews are in. "
        "Not yet submitted: %(missing)s. The decision waits for every review; once the "
        "judging phase has ended, the chair may record it with a written reason."
    ) % {"submitted": result.submitted, "expected": result.expected, "missing": ", ".join(named)}


def check_reviews_in(
    decision: Decision, actor, override_reason: str | None, at: dt.datetime
) -> Completeness:
    """Refuse, saying what is missing, unless every review due is in or the chair gives a
    written reason after the judging phase; returns what was counted."""
    result = completeness(decision)
    if result.complete:
        return result
    if override_reason is None:
        raise ValidationError(_missing_message(result))
    if not is_chair_of(actor, decision.edition):
        raise ValidationError(
            _("Only the chair of the committee can record a decision while reviews are missing.")
        )
    ends_at = judging_ends_at(decision.edition)
    if ends_at is None:
        raise ValidationError(
            _("This edition has no judging phase: the decision waits for every review.")
        )
    if at <= ends_at:
        raise ValidationError(
            _("The judging phase ends on %(date)s: until then the decision waits for every review.")
            % {"date": format_datetime(ends_at)}
        )
    if not override_reason.strip():
        raise ValidationError(
            _("Write the reason for recording the decision while reviews are missing.")
        )
    return result


def check_fully_scored(result: Completeness, applications: list[Application]) -> None:
    """Without the chair's override only fully scored applications can be named."""
    unscored = [a.reference for a in applications if a.pk not in result.fully_scored]
    if unscored:
        raise ValidationError(
            _(
                "Only fully scored applications can be named; reviews are missing for "
                "%(references)s."
            )
            % {"references": ", ".join(unscored)}
        )
