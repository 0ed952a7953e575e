"""Periodic upkeep as Django Tasks: each task does its work, then books its own next run.

``learningcity schedule_tasks`` books the first run of each (once; it is safe to repeat), and
``learningcity worker`` runs them. Where a backend cannot defer (the immediate backend of the
tests), a task simply runs once.
"""

import datetime as dt
import logging

from django.tasks import TaskResultStatus, task
from django.utils import timezone

from learningcity.attachments.services import remove_orphans

logger = logging.getLogger(__name__)

ORPHAN_INTERVAL = dt.timedelta(hours=1)


def schedule_next(periodic_task, interval: dt.timedelta) -> bool:
    """Book ``periodic_task`` to run again after ``interval``; False if the backend cannot."""
    if not periodic_task.get_backend().supports_defer:
        return False
    periodic_task.using(run_after=timezone.now() + interval).enqueue()
    return True


@task
def remove_orphan_files(reschedule: bool = True) -> dict[str, int]:
    """Remove half-written temporary files and files no row refers to, every hour."""
    counts = remove_orphans(older_than=ORPHAN_INTERVAL)
    logger.info("orphan files removed: %s", counts)
    if reschedule:
        schedule_next(remove_orphan_files, ORPHAN_INTERVAL)
    return counts


def periodic_tasks() -> list:
    """Every periodic task of the platform; apps with their own add them here."""
    from learningcity.privacy.tasks import anonymise_expired_data, expire_copies

    return [remove_orphan_files, anonymise_expired_data, expire_copies]


def ensure_scheduled() -> list[str]:
    """Enqueue each periodic task that has no run waiting yet; the names of those enqueued."""
    waiting: set[str] = set()
    try:
        from django_tasks_db.models import DBTaskResult

        waiting = set(
            DBTaskResult.objects.filter(status=TaskResultStatus.READY).values_list(
                "task_path", flat=True
            )
        )
    except ImportError:  # pragma: no cover - another backend keeps its own queue
        pass
    enqueued = []
    for periodic in periodic_tasks():
        if periodic.module_path not in waiting:
            periodic.enqueue()
            enqueued.append(periodic.module_path)
    return enqueued
