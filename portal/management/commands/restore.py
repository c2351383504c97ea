from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from a backup directory made by "
        "`manage.py backup`, after checking its checksums. Replaces all current data; "
        "stop the application and the task workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup directory.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, **options):
        source = options["backup"]
        try:
            manifest = backup_verify(source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup of {manifest['created_at']} (version "
            f"{manifest['app_version']}): checksums verified."
        )
        if options["interactive"]:
            answer = input(
                "This replaces ALL current data and uploaded files. Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            backup_restore(source, manifest)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored from {source}"))
