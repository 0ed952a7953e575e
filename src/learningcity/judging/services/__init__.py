"""Judging rules as plain functions: conflicts, assignment, scoring and review status."""

from .assignment import assign, auto_assign
from .conflicts import is_conflicted
from .reviews import may_see_others, save_score, set_review_status, submit_review
from .votes import record_tie_break_vote

__all__ = [
    "assign",
    "auto_assign",
    "is_conflicted",
    "may_see_others",
    "record_tie_break_vote",
    "save_score",
    "set_review_status",
    "submit_review",
]
