from django.core.management.base import BaseCommand

from portal.reference import translation_coverage


class Command(BaseCommand):
    help = (
        "How many reference labels exist in each language, per table (all rows, and the "
        "rows job orders, profiles, schemes and other data use). Pasted into "
        "docs/languages.md."
    )

    def handle(self, *args, **options):
        rows = translation_coverage()
        languages = list(rows[0][2]) if rows else []
        self.stdout.write("| table | rows | " + " | ".join(languages) + " |")
        self.stdout.write("|---|---:|" + "---:|" * len(languages))
        for table, total, counts in rows:
            cells = [
                f"{counts[lang]} ({100 * counts[lang] // total if total else 0}%)"
                for lang in languages
            ]
            self.stdout.write(f"| {table} | {total} | " + " | ".join(cells) + " |")
