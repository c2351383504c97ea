"""`manage.py tasks_recover`: queue again the tasks whose worker died (portal/durable_tasks.py).
Safe at any time and idempotent; the scheduler runs it every minute and each task worker runs it
before it starts (docs/reliability.md)."""

from django.core.management.base import BaseCommand

from portal.durable_tasks import tasks_recover


class Command(BaseCommand):
    help = (
        "Close the tasks a dead task worker left running and queue each again as its next "
        "attempt. Tasks held by a live worker are left alone."
    )

    def handle(self, *args, **options):
        recovered = tasks_recover()
        for item in recovered:
            again = f"queued again as {item.retry_id}" if item.retry_id else "no retry left"
            self.stdout.write(f"{item.task_path} {item.lost_id}: worker lost, {again}")
        if not recovered:
            self.stdout.write("no task to recover")
