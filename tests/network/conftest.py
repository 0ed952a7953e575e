from decimal import Decimal

from django.utils import timezone

from learningcity.applications.models import LearningPlace
from learningcity.editions.enums import AnswerSection
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.services import give_consent
from tests.applications.factories import RegistrationFactory, started_application
from tests.factories import LocalGovernmentFactory, UserFactory


def listed_area(*, consent=True, category="YOUTH", places=1, lat="18.790000", **lg_fields):
    """A submitted application of an area, with ``places`` located learning places, that
    agreed (or not) to be listed in the network."""
    local_government = LocalGovernmentFactory(lat=Decimal("18.8"), lon=Decimal("99.0"), **lg_fields)
    registration = RegistrationFactory(local_government=local_government)
    registration.category = registration.edition.categories.get(code=category)
    registration.save(update_fields=["category"])
    application = started_application(registration)
    answer = application.answers.get(criterion__section=AnswerSection.LEARNING_PLACES)
    for n in range(places):
        LearningPlace.objects.create(
            answer=answer,
            order=n,
            name=f"ห้องสมุดตำบล {n}",
            place_type="ห้องสมุด",
            address="หมู่ 3",
            latitude=Decimal(lat),
            longitude=Decimal("98.980000"),
            serves="เด็กและเยาวชน",
        )
    type(application).objects.filter(pk=application.pk).update(submitted_at=timezone.now())
    application.refresh_from_db()
    if consent:
        give_consent(application, ConsentPurpose.NETWORK_LISTING, user=UserFactory())
    return application
