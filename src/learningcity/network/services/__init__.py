"""The network's services: the directory (listed areas and places) and the magazine."""

from .directory import (
    FILTERS,
    Area,
    Participation,
    area,
    areas,
    filtered,
    listed_applications,
    listed_local_government_ids,
    places,
    public_results,
    version,
)

__all__ = [
    "FILTERS",
    "Area",
    "Participation",
    "area",
    "areas",
    "filtered",
    "listed_applications",
    "listed_local_government_ids",
    "places",
    "public_results",
    "version",
]
