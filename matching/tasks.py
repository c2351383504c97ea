"""Background work for matching (Django tasks: immediate in development and tests, the
database queue and `manage.py db_worker` in production — one chunk per task, so adding task
workers shortens a national run)."""

from portal.durable_tasks import durable_task

from .services import assessment_import_save, match_run_chunk_process


@durable_task
def match_run_chunk_task(*, chunk_id: int) -> int:
    """Match one chunk of a run's workers; returns the number of result rows stored."""
    return match_run_chunk_process(chunk_id=chunk_id).result_count


@durable_task
def assessment_import_task(*, import_id: int) -> str:
    """Save the rows of a validated assessment import; returns the import's final status."""
    return assessment_import_save(import_id=import_id).status
