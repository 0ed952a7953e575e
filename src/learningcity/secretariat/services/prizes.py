"""The prizes of winning areas: which areas won, and where each prize stands for each."""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration
from learningcity.audit import services as audit
from learningcity.editions.models import Edition, Prize

from ..enums import DELIVERY_TRANSITIONS, DeliveryStatus
from ..models import PrizeDelivery

logger = logging.getLogger(__name__)


def decided_winners(edition: Edition) -> list[Registration] | None:
    """The areas the committee named winners in a recorded or published decision, or None
    when the results app is not installed."""
    if not apps.is_installed("learningcity.results"):
        return None
    from learningcity.results.enums import LOCKING_STATUSES, AwardLevel

    return list(
        Registration.objects.filter(
            edition=edition,
            application__placings__level=AwardLevel.WINNER,
            application__placings__decision__status__in=LOCKING_STATUSES,
            application__placings__decision__edition=edition,
        )
        .select_related("local_government")
        .distinct()
        .order_by("category__order", "pk")
    )


@transaction.atomic
def add_winner(registration: Registration, *, actor) -> list[PrizeDelivery]:
    """Record an area as a winner of its category: one delivery per prize of the edition,
    each not started; adding it again changes nothing."""
    if registration.status != RegistrationStatus.APPROVED:
        raise ValidationError(
            _("Only an area whose registration is eligible can win a prize."), code="not_eligible"
        )
    created = []
    for prize in Prize.objects.filter(edition_id=registration.edition_id):
        delivery, is_new = PrizeDelivery.objects.get_or_create(
            registration=registration, prize=prize, defaults={"updated_by": actor}
        )
        if is_new:
            created.append(delivery)
    if created:
        audit.record(
            actor,
            "prize.winner_added",
            registration,
            after={"prizes": [d.prize_id for d in created]},
            summary=str(registration.local_government.full_name_th),
        )
    return created


def sync_decided_winners(edition: Edition, *, actor) -> int:
    """Add every winner the results app decided; the number of areas newly added."""
    added = 0
    for registration in decided_winners(edition) or []:
        if add_winner(registration, actor=actor):
            added += 1
    return added


def set_delivery_status(
    delivery: PrizeDelivery, to: DeliveryStatus, *, actor, note: str = ""
) -> PrizeDelivery:
    """Move one prize of one area to another status, only along the allowed transitions;
    asking for the status it already has changes nothing."""
    with transaction.atomic():
        current = PrizeDelivery.objects.select_for_update().get(pk=delivery.pk)
        before = DeliveryStatus(current.status)
        if before == to:
            delivery.status = current.status
            return delivery
        if to not in DELIVERY_TRANSITIONS[before]:
            raise ValidationError(
                _("A prize cannot go from “%(before)s” to “%(after)s”.")
                % {"before": before.label, "after": DeliveryStatus(to).label},
                code="transition",
            )
        current.status = to
        current.note = note.strip()[:300] or current.note
        current.updated_at = timezone.now()
        current.updated_by = actor
        current.save(update_fields=["status", "note", "updated_at", "updated_by"])
        audit.record(
            actor,
            "prize.status_changed",
            current,
            before={"status": before.value},
            after={"status": DeliveryStatus(to).value},
            summary=note,
        )
    delivery.status = current.status
    delivery.note = current.note
    delivery.updated_at = current.updated_at
    logger.info("Prize delivery %s: %s → %s", delivery.pk, before, to)
    return delivery


@dataclass
class WinnerRow:
    registration: Registration
    deliveries: list[PrizeDelivery]


def winner_rows(edition: Edition) -> list[WinnerRow]:
    """Every winning area of the edition with its deliveries in prize order (2 queries)."""
    deliveries = (
        PrizeDelivery.objects.filter(registration__edition=edition)
        .select_related(
            "prize", "registration__local_government__province", "registration__category"
        )
        .order_by(
            "registration__category__order",
            "registration__local_government__full_name_th",
            "prize__order",
        )
    )
    rows: dict[int, WinnerRow] = {}
    for delivery in deliveries:
        current = DeliveryStatus(delivery.status)
        delivery.choices = [
            (status.value, status.label)
            for status in DeliveryStatus
            if status == current or status in DELIVERY_TRANSITIONS[current]
        ]
        row = rows.setdefault(delivery.registration_id, WinnerRow(delivery.registration, []))
        row.deliveries.append(delivery)
    return list(rows.values())
