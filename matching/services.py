"""Writes for matching: assessment imports and match runs. Every state change writes one
audit event (`portal.audit.audit_record`) in the transaction that makes it.

Django reaches the estimator (`matching.engine`) only from here.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.permissions import MatchingPermission
from portal.audit import audit_record
from portal.models import IscoGroup, Region, Role
from portal.policy import can, roles_in
from vacancies.models import WorkerProfile

from . import frames, selectors
from .engine import SkillMatcher
from .imports import read_table, validate_assessment
from .models import AssessmentImport, DemandAssessment, MatchResult, MatchRun, MatchRunChunk

logger = logging.getLogger(__name__)

ERROR_NOT_ALLOWED = "You may not do this for that country."
ERROR_NOT_VALIDATED = "Only a checked file without errors can be imported."
ERROR_ALREADY_IMPORTED = (
    "This file was imported already on {date}; importing it again changes nothing."
)
DEFAULT_K = 10
DEFAULT_CHUNK_SIZE = 20_000
SAVE_BATCH = 2_000


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_(ERROR_NOT_ALLOWED))


def _role(user) -> str:
    if user is None:
        return "system"
    if getattr(user, "is_superuser", False):
        return "superuser"
    roles = roles_in(user)
    return Role.ANALYST if Role.ANALYST in roles else next(iter(sorted(roles)), "")


# --- assessment imports ----------------------------------------------------------------------


def assessment_import_validate(*, by, country: str, uploaded) -> AssessmentImport:
    """Read and check an uploaded CSV/XLSX; store the file and the row errors, save no rows.

    The result is `validated` (ready to commit) or `invalid` (errors listed). A file that was
    committed before is reported as such: committing it again would change nothing.
    """
    _require(can(by, MatchingPermission.ASSESSMENT_IMPORT, country))
    content = uploaded.read()
    sha256 = hashlib.sha256(content).hexdigest()
    errors: list[dict] = []
    row_count = 0
    try:
        table = read_table(content, uploaded.name)
    except ValueError as exc:
        errors.append({"row": 1, "column": "", "message": str(exc)})
    else:
        regions = dict(Region.objects.values_list("code", "country_id"))
        isco = set(IscoGroup.objects.values_list("code", flat=True))
        parsed = validate_assessment(table, regions=regions, isco_codes=isco, countries={country})
        errors, row_count = parsed.errors, parsed.row_count
    previous = selectors.committed_import_with_hash(sha256=sha256, country=country)
    if previous is not None and not errors:
        errors.append(
            {
                "row": 0,
                "column": "",
                "message": _(ERROR_ALREADY_IMPORTED).format(
                    date=f"{previous.committed_at:%Y-%m-%d}"
                ),
            }
        )
    with transaction.atomic():
        record = AssessmentImport(
            country_id=country,
            original_name=uploaded.name[:255],
            file_sha256=sha256,
            status=AssessmentImport.Status.INVALID if errors else AssessmentImport.Status.VALIDATED,
            row_count=row_count,
            errors=errors[:1000],
            uploaded_by=by,
        )
        record.file.save(uploaded.name, ContentFile(content), save=False)
        record.full_clean()
        record.save()
        audit_record(
            actor=by,
            role=_role(by),
            action="matching.assessment_import.validate",
            obj=record,
            to_state=record.status,
            country=country,
            changes={"rows": [None, row_count], "errors": [None, len(errors)]},
        )
    return record


def assessment_import_commit(*, assessment_import: AssessmentImport, by) -> AssessmentImport:
    """Queue the saving of a validated import (a background task; progress on the import)."""
    from .tasks import assessment_import_task

    _require(can(by, MatchingPermission.ASSESSMENT_IMPORT, assessment_import.country_id))
    with transaction.atomic():
        record = AssessmentImport.objects.select_for_update().get(pk=assessment_import.pk)
        if record.status != AssessmentImport.Status.VALIDATED:
            raise ValidationError(_(ERROR_NOT_VALIDATED))
        record.status = AssessmentImport.Status.IMPORTING
        record.save(update_fields=["status"])
        audit_record(
            actor=by,
            role=_role(by),
            action="matching.assessment_import.commit",
            obj=record,
            from_state=AssessmentImport.Status.VALIDATED,
            to_state=record.status,
            country=record.country_id,
        )
        transaction.on_commit(lambda: assessment_import_task.enqueue(import_id=record.pk))
    return record


def assessment_import_save(*, import_id: int) -> AssessmentImport:
    """Background part of a commit: re-read and re-check the stored file, then upsert its rows
    in batches, storing progress. A row with the same region, ISCO code, month and source as
    an earlier import is replaced by the newer figure."""
    record = AssessmentImport.objects.get(pk=import_id)
    if record.status != AssessmentImport.Status.IMPORTING:
        return record
    try:
        with record.file.open("rb") as handle:
            table = read_table(handle.read(), record.original_name)
        parsed = validate_assessment(
            table,
            regions=dict(Region.objects.values_list("code", "country_id")),
            isco_codes=set(IscoGroup.objects.values_list("code", flat=True)),
            countries={record.country_id},
        )
        if parsed.errors:
            raise ValueError(parsed.errors[0]["message"])
        rows = parsed.rows
        total = max(len(rows), 1)
        saved = 0
        for start in range(0, len(rows), SAVE_BATCH):
            batch = rows.iloc[start : start + SAVE_BATCH]
            with transaction.atomic():
                DemandAssessment.objects.bulk_create(
                    [
                        DemandAssessment(
                            region_id=r.region,
                            isco_id=r.isco,
                            period=r.period,
                            demand=r.demand,
                            source=r.source,
                            import_batch=record,
                        )
                        for r in batch.itertuples(index=False)
                    ],
                    update_conflicts=True,
                    unique_fields=["region", "isco", "period", "source"],
                    update_fields=["demand", "import_batch"],
                )
                saved += len(batch)
                AssessmentImport.objects.filter(pk=record.pk).update(
                    rows_saved=saved, progress=min(99, saved * 100 // total)
                )
        with transaction.atomic():
            record = AssessmentImport.objects.select_for_update().get(pk=record.pk)
            record.status, record.progress = AssessmentImport.Status.COMMITTED, 100
            record.rows_saved, record.committed_at = saved, timezone.now()
            record.save(update_fields=["status", "progress", "rows_saved", "committed_at"])
            audit_record(
                actor=None,
                role="system",
                action="matching.assessment_import.committed",
                obj=record,
                from_state=AssessmentImport.Status.IMPORTING,
                to_state=record.status,
                country=record.country_id,
                changes={"rows_saved": [0, saved]},
            )
    except Exception as exc:
        logger.exception("assessment import %s failed", import_id)
        with transaction.atomic():
            record = AssessmentImport.objects.select_for_update().get(pk=import_id)
            record.status = AssessmentImport.Status.FAILED
            record.errors = [{"row": 0, "column": "", "message": str(exc)[:500]}]
            record.save(update_fields=["status", "errors"])
            audit_record(
                actor=None,
                role="system",
                action="matching.assessment_import.failed",
                obj=record,
                from_state=AssessmentImport.Status.IMPORTING,
                to_state=record.status,
                reason=str(exc)[:500],
                country=record.country_id,
            )
    return record


# --- match runs ------------------------------------------------------------------------------


def match_run_start(
    *,
    by,
    country: str | None = None,
    k: int = DEFAULT_K,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    enqueue: bool = True,
) -> MatchRun:
    """Create a run over consenting workers and the published vacancies of `country` (every
    country when None, superusers and the command line only), split the workers into chunks
    by id and queue one background task per chunk, so several task workers share the run.

    With ``enqueue=False`` the chunks are left for the caller (the management command
    processes them itself with a progress bar).
    """
    from .tasks import match_run_chunk_task

    _require(by is None or can(by, MatchingPermission.RUN_START, country))
    k, chunk_size = max(1, int(k)), max(1, int(chunk_size))
    ids = list(selectors.match_run_profiles().order_by("pk").values_list("pk", flat=True))
    vacancies = selectors.match_run_job_orders(country=country).count()
    with transaction.atomic():
        run = MatchRun(
            country_id=country or None,
            created_by=by,
            status=MatchRun.Status.QUEUED,
            parameters={"k": k, "chunk_size": chunk_size},
            worker_count=len(ids),
            vacancy_count=vacancies,
        )
        run.full_clean()
        run.save()
        chunks = [
            MatchRunChunk(
                run=run,
                index=i,
                first_profile_id=ids[s],
                last_profile_id=ids[min(s + chunk_size, len(ids)) - 1],
            )
            for i, s in enumerate(range(0, len(ids), chunk_size))
        ]
        MatchRunChunk.objects.bulk_create(chunks)
        run.chunk_count = len(chunks)
        if not chunks:  # nothing to match: the run is complete at once
            run.status, run.progress, run.finished_at = (
                MatchRun.Status.COMPLETED,
                100,
                timezone.now(),
            )
        run.save(update_fields=["chunk_count", "status", "progress", "finished_at"])
        audit_record(
            actor=by,
            role=_role(by),
            action="matching.match_run.start",
            obj=run,
            to_state=run.status,
            country=country or "",
            changes={"parameters": [None, run.parameters], "chunks": [None, run.chunk_count]},
        )
        if enqueue:
            chunk_ids = list(run.chunks.values_list("pk", flat=True))
            transaction.on_commit(
                lambda: [match_run_chunk_task.enqueue(chunk_id=c) for c in chunk_ids]
            )
    return run


def _run_move(
    run: MatchRun, *, target: str, action: str, reason: str = "", changes: dict | None = None
) -> None:
    """Change a locked run's status with its audit event (the caller holds the lock)."""
    source = run.status
    run.status = target
    if target in (MatchRun.Status.COMPLETED, MatchRun.Status.FAILED):
        run.finished_at = timezone.now()
    audit_record(
        actor=None,
        role="system",
        action=action,
        obj=run,
        from_state=source,
        to_state=target,
        reason=reason,
        country=run.country_id or "",
        changes=changes or {},
    )


