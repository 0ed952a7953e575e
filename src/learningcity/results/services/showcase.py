"""The winners' showcase: a public page per winning area with its story, the photos it agreed
to publish and its learning places on a map; and the consent that allows the photos."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.applications.models import Application, CaseStudy, LearningPlace
from learningcity.attachments.models import Attachment
from learningcity.editions.enums import DocumentKind
from learningcity.editions.models import Edition
from learningcity.privacy import services as privacy
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.models import Consent

from ..enums import AwardLevel, DecisionStatus
from ..models import Placing

MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 640, 420, 40


def public_winner(edition: Edition, reference: str, at: dt.datetime | None = None) -> Placing:
    """The winning placing of this application in a decision that is public now, or 404's
    None."""
    at = at or timezone.now()
    return (
        Placing.objects.filter(
            level=AwardLevel.WINNER,
            application__reference=reference,
            decision__edition=edition,
            decision__status=DecisionStatus.PUBLISHED,
            decision__publish_at__lte=at,
        )
        .select_related(
            "decision__category", "application__registration__local_government__province"
        )
        .first()
    )


def has_photo_consent(application: Application) -> bool:
    return privacy.has_consent(application, ConsentPurpose.PUBLISH_PHOTOS)


def public_photos(application: Application) -> list[Attachment]:
    """The application's photos, only when the area agreed to their publication."""
    if not has_photo_consent(application):
        return []
    return list(application.attachments.filter(kind=DocumentKind.PHOTOS).order_by("slot"))


def public_photo(pk: int, at: dt.datetime | None = None) -> Attachment | None:
    """A photo the public may see: of a winner whose decision is public, with consent."""
    at = at or timezone.now()
    attachment = (
        Attachment.objects.filter(pk=pk, kind=DocumentKind.PHOTOS)
        .select_related("application")
        .first()
    )
    if attachment is None:
        return None
    shown = Placing.objects.filter(
        application=attachment.application_id,
        level=AwardLevel.WINNER,
        decision__status=DecisionStatus.PUBLISHED,
        decision__publish_at__lte=at,
    ).exists()
    if not shown or not has_photo_consent(attachment.application):
        return None
    return attachment


@dataclass
class MapPoint:
    number: int
    name: str
    place_type: str
    x: float
    y: float


def learning_place_map(places: list[LearningPlace]) -> list[MapPoint]:
    """Learning places with coordinates, projected into an SVG box (equirectangular around
    their centre; one place sits in the middle)."""
    numbered = {id(p): n for n, p in enumerate(places, start=1)}
    located = [p for p in places if p.latitude is not None and p.longitude is not None]
    if not located:
        return []
    lats = [float(p.latitude) for p in located]
    lons = [float(p.longitude) for p in located]
    span = max(max(lats) - min(lats), max(lons) - min(lons), 0.01)
    inner_w, inner_h = MAP_WIDTH - 2 * MAP_MARGIN, MAP_HEIGHT - 2 * MAP_MARGIN
    scale = min(inner_w, inner_h) / span
    centre_lat, centre_lon = (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2
    return [
        MapPoint(
            number=numbered[id(p)],
            name=p.name,
            place_type=p.place_type,
            x=round(MAP_WIDTH / 2 + (float(p.longitude) - centre_lon) * scale, 1),
            y=round(MAP_HEIGHT / 2 - (float(p.latitude) - centre_lat) * scale, 1),
        )
        for p in located
    ]


def showcase(placing: Placing) -> dict:
    """Everything the showcase page shows of a winning application."""
    application = placing.application
    answers = list(application.answers.select_related("criterion").order_by("criterion__number"))
    places = list(
        LearningPlace.objects.filter(answer__application=application).order_by("order", "pk")
    )
    stories = list(
        CaseStudy.objects.filter(answer__application=application, consent_to_publish=True)
    )
    return {
        "placing": placing,
        "application": application,
        "registration": application.registration,
        "answers": [a for a in answers if a.narrative.strip()],
        "places": places,
        "points": learning_place_map(places),
        "map_size": (MAP_WIDTH, MAP_HEIGHT),
        "stories": stories,
        "photos": public_photos(application),
    }


def photo_consents(applications) -> dict[int, Consent]:
    """The standing photo consent of each application that has one, by application id."""
    return {
        int(c.subject_id): c
        for c in Consent.objects.filter(
            subject_type=Application._meta.label_lower,
            subject_id__in=[str(a) for a in applications],
            purpose=ConsentPurpose.PUBLISH_PHOTOS,
            withdrawn_at__isnull=True,
        ).select_related("given_by")
    }


@transaction.atomic
def record_publication_consent(application: Application, given_by: str, actor) -> Consent:
    """The secretariat records who in the area agreed that its photos may be published
    (one consent model for every purpose: ``privacy.Consent``)."""
    if not actor.has_perm("results.manage_edition", application.registration.edition):
        raise PermissionDenied
    if not given_by.strip():
        raise ValidationError(_("Name the person who gave the consent."))
    return privacy.give_consent(
        application, ConsentPurpose.PUBLISH_PHOTOS, user=actor, on_behalf_of=given_by
    )


@transaction.atomic
def withdraw_publication_consent(application: Application, actor) -> None:
    if not actor.has_perm("results.manage_edition", application.registration.edition):
        raise PermissionDenied
    privacy.withdraw_consent(application, ConsentPurpose.PUBLISH_PHOTOS, user=actor)
