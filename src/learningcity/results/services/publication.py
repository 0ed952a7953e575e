"""Publishing results: each applicant's own feedback and the e-mail that carries it."""

from django.conf import settings
from django.db import transaction
from django.db.models import Avg
from django.tasks import default_task_backend, task
from django.urls import reverse
from django.utils import timezone

from learningcity.applications.models import Application
from learningcity.judging.enums import ReviewStatus
from learningcity.judging.models import Review, Score
from learningcity.mail import send_templated_email
from learningcity.thai.formatting import format_date

from ..enums import AwardLevel
from ..models import Decision
from .category import category_applications, level_of


def feedback_allowed(decision: Decision) -> bool:
    return bool(decision.edition.settings.get("feedback_to_applicants", False))


def application_feedback(application: Application, *, with_comments: bool) -> dict:
    """An application's mean points per criterion over its submitted reviews, and, when asked,
    the committee's comments without the judges' names."""
    criteria = list(application.registration.edition.criteria.order_by("number"))
    scores = Score.objects.filter(
        review__assignment__application=application, review__status=ReviewStatus.SUBMITTED
    )
    means = dict(
        scores.values("criterion")
        .annotate(mean=Avg("half_points"))
        .values_list("criterion", "mean")
    )
    comments: dict[int, list[str]] = {}
    if with_comments:
        for criterion_id, comment in scores.exclude(comment="").values_list("criterion", "comment"):
            comments.setdefault(criterion_id, []).append(comment)
    rows = [
        {
            "criterion": criterion,
            "mean": None if criterion.pk not in means else round(means[criterion.pk] / 2, 2),
            "comments": comments.get(criterion.pk, []),
        }
        for criterion in criteria
    ]
    total = sum(row["mean"] for row in rows if row["mean"] is not None)
    overall = []
    if with_comments:
        overall = list(
            Review.objects.filter(
                assignment__application=application, status=ReviewStatus.SUBMITTED
            )
            .exclude(overall_comment="")
            .values_list("overall_comment", flat=True)
        )
    return {
        "rows": rows,
        "total": round(total, 2),
        "max_total": sum(c.max_points for c in criteria),
        "overall": overall,
    }


def notify_applicants(decision: Decision, at=None) -> int:
    """E-mail every applicant of the category, winners and others, their result and their
    own scores once the decision is public; each decision is announced once."""
    at = at or timezone.now()
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if not decision.is_public(at) or decision.notified_at is not None:
            return 0
        decision.notified_at = at
        decision.save(update_fields=["notified_at"])
    with_comments = feedback_allowed(decision)
    site = settings.SITE_URL.rstrip("/")
    results_url = site + reverse("results:edition", args=[decision.edition.number])
    sent = 0
    for application in category_applications(decision):
        registration = application.registration
        level = level_of(decision, application)
        context = {
            "decision": decision,
            "application": application,
            "registration": registration,
            "level": AwardLevel(level).label,
            "is_awarded": level != AwardLevel.PARTICIPANT,
            "feedback": application_feedback(application, with_comments=with_comments),
            "with_comments": with_comments,
            "published_on": format_date(decision.publish_at),
            "results_url": results_url,
            "site_url": site,
        }
        if send_templated_email("results/email/results", context, [registration.coordinator_email]):
            sent += 1
    return sent


@task
def notify_applicants_task(decision_id: int) -> int:
    """E-mail the applicants of a published decision; nothing before its publication time."""
    decision = Decision.objects.filter(pk=decision_id).first()
    return 0 if decision is None else notify_applicants(decision)


def schedule_notification(decision: Decision) -> None:
    """The e-mails go out at the publication time, or at once where the task backend cannot
    wait (the task itself sends nothing before that time)."""
    job = notify_applicants_task
    if default_task_backend.supports_defer and decision.publish_at > timezone.now():
        job = job.using(run_after=decision.publish_at)
    job.enqueue(decision.pk)
