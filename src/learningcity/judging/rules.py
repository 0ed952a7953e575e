"""Who may do what in judging (django-rules, autodiscovered); denial answers 404 in views."""

import rules

from learningcity.accounts.rules import is_secretariat


@rules.predicate
def is_review_judge(user, review) -> bool:
    """The judge the review's application was assigned to."""
    if not user.is_authenticated or review is None:
        return False
    return review.assignment.judge.user_id == user.pk


rules.add_perm("judging.change_review", is_review_judge)
rules.add_perm("judging.view_review", is_review_judge | is_secretariat)
