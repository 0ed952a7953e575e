"""``learningcity schedule_tasks``: book the first run of every periodic task (idempotent)."""

from django.core.management.base import BaseCommand

from learningcity.operations.tasks import ensure_scheduled


class Command(BaseCommand):
    help = "Enqueue each periodic task (orphan files, personal-data retention) not yet waiting."

    def handle(self, *args, **options) -> None:
        enqueued = ensure_scheduled()
        for path in enqueued:
            self.stdout.write(f"enqueued {path}")
        if not enqueued:
            self.stdout.write("every periodic task is already waiting")
