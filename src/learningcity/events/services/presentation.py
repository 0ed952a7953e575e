"""Presentation day: time slots per category allocated automatically, adjusted by hand, and
the applicants' requests for another time."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.enums import Role
from learningcity.accounts.models import User
from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.applications.models import Registration
from learningcity.audit import services as audit
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import AwardCategory, Edition
from learningcity.mail import send_templated_email
from learningcity.thai.formatting import format_datetime

from ..enums import CHANGE_REQUEST_TRANSITIONS, ChangeRequestStatus
from ..models import PresentationSlot, SlotChangeRequest
from .training import check_secretariat

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


@dataclass(frozen=True)
class DayPlan:
    """How presentation day is cut into slots; read from ``edition.settings["presentation"]``."""

    day_starts: dt.time = dt.time(9, 0)
    slot_minutes: int = 20
    break_minutes: int = 15
    slots_between_breaks: int = 3
    meeting_url: str = ""


def day_plan(edition: Edition) -> DayPlan:
    """The edition's configured slot length, breaks and start of the day (defaults otherwise)."""
    config = (edition.settings or {}).get("presentation", {})
    plan = DayPlan()
    hour, minute = (int(p) for p in str(config.get("day_starts", "09:00")).split(":"))
    return DayPlan(
        day_starts=dt.time(hour, minute),
        slot_minutes=int(config.get("slot_minutes", plan.slot_minutes)),
        break_minutes=int(config.get("break_minutes", plan.break_minutes)),
        slots_between_breaks=int(config.get("slots_between_breaks", plan.slots_between_breaks)),
        meeting_url=str(config.get("meeting_url", "")),
    )


def presenting_registrations(edition: Edition, category: AwardCategory) -> list[Registration]:
    """The areas that present in a category: approved, with a submitted application, in the
    order of their reference numbers."""
    return list(
        Registration.objects.filter(
            edition=edition,
            category=category,
            status=RegistrationStatus.APPROVED,
            application__status=ApplicationStatus.SUBMITTED,
        )
        .select_related("local_government__province", "application")
        .order_by("application__reference", "pk")
    )


def _day_start(edition: Edition) -> dt.datetime:
    phase = edition.phases.filter(kind=PhaseKind.PRESENTATION).first()
    if phase is None:
        raise ValidationError(
            _("The edition has no presentation phase; add it to the edition first."),
            code="no_phase",
        )
    day = timezone.localtime(phase.starts_at, BANGKOK).date()
    return dt.datetime.combine(day, day_plan(edition).day_starts, tzinfo=BANGKOK)


def allocate_slots(
    edition: Edition, actor, *, meeting_url: str = "", replace: bool = False
) -> list[PresentationSlot]:
    """Give every presenting area a slot: the categories one after another in their order,
    consecutive slots of the configured length with a break after every few; the same data
    always gives the same running order. Existing slots are replaced only when asked."""
    check_secretariat(actor)
    plan = day_plan(edition)
    meeting_url = meeting_url or plan.meeting_url
    slot = dt.timedelta(minutes=plan.slot_minutes)
    pause = dt.timedelta(minutes=plan.break_minutes)
    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=edition.pk).first()
        existing = PresentationSlot.objects.filter(edition=edition)
        if existing.exists():
            if not replace:
                raise ValidationError(
                    _("Slots are already allocated; confirm that they should be replaced."),
                    code="exists",
                )
            existing.delete()
        at = _day_start(edition)
        made = []
        for category in edition.categories.order_by("order", "pk"):
            registrations = presenting_registrations(edition, category)
            for index, registration in enumerate(registrations):
                if index and index % plan.slots_between_breaks == 0:
                    at += pause
                made.append(
                    PresentationSlot(
                        edition=edition,
                        category=category,
                        starts_at=at,
                        ends_at=at + slot,
                        meeting_url=meeting_url,
                        registration=registration,
                    )
                )
                at += slot
            if registrations:
                at += pause  # between categories
        PresentationSlot.objects.bulk_create(made)
        audit.record(
            actor,
            "presentation.allocated",
            edition,
            after={"slots": len(made), "replaced": replace},
            summary=str(edition),
        )
    return made


def _same_category(first: PresentationSlot, second: PresentationSlot) -> None:
    if first.edition_id != second.edition_id or first.category_id != second.category_id:
        raise ValidationError(
            _("A slot can only be exchanged within the same category."), code="category"
        )


def _slot_audit(actor, action: str, slots: list[PresentationSlot], before: dict) -> None:
    for slot in slots:
        audit.record(
            actor,
            action,
            slot,
            before={"registration": before[slot.pk]},
            after={"registration": slot.registration_id},
            summary=str(slot),
        )


def swap_slots(first: PresentationSlot, second: PresentationSlot, actor) -> None:
    """Exchange the areas of two slots of one category."""
    check_secretariat(actor)
    _same_category(first, second)
    if first.pk == second.pk:
        return
    with transaction.atomic():
        first, second = (
            PresentationSlot.objects.select_for_update().get(pk=first.pk),
            PresentationSlot.objects.select_for_update().get(pk=second.pk),
        )
        before = {first.pk: first.registration_id, second.pk: second.registration_id}
        a, b = first.registration_id, second.registration_id
        # Emptied first: the one-slot-per-area constraint holds at every step.
        PresentationSlot.objects.filter(pk__in=[first.pk, second.pk]).update(registration=None)
        first.registration_id, second.registration_id = b, a
        first.save(update_fields=["registration"])
        second.save(update_fields=["registration"])
        _slot_audit(actor, "presentation.swapped", [first, second], before)


