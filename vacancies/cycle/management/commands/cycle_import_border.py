from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.models import User
from vacancies.cycle.services import border_import_csv


class Command(BaseCommand):
    help = (
        "Import departures, arrivals and returns from a border-data CSV file (columns: "
        "event, date, document_number or nationality and passport_number, destination). "
        "Each row is recorded on its own; bad rows are listed with their line number."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file (UTF-8).")
        parser.add_argument(
            "--country", required=True, help="ISO code of the country whose border data this is."
        )
        parser.add_argument(
            "--by",
            required=True,
            help="E-mail of the officer on whose authority the rows are recorded.",
        )

    def handle(self, *args, **options):
        officer = User.objects.filter(email__iexact=options["by"]).first()
        if officer is None:
            raise CommandError("No user with that e-mail.")
        try:
            report = border_import_csv(
                by=officer, country=options["country"], data=Path(options["path"]).read_bytes()
            )
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        counts = ", ".join(f"{event}: {n}" for event, n in report.recorded.items())
        self.stdout.write(
            f"recorded {report.total} ({counts}); {len(report.errors)} row(s) refused"
        )
        for line, message in report.errors:
            self.stdout.write(f"line {line}: {message}")
