from django.conf import settings
from django.core.management.base import BaseCommand

from info_campaigns.selectors import pages_to_check


class Command(BaseCommand):
    help = (
        "List what editors and native speakers still have to check on the campaign and "
        "guide pages: facts marked “to be checked by the editor” and language-review notes "
        "(the same list as the back office's “Content to check” report)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            choices=[code for code, _n in settings.LANGUAGES],
            help="Only pages in this language.",
        )

    def handle(self, *args, language=None, **options):
        items = pages_to_check(language=language)
        for item in items:
            page = item["page"]
            self.stdout.write(
                self.style.MIGRATE_HEADING(
                    f"[{page.locale.language_code}] {page.url or page.url_path}  {page.title}"
                )
            )
            if item["review_notes"]:
                self.stdout.write(f"  language review: {item['review_notes'].strip()}")
            for where, note in item["checks"]:
                self.stdout.write(f"  to check ({where}): {note}")
        facts = sum(len(item["checks"]) for item in items)
        languages = sum(1 for item in items if item["review_notes"])
        self.stdout.write(
            f"{len(items)} pages: {facts} facts to check, {languages} awaiting language review"
        )
