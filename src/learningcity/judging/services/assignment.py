"""Giving submitted applications to judges, by hand or spread evenly."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Application
from learningcity.audit.services import record
from learningcity.editions.models import Edition

from ..models import Assignment, Conflict, Judge, Review
from .conflicts import _area_of, _conflicts_with, is_conflicted


def _create(judge: Judge, application: Application, actor) -> Assignment:
    assignment = Assignment.objects.create(judge=judge, application=application)
    Review.objects.create(assignment=assignment)
    record(
        actor,
        "judging.assigned",
        assignment,
        after={"judge": judge.pk, "application": application.pk},
        summary=f"{judge} → {application}",
    )
    return assignment


@transaction.atomic
def assign(judge: Judge, application: Application, actor) -> Assignment:
    """A submitted application of the judge's edition is given to a judge without a conflict
    of interest, with an empty draft review."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only submitted applications can be assigned to judges."))
    if application.registration.edition_id != judge.edition_id:
        raise ValidationError(_("The judge does not sit on this edition's committee."))
    if is_conflicted(judge, application):
        raise ValidationError(
            _("This judge has declared a conflict of interest with this application.")
        )
    existing = Assignment.objects.filter(judge=judge, application=application).first()
    return existing or _create(judge, application, actor)


@transaction.atomic
def auto_assign(edition: Edition, per_application: int, actor) -> list[Assignment]:
    """Every submitted application gets up to per_application judges without a conflict,
    keeping existing assignments and giving each new one to the least-loaded judge (lowest id
    first), so loads differ by at most one wherever conflicts allow."""
    judges = list(Judge.objects.filter(edition=edition).order_by("pk"))
    conflicts: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in Conflict.objects.filter(judge__edition=edition):
        conflicts[conflict.judge_id].append(conflict)
    applications = list(
        Application.objects.filter(
            registration__edition=edition, status=ApplicationStatus.SUBMITTED
        )
        .select_related("registration__local_government")
        .order_by("pk")
    )
    assigned: dict[int, set[int]] = defaultdict(set)
    load = dict.fromkeys((j.pk for j in judges), 0)
    for judge_id, application_id in Assignment.objects.filter(judge__edition=edition).values_list(
        "judge_id", "application_id"
    ):
        assigned[application_id].add(judge_id)
        load[judge_id] += 1
    created = []
    for application in applications:
        area = _area_of(application)
        eligible = [
            j
            for j in judges
            if j.pk not in assigned[application.pk] and not _conflicts_with(conflicts[j.pk], area)
        ]
        eligible.sort(key=lambda j: (load[j.pk], j.pk))
        for judge in eligible[: max(per_application - len(assigned[application.pk]), 0)]:
            created.append(_create(judge, application, actor))
            assigned[application.pk].add(judge.pk)
            load[judge.pk] += 1
    return created
