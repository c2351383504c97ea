from django.core.management.base import BaseCommand

from licensing.protection.tasks import protection_daily_task


class Command(BaseCommand):
    help = "Enqueue the daily protection run (escalate overdue help referrals). Run it from cron."

    def handle(self, *args, **options):
        result = protection_daily_task.enqueue()
        self.stdout.write(f"protection daily task enqueued: {result.id} ({result.status})")
        if result.is_finished and result.return_value is not None:
            self.stdout.write(str(result.return_value))
