"""Who may do what in judging (django-rules, autodiscovered); denial answers 404 in views."""

import rules

from learningcity.accounts.rules import is_judge, is_secretariat


@rules.predicate
def is_review_judge(user, review) -> bool:
    """The judge the review's application was assigned to."""
    if not user.is_authenticated or review is None:
        return False
    return review.assignment.judge.user_id == user.pk


@rules.predicate
def judges_application(user, application) -> bool:
    """A judge assigned to the application who has no conflict of interest with it."""
    if not user.is_authenticated or application is None:
        return False
    # Imported here: the services import this module.
    from .models import Judge
    from .services.conflicts import is_conflicted

    judge = Judge.objects.filter(user=user, assignments__application=application).first()
    return judge is not None and not is_conflicted(judge, application)


@rules.predicate
def sits_on_a_committee(user) -> bool:
    """A judge named to the committee of at least one edition."""
    return user.is_authenticated and user.judge_seats.exists()


rules.add_perm("judging.change_review", is_review_judge)
rules.add_perm("judging.view_review", is_review_judge | is_secretariat)
rules.add_perm("judging.view_application", judges_application)
rules.add_perm("judging.judge", is_judge & sits_on_a_committee)
rules.add_perm("judging.manage", is_secretariat)
