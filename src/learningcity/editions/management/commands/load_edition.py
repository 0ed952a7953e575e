from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from learningcity.editions.loading import EDITION_1, load_edition_file


class Command(BaseCommand):
    help = "Load (or update) an edition from its TOML data file; idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(EDITION_1))

    def handle(self, *args, path, **options):
        try:
            report = load_edition_file(Path(path))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        names = {"number": report.edition.number, "title": report.edition.title_th}
        if report.created:
            self.stdout.write(_("Edition %(number)s created: %(title)s") % names)
        elif report.changed:
            names["changes"] = ", ".join(report.changed)
            self.stdout.write(_("Edition %(number)s updated: %(changes)s") % names)
        else:
            self.stdout.write(_("Edition %(number)s is already up to date.") % names)
