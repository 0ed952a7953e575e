"""Training sessions, check-in of the representatives, waivers, and the training gate on
submission: two representatives of the area attended, or the secretariat waived it."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.rules import is_secretariat
from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Application, Registration, Representative
from learningcity.applications.services.gates import Problem
from learningcity.audit import services as audit
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Edition

from ..enums import AttendanceMethod
from ..models import Attendance, TrainingSession, TrainingWaiver

# Areas whose entry is still alive are expected at the training.
EXPECTED_STATUSES = (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)


def check_secretariat(actor) -> None:
    if not is_secretariat(actor):
        raise ValidationError(_("Only the secretariat may do this."), code="secretariat")


def create_session(edition: Edition, actor, **fields) -> TrainingSession:
    """The secretariat adds a training session to the edition."""
    check_secretariat(actor)
    with transaction.atomic():
        session = TrainingSession.objects.create(edition=edition, **fields)
        audit.record(
            actor,
            "training.session_created",
            session,
            after={
                "title": session.title,
                "starts_at": session.starts_at.isoformat(),
                "ends_at": session.ends_at.isoformat(),
            },
            summary=session.title,
        )
    return session


def expected_representatives(edition: Edition, query: str = "") -> QuerySet[Representative]:
    """The representatives the edition's live registrations send, searchable by the person's
    name or the area's name."""
    representatives = Representative.objects.filter(
        registration__edition=edition, registration__status__in=EXPECTED_STATUSES
    ).select_related("registration__local_government__province")
    query = query.strip()
    if query:
        representatives = representatives.filter(
            Q(full_name__icontains=query)
            | Q(registration__local_government__name_th__icontains=query)
            | Q(registration__local_government__province__name_th__icontains=query)
        )
    return representatives.order_by(
        "registration__local_government__name_th", "registration_id", "slot"
    )


def checkin_list(session: TrainingSession, query: str = "", limit: int = 60):
    """The expected representatives matching ``query``, each with its attendance at this
    session (or ``None``), for the check-in tablet."""
    representatives = expected_representatives(session.edition, query).prefetch_related(
        Prefetch(
            "attendances",
            queryset=Attendance.objects.filter(session=session),
            to_attr="here",
        )
    )[:limit]
    return [(r, r.here[0] if r.here else None) for r in representatives]


def check_in(
    session: TrainingSession,
    representative: Representative,
    actor,
    *,
    method: AttendanceMethod = AttendanceMethod.TABLET,
    at: dt.datetime | None = None,
) -> Attendance:
    """Record that the representative attended the session; checking in twice keeps the
    first check-in."""
    check_secretariat(actor)
    if representative.registration.edition_id != session.edition_id:
        raise ValidationError(
            _("This representative's area is not registered in this edition."), code="edition"
        )
    existing = Attendance.objects.filter(session=session, representative=representative).first()
    if existing is not None:
        return existing
    at = at or timezone.now()
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                session=session,
                representative=representative,
                checked_in_at=at,
                checked_in_by=actor,
                method=method,
            )
            audit.record(
                actor,
                "training.checked_in",
                attendance,
                after={
                    "representative": representative.pk,
                    "session": session.pk,
                    "method": AttendanceMethod(method).value,
                    "checked_in_at": at.isoformat(),
                },
                summary=representative.full_name,
            )
    except IntegrityError:
        # Two tablets checked the same person in at once: the other one won.
        return Attendance.objects.get(session=session, representative=representative)
    return attendance


def undo_check_in(attendance: Attendance, actor) -> None:
    """Take back a check-in made by mistake."""
    check_secretariat(actor)
    with transaction.atomic():
        representative = attendance.representative
        audit.record(
            actor,
            "training.check_in_undone",
            attendance,
            before={
                "representative": representative.pk,
                "session": attendance.session_id,
                "checked_in_at": attendance.checked_in_at.isoformat(),
            },
            summary=representative.full_name,
        )
        attendance.delete()


def record_waiver(registration: Registration, actor, reason: str) -> TrainingWaiver:
    """The secretariat lets this area submit without two trained representatives; the
    reason is required and kept."""
    check_secretariat(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write the reason for the waiver.")}, code="reason")
    if TrainingWaiver.objects.filter(registration=registration).exists():
        raise ValidationError(
            _("A training waiver is already recorded for this area."), code="exists"
        )
    with transaction.atomic():
        waiver = TrainingWaiver.objects.create(
            registration=registration, reason=reason, recorded_by=actor
        )
        audit.record(
            actor,
            "training.waiver_recorded",
            registration,
            after={"waiver": waiver.pk, "reason": reason},
            summary=reason,
        )
    return waiver


def attended_count(registration: Registration) -> int:
    """How many of the area's representatives attended at least one session."""
    return (
        Representative.objects.filter(registration=registration, attendances__isnull=False)
        .distinct()
        .count()
    )


@dataclass(frozen=True)
class TrainingStatus:
    attended: int
    required: int
    waiver: TrainingWaiver | None

    @property
    def satisfied(self) -> bool:
        return self.waiver is not None or self.attended >= self.required


def training_status(registration: Registration) -> TrainingStatus:
    return TrainingStatus(
        attended=attended_count(registration),
        required=registration.edition.representatives_required,
        waiver=TrainingWaiver.objects.filter(registration=registration).first(),
    )


def training_problem(application: Application):
    """What keeps the application from being submitted for lack of training: fewer
    representatives of its own area attended than the edition requires and no waiver; ``None``
    when the gate is passed. Registered as a submission gate by ``EventsConfig.ready``."""
    status = training_status(application.registration)
    if status.satisfied:
        return None
    return Problem(
        code="training",
        message=_(
            "%(required)s representatives of the area must attend the learning-city-manager "
            "training; %(attended)s attended so far."
        )
        % {"required": status.required, "attended": status.attended},
        url=reverse("events:registration", kwargs={"pk": application.registration_id}),
    )


def areas_training(edition: Edition) -> QuerySet[Registration]:
    """The edition's live registrations with how many representatives attended and whether a
    waiver is recorded, for the secretariat's overview."""
    return (
        Registration.objects.filter(edition=edition, status__in=EXPECTED_STATUSES)
        .select_related("local_government__province", "category", "training_waiver")
        .annotate(
            attended=Count(
                "representatives",
                filter=Q(representatives__attendances__isnull=False),
                distinct=True,
            ),
            has_waiver=Exists(TrainingWaiver.objects.filter(registration=OuterRef("pk"))),
        )
        .order_by("local_government__name_th", "pk")
    )


def record_demo_training(registration: Registration, actor, at: dt.datetime) -> None:
    """Check in every representative of ``registration`` at the edition's first training
    session (made if there is none) — for demos and benchmarks that submit applications."""
    edition = registration.edition
    session = edition.training_sessions.order_by("starts_at", "pk").first()
    if session is None:
        phase = edition.phases.filter(kind=PhaseKind.TRAINING).first()
        starts_at = phase.starts_at if phase else at - dt.timedelta(days=1)
        session = create_session(
            edition,
            actor,
            title=_("Learning-city manager training"),
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=7),
            place="TK Park",
        )
    for representative in registration.representatives.select_related("registration"):
        check_in(session, representative, actor, method=AttendanceMethod.CSV, at=session.starts_at)
