from django.apps import apps
from django.core.management.base import BaseCommand

from portal.demo import load_demo_core


class Command(BaseCommand):
    help = "Load demo organisations and accounts for every user type (development only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts-only",
            action="store_true",
            help="Only the organisations and the accounts (quick; the stack's "
            "smoke test needs nothing more).",
        )

    def handle(self, *args, **options):
        result = load_demo_core()
        if options["accounts_only"]:
            self.stdout.write(
                self.style.SUCCESS(f"demo accounts ready: {len(result['users']) + 1}")
            )
            return
        # Each app adds its own demo data on top of the core, in dependency order.
        for label in [
            "licensing",
            "permits",
            "vacancies",
            "cycle",
            "matching",
            "info_campaigns",
            "protection",
        ]:
            module = apps.get_app_config(label).module
            try:
                demo = __import__(f"{module.__name__}.demo", fromlist=["load_demo"])
            except ModuleNotFoundError:
                continue
            demo.load_demo(core=result, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"demo data ready: {len(result['organisations'])} organisations, "
                f"{len(result['users']) + 1} accounts"
            )
        )
