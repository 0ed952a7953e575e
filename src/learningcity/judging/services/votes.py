"""The committee's vote on ties that survive every other rule."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.accounts.rules import is_secretariat
from learningcity.applications.models import Application
from learningcity.audit.services import record

from ..models import TieBreakVote


@transaction.atomic
def record_tie_break_vote(application: Application, votes: int, rank_note: str, actor):
    """The secretariat records (or corrects) the committee's votes for a tied application."""
    if not is_secretariat(actor):
        raise PermissionDenied
    if votes < 0:
        raise ValidationError(_("Votes cannot be negative."))
    registration = application.registration
    vote, _created = TieBreakVote.objects.select_for_update().get_or_create(
        category_id=registration.category_id,
        application=application,
        defaults={
            "edition_id": registration.edition_id,
            "votes": votes,
            "rank_note": rank_note,
            "recorded_by": actor,
        },
    )
    before = {"votes": vote.votes}
    vote.votes, vote.rank_note, vote.recorded_by = votes, rank_note, actor
    vote.save()
    record(actor, "judging.tie_break_vote", vote, before=before, after={"votes": votes})
    return vote
