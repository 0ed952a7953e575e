"""``learningcity restore <folder> [--force]``: a verified backup into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from learningcity.operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `backup` into an empty database and media folder."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Empty a database that already holds data."
        )

    def handle(self, *args, folder: Path, force: bool, **options) -> None:
        try:
            manifest = restore_backup(folder, force=force, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"restored from {folder} ({manifest['created_at']}); "
                "run `learningcity check-integrity` next"
            )
        )
