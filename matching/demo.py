"""Demo data for matching: a small imported labour-market assessment for Kazakhstan and one
completed match run over the demo profiles and vacancies. Idempotent and fast; called by
`manage.py load_demo_data` after the vacancies demo."""

import hashlib
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from . import selectors, services
from .models import MatchRun

ANALYST = "analyst@demo.karavan.kz"
#: (region, ISCO-08, demand) for every month of the coming season.
ASSESSED = [
    ("KZ-75", "9211", 140),
    ("KZ-75", "7212", 35),
    ("KZ-19", "9211", 260),
    ("KZ-71", "7112", 90),
    ("KZ-71", "8332", 45),
    ("KZ-79", "9333", 60),
]
SOURCE = "Regional labour-market assessment (demo)"


def assessment_csv(years: list[int]) -> bytes:
    """The demo file, in the import format documented in docs/analytics.md."""
    lines = ["region,isco_code,period,demand,source"]
    for year, month in ((y, m) for y in years for m in range(4, 11)):
        for region, isco, demand in ASSESSED:
            lines.append(f"{region},{isco},{year}-{month:02d},{demand},{SOURCE}")
    return ("\n".join(lines) + "\n").encode()


def load_demo(*, core: dict, stdout) -> None:
    analyst = core["users"][ANALYST]
    this_year = date.today().year
    content = assessment_csv([this_year, this_year + 1])  # this season and the next
    if selectors.committed_import_with_hash(
        sha256=hashlib.sha256(content).hexdigest(), country="KZ"
    ):
        stdout.write("matching: demo assessment already imported")
    else:
        record = services.assessment_import_validate(
            by=analyst, country="KZ", uploaded=SimpleUploadedFile("demo-assessment.csv", content)
        )
        services.assessment_import_commit(assessment_import=record, by=analyst)
        # the commit runs in the background; a demo does not wait for a task worker
        record = services.assessment_import_save(import_id=record.pk)
        stdout.write(f"matching: demo assessment {record.status} ({record.rows_saved} rows)")
    if not MatchRun.objects.filter(status=MatchRun.Status.COMPLETED).exists():
        run = services.match_run_start(by=analyst, country="KZ", enqueue=False)
        for chunk in run.chunks.order_by("index"):
            services.match_run_chunk_process(chunk_id=chunk.pk)
        run.refresh_from_db()
        stdout.write(
            f"matching: match run #{run.pk} {run.status} — {run.worker_count} workers, "
            f"{run.vacancy_count} vacancies, {run.results.count()} results"
        )
