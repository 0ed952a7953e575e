"""How far the committee has got: reviews done and due per judge and per category, and the
reminders the secretariat sends to judges with reviews still due."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from learningcity.accounts.rules import is_secretariat
from learningcity.accounts.services import absolute_url
from learningcity.audit.services import record
from learningcity.editions.enums import PhaseKind
from learningcity.editions.models import Edition
from learningcity.mail import send_templated_email

from ..enums import ReviewStatus
from ..models import Assignment, Judge

SUBMITTED = Q(assignments__review__status=ReviewStatus.SUBMITTED)
STARTED = Q(
    assignments__review__status=ReviewStatus.DRAFT, assignments__review__scores__isnull=False
)


@dataclass(frozen=True)
class Progress:
    label: str
    due: int
    submitted: int
    started: int

    @property
    def not_started(self) -> int:
        return self.due - self.submitted - self.started

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.due) if self.due else 0


def judges_with_progress(edition: Edition):
    """The edition's judges, each annotated with due, submitted and started reviews."""
    return (
        Judge.objects.filter(edition=edition)
        .select_related("user")
        .annotate(
            due=Count("assignments", distinct=True),
            submitted=Count("assignments", filter=SUBMITTED, distinct=True),
            started=Count("assignments", filter=STARTED, distinct=True),
        )
        .order_by("-is_chair", "user__full_name", "pk")
    )


def progress_by_judge(edition: Edition) -> list[tuple[Judge, Progress]]:
    return [
        (j, Progress(j.user.full_name, j.due, j.submitted, j.started))
        for j in judges_with_progress(edition)
    ]


def progress_by_category(edition: Edition) -> list[Progress]:
    """Reviews due and done in each category of the edition, in two queries."""
    counts = {
        row["application__registration__category"]: row
        for row in Assignment.objects.filter(judge__edition=edition)
        .values("application__registration__category")
        .annotate(
            due=Count("pk", distinct=True),
            submitted=Count("pk", filter=Q(review__status=ReviewStatus.SUBMITTED), distinct=True),
            started=Count(
                "pk",
                filter=Q(review__status=ReviewStatus.DRAFT, review__scores__isnull=False),
                distinct=True,
            ),
        )
        .order_by()
    }
    result = []
    for category in edition.categories.order_by("order", "pk"):
        row = counts.get(category.pk, {"due": 0, "submitted": 0, "started": 0})
        result.append(Progress(category.name_th, row["due"], row["submitted"], row["started"]))
    return result


def send_reminders(edition: Edition, actor) -> list[Judge]:
    """The secretariat reminds, by e-mail in the background, every judge of the edition who
    still has reviews to submit; returns those judges."""
    if not is_secretariat(actor):
        raise PermissionDenied
    behind = [j for j in judges_with_progress(edition) if j.submitted < j.due]
    for judge in behind:
        remind_judge.enqueue(judge.pk)
        record(
            actor,
            "judging.reminder_sent",
            judge,
            after={"due": judge.due - judge.submitted},
            summary=str(judge),
        )
    return behind


@task
def remind_judge(judge_id: int) -> bool:
    """E-mail one judge the applications they still have to score, with the closing date."""
    judge = Judge.objects.select_related("user", "edition").get(pk=judge_id)
    pending = (
        Assignment.objects.filter(judge=judge)
        .exclude(review__status=ReviewStatus.SUBMITTED)
        .select_related("application__registration__local_government")
        .order_by("application__reference")
    )
    phase = judge.edition.phases.filter(kind=PhaseKind.JUDGING).first()
    return send_templated_email(
        "judging/email/reminder",
        {
            "judge": judge,
            "edition": judge.edition,
            "pending": list(pending),
            "closes_at": phase.ends_at if phase else None,
            "url": absolute_url(reverse("judging:home")),
            "now": timezone.now(),
        },
        [judge.user.email],
    )
