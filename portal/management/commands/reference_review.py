from django.core.management.base import BaseCommand

from portal.reference import labels_to_review


class Command(BaseCommand):
    help = (
        "List the reference labels flagged for review by a native speaker (the `review` "
        "field, set from portal/fixtures/i18n/*.json), optionally for one language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", help="Only this language code, e.g. tk.")

    def handle(self, *args, **options):
        rows = labels_to_review(options.get("language"))
        for table, key, lang, label in rows:
            self.stdout.write(f"{table}\t{key}\t{lang}\t{label}")
        self.stderr.write(f"{len(rows)} labels to review")
