from django.core.management.base import BaseCommand

from licensing.tasks import licensing_daily_task


class Command(BaseCommand):
    help = "Enqueue the daily licensing run (expiry and 60/30-day reminders). Run it from cron."

    def handle(self, *args, **options):
        result = licensing_daily_task.enqueue()
        self.stdout.write(f"licensing daily task enqueued: {result.id} ({result.status})")
        if result.is_finished and result.return_value is not None:
            self.stdout.write(str(result.return_value))
