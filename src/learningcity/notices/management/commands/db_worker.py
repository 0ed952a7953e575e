"""``learningcity worker`` (alias of ``db_worker``): django-tasks-db's worker, plus a timer
that enqueues the periodic job (deadline reminders, outbox retries) every few minutes and makes
sure the self-rescheduling maintenance tasks (orphan files, personal-data retention) are booked.

django-tasks-db has no scheduler; this command shadows its ``db_worker`` (``notices`` comes
before ``django_tasks_db`` in INSTALLED_APPS) so that starting a worker is all it takes.
"""

import logging
import threading

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

logger = logging.getLogger(__name__)


class Command(DatabaseWorkerCommand):
    help = "Run the background worker, enqueueing the periodic notices job every N minutes."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--periodic-minutes",
            type=float,
            default=10.0,
            help="Enqueue the reminders/outbox job this often; 0 turns it off (default: 10).",
        )

    def handle(self, *args, periodic_minutes: float = 10.0, **options) -> None:
        stop = threading.Event()
        if periodic_minutes > 0 and not options.get("batch"):
            timer = threading.Thread(
                target=_enqueue_periodically,
                args=(periodic_minutes * 60, stop),
                name="periodic-notices",
                daemon=True,
            )
            timer.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()


def _enqueue_periodically(seconds: float, stop: threading.Event) -> None:
    from learningcity.notices.tasks import run_periodic
    from learningcity.operations.tasks import ensure_scheduled

    while not stop.is_set():
        try:
            run_periodic.enqueue()
            ensure_scheduled()
        except Exception:
            logger.exception("Could not enqueue the periodic notices job")
        finally:
            close_old_connections()
        stop.wait(seconds)
