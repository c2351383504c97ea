"""/healthz (load balancers) and /healthz/detail (staff), on the real database and Redis.

A stopped Redis is a cache pointed at a port where nothing listens (settings override), not a
mock; the database-down case is in test_health_and_security.py (a separate process).
"""

import datetime
import os

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.tasks import task
from django.test import override_settings
from django.utils import timezone

from tests.conftest import give_totp, requires_postgres

REDIS = os.environ.get("REDIS_TEST_URL")
needs_redis = pytest.mark.skipif(not REDIS, reason="needs Redis (REDIS_TEST_URL; .ci/run sets it)")
CLOSED_PORT_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}
REDIS_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
}
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task
def health_probe_task():
    return None


@pytest.fixture
def staff_client(client, people):
    officer = people["officer"]
    give_totp(officer)
    client.force_login(officer)
    return client


def _detail(client):
    response = client.get("/healthz/detail?format=json")
    return response.status_code, response.json()


def _entry(body, name):
    return next(value for key, value in body.items() if key.startswith(name))


@pytest.mark.django_db
def test_healthz_is_short_json_for_load_balancers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "cache": "up"}
    assert "no-cache" in response["Cache-Control"]


@needs_redis
@pytest.mark.django_db
def test_healthz_up_on_redis(client):
    with override_settings(CACHES=REDIS_CACHE):
        response = client.get("/healthz")
    assert response.status_code == 200, response.content


@pytest.mark.django_db
def test_healthz_503_when_the_cache_does_not_answer(client):
    with override_settings(CACHES=CLOSED_PORT_CACHE):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "up", "cache": "down"}


@pytest.mark.django_db
def test_detail_asks_for_sign_in_and_refuses_non_staff(client, people):
    assert client.get("/healthz/detail").status_code == 302
    client.force_login(people["worker"])
    assert client.get("/healthz/detail").status_code == 403


@needs_redis
@pytest.mark.django_db
def test_detail_lists_every_check_for_staff(staff_client):
    with override_settings(CACHES=REDIS_CACHE):
        status, body = _detail(staff_client)
    assert status == 200, body
    names = " ".join(body)
    for check in (
        "Database",
        "Cache",
        "Redis",
        "Storage(alias='default')",
        "Storage(alias='private')",
        "Mail",
        "Migrations",
        "TaskBacklog",
    ):
        assert check in names
    assert set(body.values()) == {"OK"}
    # The page for a browser, too.
    assert b"Migrations" in staff_client.get("/healthz/detail", HTTP_ACCEPT="text/html").content


@pytest.mark.django_db
def test_detail_names_the_stopped_redis(staff_client):
    with override_settings(CACHES=CLOSED_PORT_CACHE):
        status, body = _detail(staff_client)
    assert status == 500
    assert _entry(body, "Cache") != "OK"
    assert _entry(body, "Redis") != "OK"
    assert _entry(body, "Database") == "OK"


@pytest.mark.django_db
def test_detail_reports_a_migration_not_applied(staff_client):
    """As after a deploy that forgot `migrate`: the newest migration is not in the database."""
    app, name = next(
        node for node in MigrationLoader(connection).graph.leaf_nodes() if node[0] == "portal"
    )
    MigrationRecorder(connection).record_unapplied(app, name)
    status, body = _detail(staff_client)
    assert status == 500, body
    assert f"1 migration(s) not applied: portal.{name}" in _entry(body, "Migrations")


@pytest.mark.django_db
def test_detail_reports_the_task_backlog_and_the_oldest_wait(staff_client):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DB_TASKS, KARAVAN_HEALTH_TASK_WAIT_SECONDS=600):
        health_probe_task.enqueue()
        health_probe_task.enqueue()
        status, body = _detail(staff_client)
        assert _entry(body, "TaskBacklog") == "OK"  # two fresh tasks: nothing to worry about
        DBTaskResult.objects.filter(
            pk__in=DBTaskResult.objects.ready().order_by("enqueued_at").values("pk")[:1]
        ).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=20))
        status, body = _detail(staff_client)
    assert status == 500
    assert "2 task(s) waiting, the oldest for 1200 s" in _entry(body, "TaskBacklog")


@requires_postgres
@pytest.mark.django_db
def test_detail_warns_of_a_task_left_running_by_a_dead_worker(staff_client):
    """A worker killed mid-task leaves it RUNNING with nobody holding its lock: until
    tasks_recover runs (every minute), the staff view says so."""
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DB_TASKS):
        result = health_probe_task.enqueue()
        row = DBTaskResult.objects.get(pk=result.id)
        row.claim("killed-worker")
        DBTaskResult.objects.filter(pk=row.pk).update(
            started_at=timezone.now() - datetime.timedelta(minutes=5)
        )
        status, body = _detail(staff_client)
    assert status == 500
    assert "1 task(s) left running by a worker that died" in _entry(body, "TaskBacklog")
