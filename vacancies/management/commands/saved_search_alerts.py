from django.core.management.base import BaseCommand

from vacancies.tasks import saved_search_alerts_task


class Command(BaseCommand):
    help = (
        "Enqueue the daily saved-search alerts (new matching vacancies, at most once a day "
        "per search). Run it from cron once a day."
    )

    def handle(self, *args, **options):
        result = saved_search_alerts_task.enqueue()
        self.stdout.write(f"saved search alerts enqueued: {result.id} ({result.status})")
        if result.is_finished and result.return_value is not None:
            self.stdout.write(f"alerts sent: {result.return_value}")
