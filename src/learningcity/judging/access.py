"""One access helper per object type for the judging pages; denial is 404, never 403."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from learningcity.editions.models import Edition

from .models import Judge, Review
from .services.conflicts import is_conflicted


def get_review_for(user, application_pk: int) -> Review:
    """The user's own review of application ``application_pk``, if assigned to them and not
    conflicted; else ``Http404``."""
    if not user.has_perm("judging.judge"):
        raise Http404
    review = (
        Review.objects.select_related(
            "assignment__judge__edition",
            "assignment__application__registration__local_government__province",
            "assignment__application__registration__organisation",
            "assignment__application__registration__category",
        )
        .filter(assignment__judge__user=user, assignment__application_id=application_pk)
        .first()
    )
    if review is None or is_conflicted(review.assignment.judge, review.assignment.application):
        raise Http404
    return review


def get_seat_for(user, edition_number: int) -> Judge:
    """The user's seat on the committee of edition ``edition_number``, else ``Http404``."""
    if not user.has_perm("judging.judge"):
        raise Http404
    return get_object_or_404(
        Judge.objects.select_related("edition"), user=user, edition__number=edition_number
    )


def get_edition_to_manage(user, number: int) -> Edition:
    """Edition ``number`` for the secretariat, else ``Http404``."""
    if not user.has_perm("judging.manage"):
        raise Http404
    return get_object_or_404(Edition, number=number)


def get_judge_to_manage(user, edition: Edition, pk: int) -> Judge:
    if not user.has_perm("judging.manage"):
        raise Http404
    return get_object_or_404(Judge.objects.select_related("user"), edition=edition, pk=pk)
