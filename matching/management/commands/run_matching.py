"""`manage.py run_matching`: a match run from the command line, with a progress bar."""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from matching import services
from matching.models import MatchRun


class Command(BaseCommand):
    help = (
        "Match consenting workers with published vacancies and store the results as a run. "
        "By default this process works through every chunk itself; with --background the "
        "chunks go to the task queue (one task each, shared by every `db_worker`) and this "
        "command only follows the progress."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--country",
            default=None,
            help="ISO code: vacancies located in or vetted by this country "
            "(default: every country).",
        )
        parser.add_argument(
            "--k",
            type=int,
            default=services.DEFAULT_K,
            help="Vacancies kept per worker and workers kept per vacancy.",
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=services.DEFAULT_CHUNK_SIZE,
            help="Workers per chunk (one background task per chunk).",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the chunks for the task workers and follow progress.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, country, k, chunk_size, background, no_progress, **options):
        run = services.match_run_start(
            by=None, country=country or None, k=k, chunk_size=chunk_size, enqueue=background
        )
        self.stdout.write(
            f"match run #{run.pk}: {run.worker_count} workers, "
            f"{run.vacancy_count} vacancies, {run.chunk_count} chunks"
        )
        with tqdm(total=100, unit="%", disable=no_progress, desc=f"run #{run.pk}") as bar:
            if background:
                while run.status in (MatchRun.Status.QUEUED, MatchRun.Status.RUNNING):
                    time.sleep(1)
                    run.refresh_from_db()
                    bar.update(run.progress - bar.n)
            else:
                for chunk in run.chunks.order_by("index"):
                    done = bar.n

                    def within(fraction, done=done):
                        # the worker side of a chunk, as a share of the whole run
                        bar.update(done + fraction * 100 / run.chunk_count * 0.5 - bar.n)

                    services.match_run_chunk_process(chunk_id=chunk.pk, progress=within)
                    run.refresh_from_db()
                    bar.update(run.progress - bar.n)
                    if run.status == MatchRun.Status.FAILED:
                        break
        run.refresh_from_db()
        style = self.style.SUCCESS if run.status == MatchRun.Status.COMPLETED else self.style.ERROR
        self.stdout.write(
            style(
                f"match run #{run.pk} {run.status}: {run.results.count()} "
                f"results, progress {run.progress} %"
            )
        )
        for error in run.errors:
            self.stderr.write(error)
