"""For cron: ``learningcity send_reminders`` queues the due deadline reminders and sends them
(and any due retry of the outbox) at once, without a worker."""

import json

from django.core.management.base import BaseCommand

from learningcity.notices.services import outbox
from learningcity.notices.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Queue due deadline reminders and send every due outbox message."

    def handle(self, *args, **options) -> None:
        counts = {"reminders": send_due_reminders(), "sent": outbox.send_due_messages()}
        self.stdout.write(json.dumps(counts, sort_keys=True))
