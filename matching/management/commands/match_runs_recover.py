"""`manage.py match_runs_recover`: queue again the chunks of unfinished match runs whose task
worker died. Safe at any time and idempotent; run it when a task worker starts and every few
minutes from cron (docs/reliability.md)."""

from django.core.management.base import BaseCommand

from matching.services import match_runs_recover


class Command(BaseCommand):
    help = (
        "Queue again the chunks of unfinished match runs that no task will process (their "
        "task worker was killed). Chunks waiting in the queue or held by a live worker are "
        "left alone."
    )

    def handle(self, *args, **options):
        recovered = match_runs_recover()
        for run_id, indexes in recovered.items():
            self.stdout.write(f"match run #{run_id}: chunks {indexes} queued again")
        if not recovered:
            self.stdout.write("no match run to recover")