def move_to_slot(source: PresentationSlot, target: PresentationSlot, actor) -> None:
    """Move the area of ``source`` to the free slot ``target``."""
    check_secretariat(actor)
    _same_category(source, target)
    if target.registration_id is not None and target.pk != source.pk:
        raise ValidationError(
            _("That slot is taken; exchange the two slots instead."), code="taken"
        )
    swap_slots(source, target, actor)


def add_slot(edition: Edition, category: AwardCategory, starts_at: dt.datetime, actor):
    """A free slot of the configured length, for moving an area to a time outside the
    allocation."""
    check_secretariat(actor)
    plan = day_plan(edition)
    with transaction.atomic():
        slot = PresentationSlot.objects.create(
            edition=edition,
            category=category,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=plan.slot_minutes),
            meeting_url=plan.meeting_url,
        )
        audit.record(actor, "presentation.slot_added", slot, after={"starts_at": str(starts_at)})
    return slot


def slot_of(registration: Registration) -> PresentationSlot | None:
    return PresentationSlot.objects.filter(registration=registration).first()


# Change requests --------------------------------------------------------------------------


def _secretariat_emails() -> list[str]:
    return list(
        User.objects.filter(role=Role.SECRETARIAT, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _email_context(change: SlotChangeRequest, slot: PresentationSlot | None) -> dict:
    site = settings.SITE_URL.rstrip("/")
    return {
        "change": change,
        "registration": change.registration,
        "slot": slot,
        "slot_time": format_datetime(slot.starts_at) if slot else "",
        "page_url": site + reverse("events:registration", kwargs={"pk": change.registration_id}),
        "review_url": site
        + reverse(
            "events:presentation", kwargs={"edition_number": change.registration.edition.number}
        ),
        "site_url": site,
    }


def request_change(registration: Registration, user, reason: str) -> SlotChangeRequest:
    """An applicant asks for another time for the area's presentation, with a reason; one
    request at a time."""
    if not user.has_perm("applications.change_registration", registration):
        raise ValidationError(
            _("Only members of the applying organisation may ask for a change."), code="member"
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write why you need another time.")}, code="reason")
    slot = slot_of(registration)
    if slot is None:
        raise ValidationError(_("The area has no presentation slot yet."), code="no_slot")
    if SlotChangeRequest.objects.filter(
        registration=registration, status=ChangeRequestStatus.PENDING
    ).exists():
        raise ValidationError(
            _("A request is already awaiting the secretariat's answer."), code="pending"
        )
    with transaction.atomic():
        change = SlotChangeRequest.objects.create(
            registration=registration, slot=slot, reason=reason, requested_by=user
        )
        audit.record(
            user,
            "presentation.change_requested",
            change,
            after={"slot": slot.pk, "reason": reason},
            summary=reason,
        )
        context = _email_context(change, slot)
        transaction.on_commit(
            lambda: send_templated_email(
                "events/email/change_requested", context, _secretariat_emails()
            )
        )
    return change


def decide_change_request(
    change: SlotChangeRequest,
    to: ChangeRequestStatus,
    actor,
    *,
    note: str = "",
    target: PresentationSlot | None = None,
) -> SlotChangeRequest:
    """The secretariat approves a request (moving the area to ``target``, exchanging with
    whoever is there) or declines it; the coordinator is told either way."""
    check_secretariat(actor)
    with transaction.atomic():
        current = (
            SlotChangeRequest.objects.select_for_update()
            .select_related("registration__edition")
            .get(pk=change.pk)
        )
        before = ChangeRequestStatus(current.status)
        if to not in CHANGE_REQUEST_TRANSITIONS[before]:
            raise ValidationError(
                _("A request cannot go from “%(before)s” to “%(after)s”.")
                % {"before": before.label, "after": ChangeRequestStatus(to).label},
                code="transition",
            )
        if to == ChangeRequestStatus.APPROVED:
            source = slot_of(current.registration)
            if target is None or source is None:
                raise ValidationError({"target": _("Choose the new slot.")}, code="target")
            swap_slots(source, target, actor)
        elif not note.strip():
            raise ValidationError({"note": _("Write why the request is declined.")}, code="note")
        current.status = to
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.decision_note = note.strip()
        current.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        audit.record(
            actor,
            "presentation.change_decided",
            current,
            before={"status": before.value},
            after={
                "status": ChangeRequestStatus(to).value,
                "target": target.pk if target else None,
            },
            summary=current.decision_note,
        )
        context = _email_context(current, slot_of(current.registration))
        recipient = [current.registration.coordinator_email]
        transaction.on_commit(
            lambda: send_templated_email("events/email/change_decided", context, recipient)
        )
    change.refresh_from_db()
    return change


def running_order(edition: Edition):
    """The slots of the day, by category then time, with each area's details."""
    return (
        PresentationSlot.objects.filter(edition=edition)
        .select_related(
            "category",
            "registration__local_government__province",
            "registration__application",
            "registration__organisation",
        )
        .order_by("category__order", "category_id", "starts_at", "pk")
    )
