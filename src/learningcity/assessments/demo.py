"""Demo self-assessments: the questionnaire loaded, areas of the past edition assessed (so the
network's links and the readiness page have data), and a demo organisation with two
assessments that show progress."""

from django.utils.translation import gettext as _

from learningcity.editions.models import Edition

from . import services
from .loading import load_questionnaire_file
from .models import Assessment

PAST_EDITION_NUMBER = 97
# Level per part (1–9) for each assessed area of the past edition, in turn.
PROFILES = [
    [4, 3, 2, 4, 3, 4, 4, 3, 4],
    [3, 4, 3, 2, 3, 3, 3, 4, 3],
    [2, 2, 4, 3, 2, 3, 2, 2, 3],
    [4, 4, 3, 3, 4, 4, 4, 4, 4],
]


def _assess(questionnaire, levels, **owner) -> Assessment:
    assessment = services.start_assessment(questionnaire, **owner)
    for dimension, level in zip(questionnaire.dimensions.all(), levels, strict=True):
        services.save_answers(
            assessment, dimension, {q.pk: {"level": level} for q in dimension.questions.all()}
        )
    return services.complete_assessment(assessment)


def build(context) -> None:
    questionnaire = load_questionnaire_file()
    if Assessment.objects.filter(questionnaire=questionnaire).exists():
        return
    edition = Edition.objects.filter(number=PAST_EDITION_NUMBER).first()
    if edition is not None:
        registrations = edition.registrations.select_related("organisation").order_by(
            "local_government__dla_code"
        )
        for registration, levels in zip(registrations, PROFILES, strict=False):
            _assess(questionnaire, levels, organisation=registration.organisation)
    if context.organisations:
        organisation, _coordinator, _head = context.organisations[0]
        _assess(questionnaire, [1, 2, 1, 0, 2, 1, 2, 1, 1], organisation=organisation)
        _assess(questionnaire, [2, 3, 2, 1, 2, 2, 3, 2, 2], organisation=organisation)
    context.summary.append(_("Self-assessment: %(url)s") % {"url": "/self-assessment/"})