def _matcher_frames(run: MatchRun, chunk: MatchRunChunk):
    demand = frames.job_orders_frame(selectors.match_run_job_orders(country=run.country_id))
    supply = frames.profiles_frame(
        selectors.match_run_profiles().filter(
            pk__gte=chunk.first_profile_id, pk__lte=chunk.last_profile_id
        )
    )
    demand_in = demand[["id", "skills", "optional_skills", "occupation", "region", "languages"]]
    supply_in = supply[["id", "skills", "occupation", "languages", "destinations"]]
    return demand_in, supply_in


def _coverage(essential_count: int, missing: list) -> float:
    """Share of a job order's essential skills the worker holds (1 when it lists none)."""
    if not essential_count:
        return 1.0
    return round((essential_count - len(missing)) / essential_count, 4)


#: First key of the PostgreSQL advisory locks that mark a chunk as being processed.
CHUNK_LOCK_CLASS = 0x4D52  # "MR"


@contextlib.contextmanager
def _chunk_processing_lock(chunk_id: int):
    """Yield True when this process may work on the chunk, holding a session advisory lock on
    PostgreSQL meanwhile. The database drops the lock with the connection, so a task worker
    that is killed (SIGKILL, lost machine) frees its chunk for `match_runs_recover` at once.
    Other databases (development) have no such lock: always True."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [CHUNK_LOCK_CLASS, chunk_id])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [CHUNK_LOCK_CLASS, chunk_id])


def match_run_chunk_process(
    *, chunk_id: int, progress: Callable[[float], None] | None = None
) -> MatchRunChunk:
    """Match one chunk of workers and store its results; idempotent (a retried or recovered
    task replaces the chunk's rows, and a chunk another process is working on or has finished
    is left alone). The last chunk to finish completes the run."""
    with _chunk_processing_lock(chunk_id) as free:
        if not free:  # another task worker has it (a duplicate after recovery)
            return MatchRunChunk.objects.get(pk=chunk_id)
        return _chunk_process(chunk_id=chunk_id, progress=progress)


def _chunk_process(*, chunk_id: int, progress: Callable[[float], None] | None) -> MatchRunChunk:
    chunk = MatchRunChunk.objects.select_related("run").get(pk=chunk_id)
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=chunk.run_id)
        if run.status == MatchRun.Status.FAILED or chunk.status == MatchRunChunk.Status.DONE:
            return chunk
        if run.status == MatchRun.Status.QUEUED:
            _run_move(run, target=MatchRun.Status.RUNNING, action="matching.match_run.running")
            run.save(update_fields=["status"])
    k = int(run.parameters.get("k", DEFAULT_K))
    try:
        demand, supply = _matcher_frames(run, chunk)
        rows = []
        essential = dict(zip(demand["id"], demand["skills"].map(len), strict=True))
        if len(demand) and len(supply):
            matcher = SkillMatcher().fit(demand)
            for direction, ranked in (
                (
                    MatchResult.Direction.FOR_WORKER,
                    matcher.recommend(supply, k=k, explain=True, progress=progress),
                ),
                (
                    MatchResult.Direction.FOR_JOB_ORDER,
                    matcher.recommend_candidates(supply, k=k, explain=True),
                ),
            ):
                rows += [
                    MatchResult(
                        run=run,
                        direction=direction,
                        profile_id=int(r.supply_id),
                        job_order_id=int(r.demand_id),
                        rank=int(r.rank),
                        score=float(r.score),
                        coverage=_coverage(essential[r.demand_id], r.missing_skills),
                        shared_skills=list(r.shared_skills),
                        missing_skills=list(r.missing_skills),
                    )
                    for r in ranked.itertuples(index=False)
                ]
        with transaction.atomic():
            if (
                MatchRunChunk.objects.select_for_update().get(pk=chunk.pk).status
                == MatchRunChunk.Status.DONE
            ):  # finished meanwhile by a duplicate task
                return chunk
            MatchResult.objects.filter(
                run=run,
                profile_id__gte=chunk.first_profile_id,
                profile_id__lte=chunk.last_profile_id,
            ).delete()
            MatchResult.objects.bulk_create(rows, batch_size=SAVE_BATCH)
            chunk.status, chunk.result_count = MatchRunChunk.Status.DONE, len(rows)
            chunk.save(update_fields=["status", "result_count"])
            run = MatchRun.objects.select_for_update().get(pk=run.pk)
            run.chunks_done = run.chunks.filter(status=MatchRunChunk.Status.DONE).count()
            run.progress = run.chunks_done * 100 // max(run.chunk_count, 1)
            fields = ["chunks_done", "progress"]
            if run.chunks_done == run.chunk_count and run.status == MatchRun.Status.RUNNING:
                run.progress = 100
                _run_move(
                    run,
                    target=MatchRun.Status.COMPLETED,
                    action="matching.match_run.completed",
                    changes={"results": [None, run.results.count()]},
                )
                fields += ["status", "finished_at"]
            run.save(update_fields=fields)
    except Exception as exc:
        logger.exception("match run %s chunk %s failed", chunk.run_id, chunk.index)
        with transaction.atomic():
            MatchRunChunk.objects.filter(pk=chunk.pk).update(status=MatchRunChunk.Status.FAILED)
            run = MatchRun.objects.select_for_update().get(pk=chunk.run_id)
            run.errors = [*run.errors, f"chunk {chunk.index}: {exc}"[:500]]
            fields = ["errors"]
            if run.status != MatchRun.Status.FAILED:
                _run_move(
                    run,
                    target=MatchRun.Status.FAILED,
                    action="matching.match_run.failed",
                    reason=str(exc)[:500],
                )
                fields += ["status", "finished_at"]
            run.save(update_fields=fields)
    chunk.refresh_from_db()
    return chunk


def match_runs_recover() -> dict[int, list[int]]:
    """Queue again the chunks of unfinished runs that no task will ever process. A chunk task
    whose worker died is recovered first, as every task is (`portal.durable_tasks.
    tasks_recover`: closed as lost and queued again as its next attempt); what is left is a
    chunk the queue lost altogether (a restored backup, a queue emptied by hand). A chunk is
    left alone while a task for it waits or runs in the queue or a live worker holds its
    processing lock, so this is safe to run at any time, as often as wanted (at worker start
    and every few minutes: docs/reliability.md). Returns {run id: [chunk indexes queued
    again]}, both ways; one audit event per recovered run."""
    from portal.durable_tasks import tasks_pending, tasks_recover

    from .tasks import match_run_chunk_task

    lost = {
        item.kwargs.get("chunk_id")
        for item in tasks_recover()
        if item.task_path == match_run_chunk_task.module_path and item.retry_id
    }
    pending = list(
        MatchRunChunk.objects.filter(
            status=MatchRunChunk.Status.PENDING,
            run__status__in=[MatchRun.Status.QUEUED, MatchRun.Status.RUNNING],
        ).select_related("run")
    )
    if not pending:
        return {}
    in_queue = {result.kwargs.get("chunk_id") for result in tasks_pending(match_run_chunk_task)}
    retried, orphans = [], []
    for chunk in pending:
        if chunk.pk in lost:
            retried.append(chunk)
            continue
        if chunk.pk in in_queue:
            continue
        with _chunk_processing_lock(chunk.pk) as free:
            if free:
                orphans.append(chunk)
    recovered: dict[int, list[int]] = {}
    with transaction.atomic():
        for chunk in sorted(retried + orphans, key=lambda c: (c.run_id, c.index)):
            recovered.setdefault(chunk.run_id, []).append(chunk.index)
        for run in MatchRun.objects.select_for_update().filter(pk__in=recovered):
            audit_record(
                actor=None,
                role="system",
                action="matching.match_run.recovered",
                obj=run,
                from_state=run.status,
                to_state=run.status,
                country=run.country_id or "",
                changes={"chunks_requeued": [None, recovered[run.pk]]},
            )
        chunk_ids = [c.pk for c in orphans]
        transaction.on_commit(lambda: [match_run_chunk_task.enqueue(chunk_id=c) for c in chunk_ids])
    for run_id, indexes in recovered.items():
        logger.warning("match run %s: chunks %s queued again", run_id, indexes)
    return recovered


# --- for workers -----------------------------------------------------------------------------


#: The matcher fitted on the published vacancies, per process, with the fingerprint of what it
#: was fitted on. Refitting per request would cost a full read of every published vacancy.
_published_matcher: dict = {}
_published_matcher_lock = threading.Lock()


def _published_demand():
    """(matcher, essential-skill counts by job order id) for today's published vacancies,
    refitted only when they change: a vacancy published, withdrawn, edited or hidden (its
    agency suspended) changes the count, the id sum or the latest update; a new day may
    close deadlines."""
    from django.db.models import Count, Max, Sum

    from vacancies.selectors import published_job_orders

    published = published_job_orders()
    fingerprint = (
        timezone.localdate(),
        *published.aggregate(n=Count("pk"), ids=Sum("pk"), latest=Max("updated_at")).values(),
    )
    with _published_matcher_lock:
        if _published_matcher.get("fingerprint") != fingerprint:
            demand = frames.job_orders_frame(published)
            matcher = (
                None
                if demand.empty
                else SkillMatcher().fit(
                    demand[["id", "skills", "optional_skills", "occupation", "region", "languages"]]
                )
            )
            _published_matcher.update(
                fingerprint=fingerprint,
                matcher=matcher,
                essential=dict(zip(demand["id"], demand["skills"].map(len), strict=True)),
            )
        return _published_matcher["matcher"], _published_matcher["essential"]


def vacancies_for_worker(*, profile: WorkerProfile, k: int = DEFAULT_K) -> list[dict]:
    """The published vacancies that fit the worker best, scored now (always current: the
    worker may have just edited the profile). Each item: job_order, rank, score,
    shared_skills, missing_skills."""
    from vacancies.models import JobOrder

    matcher, essential = _published_demand()
    supply = frames.profiles_frame(WorkerProfile.objects.filter(pk=profile.pk))
    if matcher is None or supply.empty:
        return []
    ranked = matcher.recommend(
        supply[["id", "skills", "occupation", "languages", "destinations"]], k=k, explain=True
    )
    orders = JobOrder.objects.select_related(
        "region", "destination_country", "occupation", "employer"
    ).in_bulk(list(ranked["demand_id"]))
    return [
        {
            "job_order": orders[r.demand_id],
            "rank": int(r.rank),
            "score": float(r.score),
            "coverage": _coverage(essential[r.demand_id], r.missing_skills),
            "shared_skills": list(r.shared_skills),
            "missing_skills": list(r.missing_skills),
        }
        for r in ranked.itertuples(index=False)
        if r.demand_id in orders
    ]
