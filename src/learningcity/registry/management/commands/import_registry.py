"""Load DLA's local governments, with geothai's provinces and districts, into the registry."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from learningcity.registry import dla_file, services


class Command(BaseCommand):
    help = "Import the DLA registry of local governments; does nothing when it is already current."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", default=dla_file.DATA_FILE, help="DLA CSV file (default: the bundled one)"
        )
        parser.add_argument(
            "--force", action="store_true", help="compare every row even if the file is unchanged"
        )

    def handle(self, *args, path, force, verbosity, **options):
        try:
            report = services.import_registry(path, force=force)
        except (dla_file.RegistryFileError, OSError) as error:
            raise CommandError(str(error)) from error
        if verbosity == 0:
            return
        if report.skipped:
            self.stdout.write(
                _("Registry already up to date: %(rows)s local governments, nothing to do.")
                % {"rows": f"{report.rows:,}"}
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Registry imported: %(rows)s local governments (%(created)s created, "
                    "%(updated)s updated, %(unchanged)s unchanged), %(provinces)s provinces, "
                    "%(districts)s districts."
                )
                % {
                    "rows": f"{report.rows:,}",
                    "created": f"{report.created:,}",
                    "updated": f"{report.updated:,}",
                    "unchanged": f"{report.unchanged:,}",
                    "provinces": report.provinces,
                    "districts": report.districts,
                }
            )
        )
        self.stdout.write(
            _("Districts not matched to geothai: %(count)s (%(rate)s matched).")
            % {"count": report.districts_unmatched, "rate": f"{report.district_match_rate:.1%}"}
        )
        if verbosity >= 2:
            for name in report.unmatched_district_names:
                self.stdout.write(f"  - {name}")
        if report.values_cleared:
            self.stdout.write(
                _("%(count)s impossible coordinates or areas in the file were stored as unknown.")
                % {"count": report.values_cleared}
            )
