"""Every background task is retried with back-off and recovered when its worker dies.

`@durable_task` is Django's `@task` plus two promises, the same for every task kind (one
mechanism, not a copy per app):

- **Retry with back-off.** When the task raises, the same task is queued again with the same
  arguments, to run after the next delay of `KARAVAN_TASK_RETRY_DELAYS` (or the task's own
  `retry_delays`); the failed attempt stays in the queue as FAILED, so what happened is visible.
  The attempt number travels in the `task_attempt` keyword. After the last delay the task is
  given up (logged as an error). Exceptions in `give_up_on` (default: the object is gone) are
  not retried. Only queues that can defer (the database queue in production) retry; the
  immediate backend of development and tests runs each task once, as before.
- **Recovery when the worker dies.** `django_tasks_db` marks a task RUNNING when a worker takes
  it and never notices a worker killed by SIGKILL, out of memory or a lost machine. While a
  task runs, its worker holds a PostgreSQL session advisory lock named after the task result
  (taken on Django's `task_started` signal, released on `task_finished`, which the worker
  sends after recording the outcome); the database drops the lock with the connection of a
  dead process. `tasks_recover()` (`manage.py tasks_recover`, run by the scheduler every minute
  and before each worker starts) closes each RUNNING task whose lock nobody holds as failed
  (`WorkerLost`) and queues it again as the next attempt, with the same back-off.

Tasks must therefore be idempotent (they are: each one checks the state it changes), since a
task may run again after it did part of its work.

Only public APIs of the task backend are used: Django's task results (`TaskResult.task`,
`.args`, `.kwargs`, `.status`), and django_tasks_db's documented querysets (`running()`,
`ready()`) and the result's own `set_failed()`; no raw SQL on its table, no private fields.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import logging
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, connection, transaction
from django.tasks import Task, TaskResult, TaskResultStatus
from django.tasks import task as django_task
from django.utils import timezone

logger = logging.getLogger(__name__)

DB_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
#: The keyword that carries the attempt number (1 for the first run).
ATTEMPT = "task_attempt"


class WorkerLost(Exception):  # noqa: N818 - the name is what an operator reads in the queue
    """The task worker stopped (killed, out of memory, machine lost) while running the task."""


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """How often and how late a failed task is tried again."""

    delays: tuple[int, ...] | None = None  # None: settings.KARAVAN_TASK_RETRY_DELAYS
    give_up_on: tuple[type[BaseException], ...] = (ObjectDoesNotExist,)

    def delay_after(self, attempt: int) -> int | None:
        """Seconds to wait before the attempt after `attempt`; None when none is left."""
        delays = (
            self.delays
            if self.delays is not None
            else tuple(int(seconds) for seconds in settings.KARAVAN_TASK_RETRY_DELAYS)
        )
        return delays[attempt - 1] if 1 <= attempt <= len(delays) else None


#: module path of each durable task → its retry policy, and → the task.
POLICIES: dict[str, RetryPolicy] = {}
TASKS: dict[str, Task] = {}


def durable_task(
    function: Callable | None = None,
    *,
    retry_delays: tuple[int, ...] | None = None,
    give_up_on: tuple[type[BaseException], ...] = (ObjectDoesNotExist,),
    **options,
) -> Task | Callable[[Callable], Task]:
    """`@durable_task` / `@durable_task(retry_delays=(60, 600), priority=…)`: a Django task that
    is retried with back-off and recovered when its worker dies (see the module docstring).
    Callers enqueue it as any task: `my_task.enqueue(object_id=…)`."""

    def decorate(func: Callable) -> Task:
        # Without Django's task context: a task may take a keyword named `context` itself
        # (notification_send does), and the wrapper needs only its own arguments.
        def run(*args, **kwargs):
            attempt = int(kwargs.pop(ATTEMPT, 1))
            try:
                return func(*args, **kwargs)
            except give_up_on:
                raise
            except Exception as error:
                try:
                    retry_later(
                        TASKS[declared.module_path],
                        args=args,
                        kwargs=kwargs,
                        attempt=attempt,
                        error=error,
                    )
                except DatabaseError:  # the queue is unreachable: tasks_recover will see it
                    logger.exception("task %s: the retry could not be queued", declared.module_path)
                raise

        # Django finds a task by its module path: the wrapper takes the function's place.
        for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(run, attribute, getattr(func, attribute))
        declared = django_task(**options)(run)
        TASKS[declared.module_path] = declared
        POLICIES[declared.module_path] = RetryPolicy(
            delays=tuple(retry_delays) if retry_delays is not None else None,
            give_up_on=tuple(give_up_on),
        )
        return declared

    return decorate(function) if function is not None else decorate


def retry_later(
    task: Task, *, args: tuple | list, kwargs: dict, attempt: int, error: BaseException
) -> TaskResult | None:
    """Queue `task` again with the same arguments as attempt `attempt + 1` after its back-off,
    or give up. Returns the new task result, or None (no attempt left, or a backend that
    cannot defer)."""
    backend = task.get_backend()
    if not backend.supports_defer:  # the immediate backend: development runs each task once
        return None
    name = task.module_path
    delay = POLICIES.get(name, RetryPolicy()).delay_after(attempt)
    if delay is None:
        logger.error(
            "task %s: attempt %s failed (%s); no retry left", name, attempt, type(error).__name__
        )
        return None
    logger.warning(
        "task %s: attempt %s failed (%s); retry in %s s", name, attempt, type(error).__name__, delay
    )
    again = task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    plain = {key: value for key, value in kwargs.items() if key != ATTEMPT}
    return again.enqueue(*args, **plain, **{ATTEMPT: attempt + 1})


# --- the liveness lock ---------------------------------------------------------------------


def _watched(backend_alias: str) -> bool:
    """Tasks of this backend can be left RUNNING by a dead worker and are watched: the
    database queue, on PostgreSQL (the only database with session advisory locks)."""
    return (
        settings.TASKS.get(backend_alias, {}).get("BACKEND") == DB_TASKS_BACKEND
        and connection.vendor == "postgresql"
    )


def _lock_key(result_id: str) -> int:
    """A signed 64-bit advisory-lock key for a task result (the two-key form used elsewhere,
    e.g. match-run chunks, lives in a separate key space)."""
    digest = hashlib.blake2b(f"karavan-task:{result_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def task_started_lock(sender, task_result: TaskResult, **kwargs) -> None:
    """`task_started`: hold the task's liveness lock on this worker's connection."""
    if not _watched(task_result.backend):
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_lock_key(task_result.id)])


def task_finished_unlock(sender, task_result: TaskResult, **kwargs) -> None:
    """`task_finished` (sent after the outcome is recorded): release the liveness lock."""
    if not _watched(task_result.backend):
        return
    with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [_lock_key(task_result.id)])


@contextlib.contextmanager
def _lock_if_free(result_id: str) -> Iterator[bool]:
    """True (holding the lock meanwhile) when no live worker holds the task's liveness lock."""
    key = _lock_key(result_id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        free = cursor.fetchone()[0]
    try:
        yield free
    finally:
        if free:
            with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


# --- recovery ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Recovered:
    """One task found RUNNING without a live worker: closed, and its retry (if any)."""

    task_path: str
    kwargs: dict
    lost_id: str
    retry_id: str | None


def _running_past_grace(backend: str, grace_seconds: int | None) -> list:
    from django_tasks_db.models import DBTaskResult

    grace = settings.KARAVAN_TASK_RECOVER_GRACE_SECONDS if grace_seconds is None else grace_seconds
    cutoff = timezone.now() - datetime.timedelta(seconds=grace)
    return list(
        DBTaskResult.objects.running()
        .filter(backend_name=backend, started_at__lte=cutoff)
        .values_list("pk", flat=True)
    )


def tasks_lost_count(*, backend: str = "default") -> int:
    """How many tasks are RUNNING with no live worker (what `tasks_recover` would recover):
    more than zero for long means the scheduler does not run it (the health check warns)."""
    if not _watched(backend):
        return 0
    lost = 0
    for pk in _running_past_grace(backend, None):
        with _lock_if_free(str(pk)) as free:
            lost += bool(free)
    return lost


def tasks_recover(*, backend: str = "default", grace_seconds: int | None = None) -> list[Recovered]:
    """Close as failed (`WorkerLost`) every task left RUNNING by a dead worker and queue it again
    as its next attempt. Safe at any time, as often as wanted: a task is touched only when it
    started more than `grace_seconds` ago (`KARAVAN_TASK_RECOVER_GRACE_SECONDS`: the moment
    between a worker taking a task and locking it) and nobody holds its liveness lock."""
    if not _watched(backend):
        return []
    from django_tasks_db.models import DBTaskResult

    recovered = []
    for pk in _running_past_grace(backend, grace_seconds):
        with _lock_if_free(str(pk)) as free:
            if not free:
                continue  # a live worker is on it
            with transaction.atomic():
                row = (
                    DBTaskResult.objects.select_for_update(skip_locked=True)
                    .running()
                    .filter(pk=pk)
                    .first()
                )
                if row is None:  # finished meanwhile
                    continue
                lost = WorkerLost(
                    "the task worker stopped during this task; tasks_recover queued it again"
                )
                row.set_failed(lost)
                try:
                    result = row.task_result
                except ImportError:  # the task no longer exists in the code: nothing to run
                    logger.error("task %s %s: its worker died; the task is gone", row.task_path, pk)
                    continue
                attempt = int(result.kwargs.get(ATTEMPT, 1))
                retry = retry_later(
                    TASKS.get(row.task_path, result.task),
                    args=result.args,
                    kwargs=result.kwargs,
                    attempt=attempt,
                    error=lost,
                )
            kwargs = {k: v for k, v in result.kwargs.items() if k != ATTEMPT}
            recovered.append(
                Recovered(
                    task_path=row.task_path,
                    kwargs=kwargs,
                    lost_id=str(pk),
                    retry_id=retry.id if retry else None,
                )
            )
            logger.warning(
                "task %s %s: its worker died; %s",
                row.task_path,
                pk,
                f"queued again as {retry.id}" if retry else "no retry left",
            )
    return recovered


def tasks_of(
    task: Task, *, statuses: list[str] | None = None, backend: str = "default"
) -> list[TaskResult]:
    """The results of `task` in the database queue (optionally only those in `statuses`), as
    Django's public `TaskResult`s; none with a backend that keeps no queue."""
    if settings.TASKS.get(backend, {}).get("BACKEND") != DB_TASKS_BACKEND:
        return []
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(backend_name=backend, task_path=task.module_path)
    if statuses is not None:
        rows = rows.filter(status__in=statuses)
    return [row.task_result for row in rows]


def tasks_pending(task: Task, *, backend: str = "default") -> list[TaskResult]:
    """The results of `task` waiting (retries deferred to later included, which `ready()`
    leaves out until due) or running: for recovery that looks for work no task will do."""
    return tasks_of(
        task, statuses=[TaskResultStatus.READY, TaskResultStatus.RUNNING], backend=backend
    )


def connect_signals() -> None:
    """Called from `PortalConfig.ready()`."""
    from django.tasks.signals import task_finished, task_started

    task_started.connect(task_started_lock, dispatch_uid="karavan-task-liveness-lock")
    task_finished.connect(task_finished_unlock, dispatch_uid="karavan-task-liveness-unlock")
