"""Assigning many applications at once: a whole category to chosen judges, or the rows of a
CSV file (judge e-mail, application reference), all or nothing."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Application
from learningcity.editions.models import AwardCategory, Edition

from ..models import Assignment, Judge
from .assignment import assign
from .conflicts import is_conflicted

MAX_CSV_BYTES = 1_000_000


@dataclass
class BulkResult:
    created: int = 0
    kept: int = 0
    conflicted: int = 0


@transaction.atomic
def assign_category(
    edition: Edition, category: AwardCategory, judges: list[Judge], actor
) -> BulkResult:
    """Every submitted application of the category goes to each chosen judge, except where the
    judge has a conflict of interest (those are counted, not assigned)."""
    result = BulkResult()
    applications = Application.objects.filter(
        registration__edition=edition,
        registration__category=category,
        status=ApplicationStatus.SUBMITTED,
    ).select_related("registration__local_government")
    for judge in judges:
        existing = set(
            Assignment.objects.filter(judge=judge).values_list("application_id", flat=True)
        )
        for application in applications:
            if application.pk in existing:
                result.kept += 1
            elif is_conflicted(judge, application):
                result.conflicted += 1
            else:
                assign(judge, application, actor)
                result.created += 1
    return result


def _rows(data: bytes) -> list[list[str]]:
    if len(data) > MAX_CSV_BYTES:
        raise ValidationError(_("The file is too large; a CSV of assignments is at most 1 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Save the file as CSV in UTF-8 and upload it again.")) from None
    return list(csv.reader(io.StringIO(text)))


@transaction.atomic
def assign_from_csv(edition: Edition, data: bytes, actor) -> BulkResult:
    """Each line (judge e-mail, application reference; a header line is allowed) becomes an
    assignment; if any line is wrong nothing is assigned and every wrong line is reported."""
    rows = _rows(data)
    judges = {
        j.user.email.lower(): j
        for j in Judge.objects.filter(edition=edition).select_related("user")
    }
    applications = {
        a.reference.upper(): a
        for a in Application.objects.filter(registration__edition=edition)
        .exclude(reference="")
        .select_related("registration__local_government")
    }
    errors, pairs = [], []
    for line, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if line == 1 and "@" not in cells[0]:
            continue  # a header line
        if len(cells) < 2:
            errors.append(
                _("Line %(line)s: write the judge's e-mail and the application reference.")
                % {"line": line}
            )
            continue
        email, reference = cells[0].lower(), cells[1].upper()
        judge, application = judges.get(email), applications.get(reference)
        if judge is None:
            errors.append(
                _("Line %(line)s: %(email)s is not a judge of this edition.")
                % {"line": line, "email": cells[0]}
            )
        if application is None:
            errors.append(
                _("Line %(line)s: there is no application %(reference)s in this edition.")
                % {"line": line, "reference": cells[1]}
            )
        elif application.status != ApplicationStatus.SUBMITTED:
            errors.append(
                _("Line %(line)s: application %(reference)s has not been submitted.")
                % {"line": line, "reference": cells[1]}
            )
        elif judge is not None and is_conflicted(judge, application):
            errors.append(
                _("Line %(line)s: %(email)s has a conflict of interest with %(reference)s.")
                % {"line": line, "email": cells[0], "reference": cells[1]}
            )
        if judge is not None and application is not None:
            pairs.append((judge, application))
    if errors:
        raise ValidationError(errors)
    if not pairs:
        raise ValidationError(_("The file has no assignments."))
    result = BulkResult()
    for judge, application in pairs:
        if Assignment.objects.filter(judge=judge, application=application).exists():
            result.kept += 1
        else:
            assign(judge, application, actor)
            result.created += 1
    return result
