"""What every results rule works on: a category's decision, its applications and the level
each received, the edition's committee settings and its chair. The other results modules
import this one; it imports none of them."""

from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Application
from learningcity.editions.models import AwardCategory, Edition
from learningcity.judging.models import Judge

from ..enums import AwardLevel
from ..models import Decision

DEFAULT_AWARDS = 1
DEFAULT_HONOURABLE_MENTIONS = 0


def awards_per_category(edition: Edition) -> int:
    return int(edition.settings.get("awards_per_category", DEFAULT_AWARDS))


def honourable_mentions_per_category(edition: Edition) -> int:
    return int(
        edition.settings.get("honourable_mentions_per_category", DEFAULT_HONOURABLE_MENTIONS)
    )


def decision_for(edition: Edition, category: AwardCategory) -> Decision:
    """The category's decision, a draft until the committee records it."""
    decision, _created = Decision.objects.get_or_create(edition=edition, category=category)
    return decision


def chair_of(edition: Edition) -> Judge | None:
    return Judge.objects.filter(edition=edition, is_chair=True).select_related("user").first()


def category_applications(decision: Decision):
    """The submitted applications of the decision's category, by reference."""
    return (
        Application.objects.filter(
            status=ApplicationStatus.SUBMITTED,
            registration__edition=decision.edition,
            registration__category=decision.category,
        )
        .select_related("registration__local_government", "registration__organisation")
        .order_by("reference")
    )


def level_of(decision: Decision, application: Application) -> str:
    placing = next((p for p in decision.placings.all() if p.application_id == application.pk), None)
    return placing.level if placing else AwardLevel.PARTICIPANT
