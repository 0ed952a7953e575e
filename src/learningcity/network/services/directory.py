"""The public learning-city network: which areas are listed, and only with their consent.

Nothing about the directory is stored apart from the consent itself: every listing (page, map,
open data, API) is one query over the applications whose listing consent stands now, so a
withdrawn consent removes the area everywhere at once.
"""

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from pythainlp.util import collate

from learningcity.applications.models import Application, LearningPlace
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.models import Consent
from learningcity.privacy.services.consents import standing
from learningcity.registry.models import LocalGovernment
from learningcity.results.enums import AwardLevel, DecisionStatus
from learningcity.results.models import Placing

# What may be asked of a listing; the API refuses anything else.
FILTERS = ("province", "category", "sdg", "edition")


def listed_applications() -> QuerySet[Application]:
    """Submitted applications of published editions whose area agreed to be listed."""
    ids = [int(pk) for pk in standing(ConsentPurpose.NETWORK_LISTING, Application)]
    return Application.objects.filter(
        pk__in=ids, submitted_at__isnull=False, registration__edition__is_published=True
    )


def listed_local_government_ids() -> set[int]:
    """The local governments of the listed areas."""
    return set(listed_applications().values_list("registration__local_government_id", flat=True))


def filtered(applications: QuerySet[Application], filters: dict) -> QuerySet[Application]:
    """Narrow listed applications by the directory's filters (already validated)."""
    if filters.get("province"):
        applications = applications.filter(
            registration__local_government__province__code=filters["province"]
        )
    if filters.get("category"):
        applications = applications.filter(registration__category__code=filters["category"])
    if filters.get("edition"):
        applications = applications.filter(registration__edition__number=filters["edition"])
    if filters.get("sdg"):
        # Categories hold their SDGs as a JSON list of numbers; compared in Python because
        # JSON containment differs between SQLite and PostgreSQL.
        wanted = int(filters["sdg"])
        ids = [
            pk
            for pk, sdgs in applications.values_list("pk", "registration__category__sdgs")
            if wanted in [int(s) for s in (sdgs or [])]
        ]
        applications = applications.filter(pk__in=ids)
    return applications


@dataclass
class Participation:
    application_id: int
    reference: str
    edition_number: int
    edition_title: str
    year_be: int
    category_code: str
    category_name: str
    sdgs: list[int]
    result: str = ""  # an AwardLevel value once the results are public
    showcase: bool = False


@dataclass
class Area:
    local_government: LocalGovernment
    participations: list[Participation] = field(default_factory=list)
    places: int = 0

    @property
    def dla_code(self) -> str:
        return self.local_government.dla_code

    @property
    def province(self):
        return self.local_government.province


def public_results(application_ids, at=None) -> dict[int, str]:
    """The award level of each application whose category's results are public now."""
    at = at or timezone.now()
    return dict(
        Placing.objects.filter(
            application_id__in=list(application_ids),
            decision__status=DecisionStatus.PUBLISHED,
            decision__publish_at__lte=at,
        ).values_list("application_id", "level")
    )


def areas(filters: dict | None = None, *, dla_code: str | None = None) -> list[Area]:
    """The listed areas, one per local government, in Thai dictionary order (three queries)."""
    applications = filtered(listed_applications(), filters or {})
    if dla_code is not None:
        applications = applications.filter(registration__local_government__dla_code=dla_code)
    rows = list(
        applications.select_related(
            "registration__edition",
            "registration__category",
            "registration__local_government__province",
        ).annotate(
            place_count=Count(
                "answers__learningplace",
                filter=Q(answers__learningplace__latitude__isnull=False),
            )
        )
    )
    results = public_results(a.pk for a in rows)
    by_area: dict[int, Area] = OrderedDict()
    for application in sorted(rows, key=lambda a: -a.registration.edition.number):
        registration = application.registration
        area = by_area.setdefault(
            registration.local_government_id, Area(local_government=registration.local_government)
        )
        level = results.get(application.pk, "")
        area.participations.append(
            Participation(
                application_id=application.pk,
                reference=application.reference,
                edition_number=registration.edition.number,
                edition_title=registration.edition.title_th,
                year_be=registration.edition.year_be,
                category_code=registration.category.code,
                category_name=registration.category.name_th,
                sdgs=[int(s) for s in registration.category.sdgs or []],
                result=level,
                showcase=level == AwardLevel.WINNER,
            )
        )
        area.places += application.place_count
    order = {
        name: i
        for i, name in enumerate(collate(a.local_government.name_th for a in by_area.values()))
    }
    return sorted(by_area.values(), key=lambda a: order[a.local_government.name_th])


def area(dla_code: str) -> Area | None:
    """One listed area, or None when it is not (or no longer) listed."""
    found = areas(dla_code=dla_code)
    return found[0] if found else None


def places(filters: dict | None = None) -> QuerySet[LearningPlace]:
    """The learning places with coordinates of the listed areas (criterion 3's table)."""
    applications = filtered(listed_applications(), filters or {})
    return (
        LearningPlace.objects.filter(
            answer__application__in=applications,
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .select_related(
            "answer__application__registration__local_government__province",
            "answer__application__registration__edition",
        )
        .order_by("answer__application__registration__local_government__dla_code", "order", "pk")
    )


def version() -> str:
    """Changes whenever anything a listing shows may have changed: a key for caches and ETags."""
    consents = Consent.objects.filter(purpose=ConsentPurpose.NETWORK_LISTING).aggregate(
        n=Count("pk"), last=Max("pk"), withdrawn=Max("withdrawn_at")
    )
    applications = Application.objects.aggregate(updated=Max("updated_at"))
    placings = Placing.objects.filter(decision__status=DecisionStatus.PUBLISHED).aggregate(
        n=Count("pk"), publish=Max("decision__publish_at")
    )
    now_public = Placing.objects.filter(
        decision__status=DecisionStatus.PUBLISHED, decision__publish_at__lte=timezone.now()
    ).count()
    parts = [
        consents["n"],
        consents["last"],
        consents["withdrawn"],
        applications["updated"],
        placings["n"],
        placings["publish"],
        now_public,
    ]
    return "-".join(str(p.timestamp() if hasattr(p, "timestamp") else p) for p in parts)
