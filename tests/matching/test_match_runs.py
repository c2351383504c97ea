"""A match run end to end through the service: chunks, progress, results, audit, policy."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from matching import services
from matching.models import MatchResult, MatchRun
from matching.selectors import job_order_candidates
from portal.models import AuditEvent

pytestmark = pytest.mark.django_db


def _start(world, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.match_run_start(by=world["analyst"], country="KZ", **kwargs)
    run.refresh_from_db()
    return run


def test_run_in_chunks_reaches_100_percent_and_stores_results(
    world, django_capture_on_commit_callbacks
):
    run = _start(world, django_capture_on_commit_callbacks, k=2, chunk_size=1)
    assert run.status == MatchRun.Status.COMPLETED
    assert run.progress == 100
    assert (run.chunk_count, run.chunks_done, run.worker_count, run.vacancy_count) == (3, 3, 3, 2)
    worker_rows = MatchResult.objects.filter(run=run, direction="worker")
    # only consenting workers are matched
    assert world["private_profile"].pk not in set(worker_rows.values_list("profile_id", flat=True))
    best = worker_rows.get(profile=world["worker_profile"], rank=1)
    assert best.job_order == world["picker"]
    assert best.shared_skills == ["harvest crops", "prune trees"]
    assert best.missing_skills == []
    assert best.coverage == 1.0
    welder = worker_rows.get(profile=world["welder_profile"], rank=1)
    assert welder.job_order == world["welder"]
    both = worker_rows.filter(profile=world["both_profile"]).order_by("rank")
    assert {r.job_order_id for r in both} == {world["picker"].pk, world["welder"].pk}
    assert sorted(both[0].missing_skills + both[1].missing_skills) == [
        "prune trees",
        "read blueprints",
    ]
    assert [r.coverage for r in both] == [0.5, 0.5]


def test_run_writes_an_audit_event_per_state_change(world, django_capture_on_commit_callbacks):
    run = _start(world, django_capture_on_commit_callbacks, chunk_size=2)
    events = list(
        AuditEvent.objects.filter(object_type="matching.matchrun", object_id=str(run.pk)).order_by(
            "id"
        )
    )
    assert [(e.action, e.from_state, e.to_state) for e in events] == [
        ("matching.match_run.start", "", "queued"),
        ("matching.match_run.running", "queued", "running"),
        ("matching.match_run.completed", "running", "completed"),
    ]
    start = events[0]
    assert (start.actor, start.role, start.country) == (world["analyst"], "analyst", "KZ")
    assert start.changes == {"parameters": [None, {"k": 10, "chunk_size": 2}], "chunks": [None, 2]}


def test_chunk_retry_is_idempotent(world, django_capture_on_commit_callbacks):
    run = _start(world, django_capture_on_commit_callbacks, chunk_size=10)
    count = run.results.count()
    chunk = run.chunks.get()
    chunk.status = "pending"
    chunk.save()
    services.match_run_chunk_process(chunk_id=chunk.pk)
    assert run.results.count() == count


def test_progress_is_stored_while_chunks_are_outstanding(world):
    run = services.match_run_start(by=world["analyst"], country="KZ", chunk_size=1, enqueue=False)
    assert (run.status, run.progress) == ("queued", 0)
    first = run.chunks.order_by("index").first()
    services.match_run_chunk_process(chunk_id=first.pk)
    run.refresh_from_db()
    assert (run.status, run.progress, run.chunks_done) == ("running", 33, 1)


def test_only_analysts_of_the_country_start_a_run(world):
    with pytest.raises(PermissionDenied):
        services.match_run_start(by=world["analyst"], country="KG")
    with pytest.raises(PermissionDenied):
        services.match_run_start(by=world["officer"], country="KZ")
    with pytest.raises(PermissionDenied):
        services.match_run_start(by=world["analyst"], country=None)


def test_agency_candidates_merge_chunks_and_drop_withdrawn_consent(
    world, django_capture_on_commit_callbacks
):
    _start(world, django_capture_on_commit_callbacks, chunk_size=1)
    run, results = job_order_candidates(job_order=world["picker"])
    assert run is not None
    assert [r.profile for r in results][:1] == [world["worker_profile"]]
    assert world["private_profile"] not in [r.profile for r in results]
    world["worker_profile"].consent_to_agencies = False
    world["worker_profile"].save()
    _run, results = job_order_candidates(job_order=world["picker"])
    assert world["worker_profile"] not in [r.profile for r in results]


def test_vacancies_for_worker_are_scored_live_even_without_consent(world):
    items = services.vacancies_for_worker(profile=world["private_profile"])
    assert items[0]["job_order"] == world["picker"]
    assert items[0]["shared_skills"] == ["harvest crops", "prune trees"]


def test_vacancies_for_worker_refit_only_when_published_vacancies_change(world, people):
    """The fitted matcher is reused between requests, but a suspension hides the agency's
    vacancies from the very next request."""
    from licensing import services as licensing_services

    assert services.vacancies_for_worker(profile=world["worker_profile"])
    fitted = services._published_matcher["matcher"]
    assert services.vacancies_for_worker(profile=world["both_profile"])
    assert services._published_matcher["matcher"] is fitted
    licensing_services.licence_suspend(
        licence=world["agency"].licences.get(), by=people["kg_officer"], reason="Audit"
    )
    assert services.vacancies_for_worker(profile=world["worker_profile"]) == []


def test_management_command_runs_every_chunk(world, capsys):
    call_command("run_matching", "--country", "KZ", "--chunk-size", "1", "--no-progress")
    run = MatchRun.objects.get()
    assert (run.status, run.progress, run.created_by) == ("completed", 100, None)
    assert "completed" in capsys.readouterr().out
