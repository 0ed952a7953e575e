"""Loading a self-assessment for a request: 404 for anyone who may not see it."""

from django.http import Http404

from .models import Assessment


def get_assessment_for(user, token: str, *, change: bool = False) -> Assessment:
    """The assessment behind ``token``: an anonymous one for whoever holds the link; an
    organisation's one for its members (and, to read, the secretariat)."""
    assessment = (
        Assessment.objects.select_related("questionnaire", "organisation", "local_government")
        .filter(token=token)
        .first()
    )
    if assessment is None:
        raise Http404
    if assessment.organisation_id is None:
        return assessment
    perm = "assessments.change_assessment" if change else "assessments.view_assessment"
    if not user.has_perm(perm, assessment):
        raise Http404
    return assessment
