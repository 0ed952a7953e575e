"""Choosing the areas a notice goes to: registrations of an edition, filtered."""

from django.db.models import Q, QuerySet

from learningcity.applications.enums import ApplicationStatus
from learningcity.applications.models import Registration

from .enums import Completeness


def registrations(
    edition,
    *,
    category=None,
    province=None,
    status: str = "",
    completeness: str = "",
) -> QuerySet[Registration]:
    """The edition's registrations matching every filter given (an empty filter matches all)."""
    queryset = Registration.objects.filter(edition=edition).select_related(
        "edition",
        "organisation",
        "category",
        "local_government__province",
        "application",
    )
    if category is not None:
        queryset = queryset.filter(category=category)
    if province is not None:
        queryset = queryset.filter(local_government__province=province)
    if status:
        queryset = queryset.filter(status=status)
    submitted = Q(application__status=ApplicationStatus.SUBMITTED)
    if completeness == Completeness.SUBMITTED:
        queryset = queryset.filter(submitted)
    elif completeness == Completeness.INCOMPLETE:
        queryset = queryset.exclude(submitted)
    return queryset.order_by("local_government__province__name_th", "local_government__name_th")
