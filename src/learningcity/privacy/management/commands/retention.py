"""``learningcity retention --edition N [--dry-run] [--now] [--yes]``: an edition's retention
by hand. Without ``--now`` it runs only once the date of the edition's rule has passed; with
``--now`` it runs today, after a confirmation (or ``--yes``)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from learningcity.editions.models import Edition
from learningcity.privacy import services
from learningcity.privacy.models import EditionRetention


class Command(BaseCommand):
    help = "Remove an edition's personal data from every copy (dry run first)."

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, required=True, help="the edition's number")
        parser.add_argument("--dry-run", action="store_true", help="list what would change")
        parser.add_argument("--now", action="store_true", help="apply today, before the date")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, edition, dry_run, now, yes, **options):
        found = Edition.objects.filter(number=edition).first()
        if found is None:
            raise CommandError(f"No edition {edition}.")
        retention = EditionRetention.objects.filter(edition=found).first()
        if retention is not None and retention.anonymised_at is not None:
            self.stdout.write(
                f"Edition {edition}: already anonymised on {retention.anonymised_at:%Y-%m-%d}."
            )
            return
        plan = services.retention_plan(found)
        self.stdout.write(f"Edition {edition}: {plan.total} copies of personal data")
        for label, count in plan.by_kind():
            self.stdout.write(f"  {count:6d}  {label}")
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
            return
        today = timezone.localdate()
        if not now:
            if retention is None:
                raise CommandError("No retention date is set for this edition; use --now.")
            if retention.keep_until >= today:
                raise CommandError(
                    f"The edition keeps its data until {retention.keep_until:%Y-%m-%d}; "
                    "use --now to apply the rule today."
                )
        if not yes:
            answer = input(f"Remove these copies of edition {edition} now? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing changed.")
        changed = services.anonymise(found, now=True, today=today)
        self.stdout.write(self.style.SUCCESS(f"Edition {edition}: {changed} copies changed."))
