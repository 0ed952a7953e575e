"""The winners' showcase: public only when published, photos only with consent, the map."""

import hashlib
from decimal import Decimal

import pytest

from learningcity.applications.models import Answer, LearningPlace
from learningcity.attachments import storage
from learningcity.attachments.models import Attachment
from learningcity.demo.submitted import photo_jpeg
from learningcity.results import services
from learningcity.results.services.showcase import learning_place_map
from tests.factories import bangkok

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(edition, youth, scored, secretariat, chair):
    decision = services.decision_for(edition, youth)
    return services.record_decision(
        decision,
        winners=[scored["A"]],
        honourable=[scored["B"]],
        note="",
        actor=secretariat,
        chair_approved=True,
    )


@pytest.fixture
def photo(scored):
    """A stored photo of the winning application (written directly: it is submitted)."""
    content = photo_jpeg(0)
    storage.write_atomically("test/photo1.jpg", content)
    return Attachment.objects.create(
        application=scored["A"],
        kind="photos",
        slot=1,
        caption="เด็กอ่านหนังสือที่ห้องสมุด",
        display_name="photo1.jpg",
        stored_name="test/photo1.jpg",
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        content_type="image/jpeg",
        width=1920,
        height=1080,
    )


def _url(edition, application):
    return f"/results/{edition.number}/showcase/{application.reference}/"


def test_showcase_before_publication_is_404(client, edition, scored, recorded):
    assert client.get(_url(edition, scored["A"])).status_code == 404


def test_showcase_of_honourable_mention_is_404(client, edition, scored, recorded, secretariat):
    services.publish_decision(recorded, bangkok(2026, 9, 1), secretariat)
    assert client.get(_url(edition, scored["B"])).status_code == 404
    assert client.get(_url(edition, scored["A"])).status_code == 200


def test_showcase_shows_story_and_places(client, edition, scored, recorded, secretariat):
    application = scored["A"]
    answers = {
        c.number: Answer.objects.create(application=application, criterion=c)
        for c in edition.criteria.filter(number__in=[1, 3])
    }
    answers[1].narrative = "นายกฯ ประกาศให้การเรียนรู้ตลอดชีวิตเป็นวาระของเมือง"
    answers[1].save()
    LearningPlace.objects.create(
        answer=answers[3],
        name="ห้องสมุดตำบล",
        place_type="ห้องสมุด",
        serves="ทุกวัย",
        latitude=Decimal("18.790000"),
        longitude=Decimal("98.980000"),
    )
    services.publish_decision(recorded, bangkok(2026, 9, 1), secretariat)
    text = client.get(_url(edition, application)).content.decode()
    assert "นายกฯ ประกาศให้การเรียนรู้ตลอดชีวิตเป็นวาระของเมือง" in text
    assert "ห้องสมุดตำบล" in text
    assert "<svg" in text
    assert "<circle" in text


def test_photo_hidden_without_consent(client, edition, scored, recorded, secretariat, photo):
    services.publish_decision(recorded, bangkok(2026, 9, 1), secretariat)
    assert photo.caption not in client.get(_url(edition, scored["A"])).content.decode()
    assert client.get(f"/results/photos/{photo.pk}/").status_code == 404


def test_photo_public_with_consent_after_publication(
    client, edition, scored, recorded, secretariat, photo
):
    services.record_publication_consent(scored["A"], "นายกองค์การบริหารส่วนตำบล", secretariat)
    assert client.get(f"/results/photos/{photo.pk}/").status_code == 404  # not yet published
    services.publish_decision(recorded, bangkok(2026, 9, 1), secretariat)
    assert photo.caption in client.get(_url(edition, scored["A"])).content.decode()
    response = client.get(f"/results/photos/{photo.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert client.get(f"/results/photos/{photo.pk}/thumbnail/").status_code == 200


def test_photo_hidden_again_after_consent_withdrawn(
    client, edition, scored, recorded, secretariat, photo
):
    services.record_publication_consent(scored["A"], "นายก", secretariat)
    services.publish_decision(recorded, bangkok(2026, 9, 1), secretariat)
    services.withdraw_publication_consent(scored["A"], secretariat)
    assert client.get(f"/results/photos/{photo.pk}/").status_code == 404


def test_consent_recorded_with_who_and_when(scored, secretariat):
    consent = services.record_publication_consent(scored["A"], "  นายกฯ  ", secretariat)
    assert (consent.on_behalf_of, consent.given_by, consent.purpose) == (
        "นายกฯ",
        secretariat,
        "publish_photos",
    )
    assert consent.given_at is not None


def test_consent_by_applicant_denied(scored):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.record_publication_consent(
            scored["A"], "ใครก็ได้", scored["A"].registration.created_by
        )


def test_learning_place_map_projects_north_up():
    places = [
        LearningPlace(name="north", place_type="", latitude=Decimal("19"), longitude=Decimal("99")),
        LearningPlace(name="south", place_type="", latitude=Decimal("18"), longitude=Decimal("99")),
        LearningPlace(name="none", place_type=""),
    ]
    points = learning_place_map(places)
    assert [p.name for p in points] == ["north", "south"]
    assert [p.number for p in points] == [1, 2]
    assert points[0].y < points[1].y
    assert points[0].x == points[1].x == 320.0
