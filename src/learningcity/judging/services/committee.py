"""The committee of an edition: naming judges and the chair, and declaring conflicts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.accounts.enums import Role
from learningcity.accounts.models import User
from learningcity.accounts.rules import is_secretariat
from learningcity.audit.services import record
from learningcity.editions.models import Edition

from ..models import Assignment, Conflict, Judge
from .conflicts import is_conflicted


@transaction.atomic
def name_judge(edition: Edition, email: str, actor, *, is_chair: bool = False) -> Judge:
    """The secretariat names an existing judge account to the edition's committee, once."""
    if not is_secretariat(actor):
        raise PermissionDenied
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(_("No account has the e-mail address %(email)s.") % {"email": email})
    if user.role != Role.JUDGE:
        raise ValidationError(
            _("The account %(email)s is not a judge's account.") % {"email": user.email}
        )
    judge, created = Judge.objects.get_or_create(edition=edition, user=user)
    if created:
        record(actor, "judging.judge_named", judge, after={"user": user.pk}, summary=str(user))
    if is_chair:
        judge = set_chair(judge, actor)
    return judge


@transaction.atomic
def set_chair(judge: Judge, actor) -> Judge:
    """The secretariat makes one judge the chair of the edition's committee (only one)."""
    if not is_secretariat(actor):
        raise PermissionDenied
    before = Judge.objects.filter(edition_id=judge.edition_id, is_chair=True).first()
    if before is not None and before.pk == judge.pk:
        return judge
    Judge.objects.filter(edition_id=judge.edition_id, is_chair=True).update(is_chair=False)
    Judge.objects.filter(pk=judge.pk).update(is_chair=True)
    judge.is_chair = True
    record(
        actor,
        "judging.chair_set",
        judge,
        before={"chair": before.pk if before else None},
        after={"chair": judge.pk},
        summary=str(judge),
    )
    return judge


@transaction.atomic
def declare_conflict(
    judge: Judge,
    actor,
    *,
    reason: str,
    organisation=None,
    local_government=None,
    province=None,
) -> Conflict:
    """A judge (or the secretariat for them) declares a conflict with exactly one organisation,
    local government or province; drafts not yet scored that it touches are withdrawn."""
    if actor.pk != judge.user_id and not is_secretariat(actor):
        raise PermissionDenied
    chosen = [o for o in (organisation, local_government, province) if o is not None]
    if len(chosen) != 1:
        raise ValidationError(_("Choose exactly one organisation, local government or province."))
    if not reason.strip():
        raise ValidationError(_("Give the reason of the conflict of interest."))
    conflict = Conflict.objects.create(
        judge=judge,
        organisation=organisation,
        local_government=local_government,
        province=province,
        declared_by=actor,
        reason=reason.strip(),
    )
    record(
        actor,
        "judging.conflict_declared",
        conflict,
        after={"judge": judge.pk, "object": str(chosen[0])},
        summary=str(conflict),
    )
    withdrawn = [
        a
        for a in Assignment.objects.filter(judge=judge, review__scores__isnull=True)
        .select_related("application__registration__local_government", "review")
        .distinct()
        if is_conflicted(judge, a.application)
    ]
    for assignment in withdrawn:
        # Nothing was scored, so none of the judge's work is lost.
        record(
            actor,
            "judging.unassigned",
            assignment,
            before={"judge": judge.pk, "application": assignment.application_id},
            summary=_("conflict of interest"),
        )
        assignment.review.delete()
        assignment.delete()
    return conflict
