"""Health checks (django-health-check) behind /healthz and /healthz/detail.

- `/healthz` is for load balancers and nginx: a short JSON answer from the checks that decide
  whether this instance can serve pages at all (database and cache), 200
  `{"status": "ok", "database": "up", "cache": "up"}` or 503 with `"status": "unavailable"` and
  the failing part `"down"`. Cheap enough to be asked every few seconds.
- `/healthz/detail` is for staff: every check (database, cache, storage, mail backend,
  migrations applied, task backlog and the age of the oldest waiting task) through
  django-health-check's own view, as HTML, JSON (`?format=json`), text or OpenMetrics.

The two checks of our own follow the library's contract: `run()` raises `ServiceUnavailable`
(down) or `ServiceWarning` (degraded) with a message that carries no personal data.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min
from django.http import JsonResponse
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Mail, Storage
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView

from .durable_tasks import tasks_lost_count
from .policy import is_staff_user

DB_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration on disk is applied to the database (a deploy that forgot `migrate`)."""

    alias: str = DEFAULT_DB_ALIAS

    async def run(self) -> None:
        await sync_to_async(self._run)()  # on the request's thread and its connection

    def _run(self) -> None:
        try:
            executor = MigrationExecutor(connections[self.alias])
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as error:
            raise ServiceUnavailable("database unreachable") from error
        if plan:
            names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:5])
            raise ServiceUnavailable(f"{len(plan)} migration(s) not applied: {names}")


@dataclasses.dataclass
class TaskBacklog(HealthCheck):
    """Tasks waiting to run on the database queue: how many, and how long the oldest has waited.

    Reads django_tasks_db's model through its documented queryset (`ready()`: due and not
    taken). With another backend (the immediate one in development) there is no queue to watch.
    A backlog over `KARAVAN_HEALTH_TASK_BACKLOG` or a wait over
    `KARAVAN_HEALTH_TASK_WAIT_SECONDS` is a warning: workers are missing or too few; so is a
    task left running by a worker that died (`portal.durable_tasks`): `tasks_recover` is not
    being run.
    """

    backend: str = "default"

    async def run(self) -> None:
        await sync_to_async(self._run)()  # on the request's thread and its connection

    def _run(self) -> None:
        if settings.TASKS[self.backend]["BACKEND"] != DB_TASKS_BACKEND:
            return
        from django_tasks_db.models import DBTaskResult

        try:
            waiting = DBTaskResult.objects.ready().filter(backend_name=self.backend)
            summary = waiting.aggregate(count=Count("pk"), oldest=Min("enqueued_at"))
        except DatabaseError as error:
            raise ServiceUnavailable("task queue unreachable") from error
        count, oldest = summary["count"], summary["oldest"]
        wait = (timezone.now() - oldest) if oldest else datetime.timedelta(0)
        lost = tasks_lost_count(backend=self.backend)
        if lost:
            raise ServiceWarning(
                f"{lost} task(s) left running by a worker that died; is tasks_recover scheduled?"
            )
        if count > settings.KARAVAN_HEALTH_TASK_BACKLOG or (
            wait.total_seconds() > settings.KARAVAN_HEALTH_TASK_WAIT_SECONDS
        ):
            raise ServiceWarning(
                f"{count} task(s) waiting, the oldest for {int(wait.total_seconds())} s"
            )


def _cache_checks():
    checks = [Cache]
    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith(".RedisCache"):  # the cache is Redis: ping it as well
        from health_check.contrib.redis import Redis
        from redis.asyncio import Redis as RedisClient

        url = cache["LOCATION"]
        checks.append((Redis, {"client_factory": lambda: RedisClient.from_url(url)}))
    return checks


#: What decides whether this instance can serve pages: the load balancer's view.
ESSENTIAL = (Database, Cache)


def detailed_checks():
    return [
        Database,
        *_cache_checks(),
        (Storage, {"alias": "default"}),
        (Storage, {"alias": "private"}),
        Mail,
        Migrations,
        TaskBacklog,
    ]


class LoadBalancerHealthView(HealthCheckView):
    """`/healthz`: the short JSON answer, 200 or 503, from the essential checks."""

    checks = ESSENTIAL

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        body = {type(r.check).__name__.lower(): "down" if r.error else "up" for r in results}
        healthy = not any(r.error for r in results)
        return JsonResponse(
            {"status": "ok" if healthy else "unavailable", **body}, status=200 if healthy else 503
        )


class StaffHealthView(HealthCheckView):
    """`/healthz/detail`: every check, for staff (sign-in asked of others)."""

    def get_checks(self):
        self.checks = detailed_checks()
        return super().get_checks()

    async def dispatch(self, request, *args, **kwargs):
        user = await request.auser()
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not await sync_to_async(is_staff_user)(user):
            raise PermissionDenied
        return await super().dispatch(request, *args, **kwargs)
