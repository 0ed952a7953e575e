"""The demo's submitted applications and the judging demo: real services, idempotent."""

import pytest
from django.utils import timezone

from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Application
from learningcity.attachments.models import Attachment
from learningcity.demo.submitted import ensure_submitted_applications, photo_jpeg
from learningcity.editions.enums import PhaseKind
from learningcity.editions.services import phase_is_open
from learningcity.judging import demo
from learningcity.judging.enums import ReviewStatus
from learningcity.judging.models import Assignment, Judge, Review
from tests.factories import LocalGovernmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_photo_is_full_hd_jpeg():
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(photo_jpeg())) as image:
        assert (image.format, image.size) == ("JPEG", (1920, 1080))


def test_submitted_applications_are_complete_and_idempotent(edition):
    from tests.judging.conftest import open_judging_now

    open_judging_now(edition)
    secretariat = UserFactory(role="secretariat")
    areas = [LocalGovernmentFactory() for _ in range(3)]
    made = ensure_submitted_applications(edition, areas, secretariat, 2)
    assert [a.status for a in made] == [ApplicationStatus.SUBMITTED] * 2
    assert {a.registration.category.code for a in made} == {"YOUTH", "EQUITY"}
    assert all(a.reference for a in made)
    photos = Attachment.objects.filter(application=made[0], kind="photos")
    assert photos.count() == edition.documents.get(kind="photos").min_count
    assert all(p.caption for p in photos)
    again = ensure_submitted_applications(edition, areas, secretariat, 2)
    assert [a.pk for a in again] == [a.pk for a in made]
    assert Application.objects.count() == 2


class Context:
    def __init__(self, source, people, secretariat):
        self.source, self.people, self.secretariat = source, people, secretariat
        self.summary = []

    def person(self, prefix):
        return next(u for u in self.people if u.email.startswith(prefix + "@"))


def test_judging_demo_builds_open_edition_with_work_to_do(edition):
    people = [UserFactory(email=f"judge{n}@demo.example", role="judge") for n in (1, 2, 3)]
    [LocalGovernmentFactory() for _ in range(6)]
    context = Context(edition, people, UserFactory(role="secretariat"))
    demo.build(context)
    demo.build(context)  # idempotent
    practice = Judge.objects.get(user=people[0]).edition
    assert practice.number == demo.JUDGING_EDITION_NUMBER
    assert phase_is_open(practice, PhaseKind.JUDGING, timezone.now())
    assert Judge.objects.get(user=people[0]).is_chair
    assert (
        Application.objects.filter(
            registration__edition=practice, status=ApplicationStatus.SUBMITTED
        ).count()
        == 6
    )
    assert Assignment.objects.filter(judge__edition=practice).count() == 15
    statuses = set(Review.objects.values_list("status", flat=True))
    assert statuses == {ReviewStatus.DRAFT, ReviewStatus.SUBMITTED}
    assert Review.objects.filter(status=ReviewStatus.SUBMITTED).count() == 6
