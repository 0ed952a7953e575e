"""The results demo: a past edition 97, judged, decided, published, with a showcase."""

import pytest
from django.test import Client

from learningcity.demo.builder import DEMO_PASSWORD
from learningcity.privacy.models import Consent
from learningcity.results import demo
from learningcity.results.enums import AwardLevel, DecisionStatus
from learningcity.results.models import Certificate, Decision
from tests.factories import LocalGovernmentFactory, UserFactory
from tests.judging.test_demo import Context

pytestmark = pytest.mark.django_db


def test_results_demo_builds_published_edition_idempotently(edition):
    people = [UserFactory(email=f"judge{n}@demo.example", role="judge") for n in (1, 2, 3)]
    for _ in range(demo.APPLICATIONS):
        LocalGovernmentFactory()
    context = Context(edition, people, UserFactory(role="secretariat"))
    demo.build(context)
    decisions = Decision.objects.filter(edition__number=demo.RESULTS_EDITION_NUMBER)
    assert [d.status for d in decisions] == [DecisionStatus.PUBLISHED] * 2
    assert Certificate.objects.filter(decision__in=decisions).count() == demo.APPLICATIONS
    levels = sorted(Certificate.objects.values_list("level", flat=True))
    assert levels.count(AwardLevel.WINNER) == 2
    assert levels.count(AwardLevel.PARTICIPANT) == 2
    assert Consent.objects.filter(purpose="publish_photos", withdrawn_at__isnull=True).count() == 2
    winner = decisions[0].placings.get(level=AwardLevel.WINNER).application
    client = Client()
    assert client.get(f"/results/{demo.RESULTS_EDITION_NUMBER}/").status_code == 200
    showcase = client.get(f"/results/{demo.RESULTS_EDITION_NUMBER}/showcase/{winner.reference}/")
    assert showcase.status_code == 200
    assert "<circle" in showcase.content.decode()
    coordinator = winner.registration.created_by
    assert coordinator.check_password(DEMO_PASSWORD)
    demo.build(context)
    assert Certificate.objects.count() == demo.APPLICATIONS
