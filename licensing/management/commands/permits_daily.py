from django.core.management.base import BaseCommand

from licensing.tasks import permits_daily_task


class Command(BaseCommand):
    help = (
        "Enqueue the daily permits run (work permits and patents past their term expire; "
        "patent holders reminded before their fees run out). Run it from cron."
    )

    def handle(self, *args, **options):
        result = permits_daily_task.enqueue()
        self.stdout.write(f"permits daily task enqueued: {result.id} ({result.status})")
        if result.is_finished and result.return_value is not None:
            self.stdout.write(str(result.return_value))
