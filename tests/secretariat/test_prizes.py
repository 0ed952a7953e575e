from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from learningcity.applications.enums import RegistrationStatus
from learningcity.audit.models import AuditEntry
from learningcity.editions.models import Prize
from learningcity.secretariat.enums import DeliveryStatus
from learningcity.secretariat.models import PrizeDelivery
from learningcity.secretariat.services import prizes
from tests.factories import EditionFactory, log_in

from .helpers import registration_in, secretariat_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = EditionFactory()
    for order, title, amount in [
        (1, "โล่รางวัลพร้อมใบประกาศนียบัตร", None),
        (2, "ชุดสื่อเรียนรู้", None),
        (3, "งบดำเนินงาน", Decimal("30000")),
        (4, "โปรโมทผ่าน Online Magazine/Forum", None),
    ]:
        Prize.objects.create(edition=edition, order=order, title_th=title, amount_baht=amount)
    return edition


@pytest.fixture
def winner(edition):
    return registration_in(edition, status=RegistrationStatus.APPROVED)


def test_add_winner_creates_one_delivery_per_prize(edition, winner):
    created = prizes.add_winner(winner, actor=secretariat_user())
    assert [d.prize.order for d in created] == [1, 2, 3, 4]
    assert {d.status for d in created} == {DeliveryStatus.PENDING}
    assert AuditEntry.objects.filter(action="prize.winner_added").count() == 1


def test_add_winner_twice_changes_nothing(edition, winner):
    actor = secretariat_user()
    prizes.add_winner(winner, actor=actor)
    assert prizes.add_winner(winner, actor=actor) == []
    assert PrizeDelivery.objects.count() == 4
    assert AuditEntry.objects.filter(action="prize.winner_added").count() == 1


def test_add_winner_refuses_an_area_not_eligible(edition):
    registration = registration_in(edition)
    with pytest.raises(ValidationError):
        prizes.add_winner(registration, actor=secretariat_user())


def test_one_delivery_per_prize_per_area_in_the_database(edition, winner):
    prize = edition.prizes.first()
    PrizeDelivery.objects.create(registration=winner, prize=prize)
    with pytest.raises(IntegrityError):
        PrizeDelivery.objects.create(registration=winner, prize=prize)


@pytest.mark.parametrize(
    ("start", "to", "allowed"),
    [
        (DeliveryStatus.PENDING, DeliveryStatus.PREPARING, True),
        (DeliveryStatus.PENDING, DeliveryStatus.DELIVERED, False),
        (DeliveryStatus.PREPARING, DeliveryStatus.DELIVERED, True),
        (DeliveryStatus.PREPARING, DeliveryStatus.PENDING, True),
        (DeliveryStatus.DELIVERED, DeliveryStatus.PREPARING, True),
        (DeliveryStatus.DELIVERED, DeliveryStatus.PENDING, False),
    ],
)
def test_delivery_transitions(edition, winner, start, to, allowed):
    delivery = PrizeDelivery.objects.create(
        registration=winner, prize=edition.prizes.first(), status=start
    )
    actor = secretariat_user()
    if allowed:
        prizes.set_delivery_status(delivery, to, actor=actor, note="ส่งทางไปรษณีย์")
        delivery.refresh_from_db()
        assert delivery.status == to
        entry = AuditEntry.objects.get(action="prize.status_changed")
        assert (entry.before, entry.after) == ({"status": start.value}, {"status": to.value})
    else:
        with pytest.raises(ValidationError):
            prizes.set_delivery_status(delivery, to, actor=actor)
        delivery.refresh_from_db()
        assert delivery.status == start


def test_same_status_again_records_nothing(edition, winner):
    delivery = PrizeDelivery.objects.create(registration=winner, prize=edition.prizes.first())
    prizes.set_delivery_status(delivery, DeliveryStatus.PENDING, actor=secretariat_user())
    assert not AuditEntry.objects.filter(action="prize.status_changed").exists()


def test_prizes_page_shows_the_budget_in_figures_and_words(client, edition, winner):
    prizes.add_winner(winner, actor=secretariat_user())
    log_in(client, secretariat_user())
    response = client.get(reverse("secretariat:prizes"), {"edition": edition.number})
    body = response.content.decode()
    assert "30,000" in body
    assert "สามหมื่นบาทถ้วน" in body
    assert winner.local_government.full_name_th in body


def test_prizes_views_add_a_winner_and_move_a_delivery(client, edition, winner):
    log_in(client, secretariat_user())
    response = client.post(
        reverse("secretariat:add_winner"), {"edition": edition.number, "registration": winner.pk}
    )
    assert response.status_code == 302
    delivery = PrizeDelivery.objects.get(registration=winner, prize__order=3)
    client.post(
        reverse("secretariat:set_delivery", args=[delivery.pk]),
        {"status": DeliveryStatus.PREPARING, "note": "โอนเงินแล้ว"},
    )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.note) == (DeliveryStatus.PREPARING, "โอนเงินแล้ว")


def test_prizes_view_refuses_a_registration_of_another_edition(client, edition):
    other = registration_in(EditionFactory(), status=RegistrationStatus.APPROVED)
    log_in(client, secretariat_user())
    response = client.post(
        reverse("secretariat:add_winner"), {"edition": edition.number, "registration": other.pk}
    )
    assert response.status_code == 200
    assert response.context["add_form"].errors["registration"]
    assert not PrizeDelivery.objects.exists()


def _decide(edition, registration, status, level="winner"):
    from django.utils import timezone

    from learningcity.results.models import Decision, Placing
    from tests.judging.factories import JudgeFactory, SubmittedApplicationFactory

    application = SubmittedApplicationFactory(registration=registration)
    decision, _created = Decision.objects.get_or_create(
        edition=edition,
        category=registration.category,
        defaults={
            "status": status,
            "recorded_at": timezone.now(),
            "recorded_by": secretariat_user(),
            "chair": JudgeFactory(edition=edition),
        },
    )
    Placing.objects.create(decision=decision, application=application, level=level, place=1)


def test_decided_winners_come_from_recorded_decisions(edition, winner):
    _decide(edition, winner, "recorded")
    mention = registration_in(edition, status=RegistrationStatus.APPROVED)
    _decide(edition, mention, "recorded", level="honourable")
    assert prizes.decided_winners(edition) == [winner]
    assert prizes.sync_decided_winners(edition, actor=secretariat_user()) == 1
    assert PrizeDelivery.objects.filter(registration=winner).count() == 4
    assert not PrizeDelivery.objects.filter(registration=mention).exists()


def test_draft_decisions_name_no_winner(edition, winner):
    _decide(edition, winner, "draft")
    assert prizes.decided_winners(edition) == []
