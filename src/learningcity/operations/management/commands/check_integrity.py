"""``learningcity check-integrity``: every file present with its hash, every invariant holding."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from learningcity.operations.integrity import check_integrity


class Command(BaseCommand):
    help = "Check every stored file against its SHA-256 and every invariant of the data model."

    def handle(self, *args, **options) -> None:
        problems = check_integrity(progress=self.stdout.write)
        for problem in problems:
            self.stderr.write(f"[{problem.check}] {problem.message}")
        if problems:
            raise CommandError(
                _("Integrity check failed: %(count)s problems.") % {"count": len(problems)}
            )
        self.stdout.write(self.style.SUCCESS(_("Integrity check passed: no problems found.")))
