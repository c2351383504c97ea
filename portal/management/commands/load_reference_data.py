from django.core.management.base import BaseCommand

from portal.reference import load_all


class Command(BaseCommand):
    help = (
        "Load countries, ISO 3166-2 regions, ISCO-08, ESCO occupations and skills, languages, "
        "currencies and their labels in the seven languages."
    )

    def handle(self, *args, **options):
        counts = load_all()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
