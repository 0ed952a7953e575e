from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    """The steps of every edition, in the order of the call."""

    REGISTRATION = "registration", _("Registration")
    TRAINING = "training", _("Learning-city manager training")
    SUBMISSION = "submission", _("Application submission")
    PRESENTATION = "presentation", _("Presentation to the committee")
    JUDGING = "judging", _("Scoring and decision")
    CEREMONY = "ceremony", _("Award ceremony")


class AnswerSection(models.TextChoices):
    """The structured part a criterion asks for, besides its narrative answer."""

    NARRATIVE = "narrative", _("Narrative only")
    INDICATORS = "indicators", _("Indicators of measured change")
    LEARNING_PLACES = "learning_places", _("Learning places")
    PARTNERS = "partners", _("Partners and resources")
    WORKING_GROUP = "working_group", _("Working group and meetings")
    CASE_STUDIES = "case_studies", _("Case studies")


class DocumentKind(models.TextChoices):
    MAP = "map", _("City map / learning-resource route map")
    PHOTOS = "photos", _("Photos with captions")
    PRESENTATION = "presentation", _("Presentation file")


class EditionStatus(models.TextChoices):
    """Whether the public sees an edition: a draft is the secretariat's alone."""

    DRAFT = "draft", _("Draft, not public")
    OPEN = "open", _("Open to the public")


# Every status change goes through secretariat.services.editions.set_edition_status, which
# checks this map. An open edition goes back to draft only while nobody has registered.
EDITION_TRANSITIONS: dict[EditionStatus, frozenset[EditionStatus]] = {
    EditionStatus.DRAFT: frozenset({EditionStatus.OPEN}),
    EditionStatus.OPEN: frozenset({EditionStatus.DRAFT}),
}
