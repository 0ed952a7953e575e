"""Conflicts of interest: a judge never scores an application of an organisation, an area or
a province they declared a conflict with."""

from learningcity.applications.models import Application

from ..models import Conflict, Judge


def _area_of(application: Application) -> tuple[int, int, int]:
    registration = application.registration
    return (
        registration.organisation_id,
        registration.local_government_id,
        registration.local_government.province_id,
    )


def _conflicts_with(conflicts: list[Conflict], area: tuple[int, int, int]) -> bool:
    organisation_id, local_government_id, province_id = area
    return any(
        c.organisation_id == organisation_id
        or c.local_government_id == local_government_id
        or c.province_id == province_id
        for c in conflicts
    )


def is_conflicted(judge: Judge, application: Application) -> bool:
    """A judge is conflicted when they declared the application's organisation, local
    government or province."""
    return _conflicts_with(list(judge.conflicts.all()), _area_of(application))


def touches(conflicts: list[Conflict], application: Application) -> bool:
    """Whether any of one judge's conflicts (already loaded) touches the application."""
    return _conflicts_with(conflicts, _area_of(application))
