"""Demo data for the secretariat's workspace: enough registered areas across the country for
the dashboard and its map to show something, a few waiting too long, and one winner's prizes.

Idempotent: areas are found by (edition, local government); statuses only move forward.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.accounts.enums import OrganisationKind
from learningcity.accounts.models import Organisation
from learningcity.applications.enums import RegistrationStatus
from learningcity.applications.models import Registration, Representative
from learningcity.events.services import record_demo_training
from learningcity.registry.models import LocalGovernment

from .enums import DeliveryStatus
from .models import PrizeDelivery
from .services.prizes import add_winner, set_delivery_status

AREAS = 60
# Every n-th status of the demo areas, in turn: most approved, some waiting, a few rejected.
STATUSES = [
    RegistrationStatus.APPROVED,
    RegistrationStatus.SUBMITTED,
    RegistrationStatus.APPROVED,
    RegistrationStatus.APPROVED,
    RegistrationStatus.REJECTED,
    RegistrationStatus.SUBMITTED,
]


def _areas(edition) -> list[LocalGovernment]:
    taken = Registration.objects.filter(edition=edition).values("local_government_id")
    candidates = list(
        LocalGovernment.objects.filter(lat__isnull=False, lon__isnull=False)
        .exclude(pk__in=taken)
        .order_by("dla_code")
        .values_list("pk", flat=True)
    )
    if not candidates:
        return []
    step = max(1, len(candidates) // AREAS)
    return list(LocalGovernment.objects.filter(pk__in=candidates[::step][:AREAS]))


@transaction.atomic
def build(context) -> None:
    edition = context.practice
    have = Registration.objects.filter(
        edition=edition, organisation__name__startswith="สาธิต "
    ).count()
    if have < AREAS:
        _add_areas(context, edition, AREAS - have)
    _prizes(context, edition)
    context.summary.append(
        _("Secretariat: %(count)s registered areas in the practice edition; dashboard at %(url)s")
        % {
            "count": Registration.objects.filter(edition=edition).count(),
            "url": f"/secretariat/?edition={edition.number}",
        }
    )


def _add_areas(context, edition, count: int) -> None:
    creator = context.organisations[0][1] if context.organisations else context.secretariat
    categories = list(edition.categories.order_by("order"))
    now = timezone.now()
    for index, area in enumerate(_areas(edition)[:count]):
        organisation, _created = Organisation.objects.get_or_create(
            name=f"สาธิต {area.full_name_th}",
            local_government=area,
            defaults={"kind": OrganisationKind.LOCAL_GOVERNMENT},
        )
        registration = Registration.objects.create(
            edition=edition,
            organisation=organisation,
            local_government=area,
            category=categories[index % len(categories)],
            population=4200 + (index * 937) % 21000,
            population_source="ทะเบียนราษฎร กรมการปกครอง",
            population_year_be=edition.year_be - 1,
            head_name=f"นายก{area.name_th}",
            head_position=f"นายก{area.full_name_th}",
            coordinator_name=f"ผู้ประสานงาน{area.name_th}",
            coordinator_phone="081-000-0000",
            coordinator_email=f"demo-area-{area.dla_code}@example.org",
            status=STATUSES[index % len(STATUSES)],
            created_by=creator,
            created_at=now - dt.timedelta(days=1 + index % 14, hours=index),
            updated_at=now,
        )
        Representative.objects.bulk_create(
            Representative(
                registration=registration,
                slot=slot,
                full_name=f"ตัวแทน{slot} {area.name_th}",
                position="นักวิชาการศึกษา",
                phone="080-000-0000",
                email=f"rep{slot}-{area.dla_code}@example.org",
            )
            for slot in (1, 2)
            if index % 7 != 3 or slot == 1  # a few areas named only one representative
        )
        if index % 3 == 0:  # a third of the areas already sent their people to the training
            record_demo_training(registration, context.secretariat, now)


def _prizes(context, edition) -> None:
    winners = list(
        Registration.objects.filter(
            edition=edition,
            status=RegistrationStatus.APPROVED,
            organisation__name__startswith="สาธิต ",
        ).order_by("category__order", "pk")
    )
    by_category = {}
    for registration in winners:
        by_category.setdefault(registration.category_id, registration)
    for registration in by_category.values():
        add_winner(registration, actor=context.secretariat)
    first = next(iter(by_category.values()), None)
    if first is None:
        return
    plaque = PrizeDelivery.objects.filter(registration=first, prize__order=1).first()
    if plaque is not None and plaque.status == DeliveryStatus.PENDING:
        set_delivery_status(
            plaque, DeliveryStatus.PREPARING, actor=context.secretariat, note="สั่งทำโล่แล้ว"
        )
