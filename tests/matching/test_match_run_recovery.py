"""A match run whose task worker was killed is recovered, not lost (docs/reliability.md)."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from matching import services
from matching.models import MatchRun
from portal.models import AuditEvent
from tests.conftest import requires_postgres

pytestmark = pytest.mark.django_db


def _run_left_by_a_killed_worker(world):
    """A run whose first chunk was done and whose other chunks' worker died: the queue holds no
    task for them (a killed worker's task stays "running" for ever)."""
    run = services.match_run_start(
        by=world["analyst"], country="KZ", k=2, chunk_size=1, enqueue=False
    )
    services.match_run_chunk_process(chunk_id=run.chunks.order_by("index").first().pk)
    run.refresh_from_db()
    assert (run.status, run.chunks_done) == (MatchRun.Status.RUNNING, 1)
    return run


def test_recovery_queues_the_lost_chunks_and_the_run_completes(
    world, django_capture_on_commit_callbacks
):
    run = _run_left_by_a_killed_worker(world)
    with django_capture_on_commit_callbacks(execute=True):
        recovered = services.match_runs_recover()
    assert recovered == {run.pk: [1, 2]}
    run.refresh_from_db()
    assert (run.status, run.progress, run.chunks_done) == (MatchRun.Status.COMPLETED, 100, 3)
    rows = run.results.count()
    assert rows > 0
    event = AuditEvent.objects.get(action="matching.match_run.recovered", object_id=str(run.pk))
    assert event.changes == {"chunks_requeued": [None, [1, 2]]}
    # Nothing left to recover; running it again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.match_runs_recover() == {}
    call_command("match_runs_recover")
    assert run.results.count() == rows


def test_a_recovered_chunk_already_done_by_its_first_worker_is_not_stored_twice(world):
    run = _run_left_by_a_killed_worker(world)
    first = run.chunks.order_by("index").first()
    rows = run.results.count()
    services.match_run_chunk_process(chunk_id=first.pk)  # a duplicate task for a done chunk
    assert run.results.count() == rows


@requires_postgres
def test_chunks_held_by_a_live_worker_are_left_alone(world, django_capture_on_commit_callbacks):
    """A worker that is alive holds the chunk's processing lock on its own connection."""
    run = _run_left_by_a_killed_worker(world)
    busy = run.chunks.get(index=1)
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
    ) as other:
        other.execute("SELECT pg_advisory_lock(%s, %s)", [services.CHUNK_LOCK_CLASS, busy.pk])
        with django_capture_on_commit_callbacks(execute=True):
            assert services.match_runs_recover() == {run.pk: [2]}
        # ...and a duplicate task for it returns without touching it.
        assert services.match_run_chunk_process(chunk_id=busy.pk).status == "pending"
    # The worker died: its connection is gone, and with it the lock.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.match_runs_recover() == {run.pk: [1]}
    run.refresh_from_db()
    assert run.status == MatchRun.Status.COMPLETED
