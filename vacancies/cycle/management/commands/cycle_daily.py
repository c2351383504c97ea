from django.core.management.base import BaseCommand

from vacancies.cycle.tasks import cycle_daily_task


class Command(BaseCommand):
    help = (
        "Enqueue the daily migration-cycle run (registration reminders, late registrations, "
        "overstay cases). Run it from cron or the systemd timer."
    )

    def handle(self, *args, **options):
        result = cycle_daily_task.enqueue()
        self.stdout.write(f"cycle daily task enqueued: {result.id} ({result.status})")
        if result.is_finished and result.return_value is not None:
            self.stdout.write(str(result.return_value))
