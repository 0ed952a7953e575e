"""``learningcity backup <folder>``: database dump, every stored file and a manifest of hashes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from learningcity.operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a backup (database.json, media/, manifest.json with sha256) into a new folder."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options) -> None:
        try:
            manifest = create_backup(folder, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"backup written to {folder}: {len(manifest['files'])} files")
        )
