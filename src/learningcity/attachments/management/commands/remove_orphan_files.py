"""Periodic cleanup (cron, hourly): ``learningcity remove_orphan_files [--hours N]``."""

import datetime as dt
import json

from django.core.management.base import BaseCommand

from learningcity.attachments.services import remove_orphans


class Command(BaseCommand):
    help = "Delete temporary files, expired pending photos and stored files no row refers to."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--hours", type=float, default=1.0)

    def handle(self, *args, hours: float, **options) -> None:
        counts = remove_orphans(older_than=dt.timedelta(hours=hours))
        self.stdout.write(json.dumps(counts, sort_keys=True))
