"""Every task kind is retried with back-off and recovered when its worker dies
(portal/durable_tasks.py, docs/reliability.md), on the real database queue and a real worker."""

import datetime
import importlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.tasks import Task
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import durable_tasks
from portal.durable_tasks import ATTEMPT, POLICIES, tasks_recover
from tests.conftest import requires_postgres
from tests.portal import task_probes

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ROOT = Path(__file__).resolve().parents[2]


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--verbosity", "0"
    )


def results(task):
    return list(DBTaskResult.objects.filter(task_path=task.module_path).order_by("enqueued_at"))


PROJECT_PACKAGES = {"portal", "licensing", "vacancies", "matching", "info_campaigns"}


@pytest.fixture(autouse=True)
def _calls():
    task_probes.CALLS.clear()


def test_every_task_of_the_portal_is_durable():
    """No task kind escapes the retry and the recovery: each one is declared `@durable_task`."""
    found = []
    for app in apps.get_app_configs():
        # The project's own apps (the virtualenv may sit inside the checkout: not its apps).
        if (
            app.name.split(".")[0] not in PROJECT_PACKAGES
            or not Path(app.path, "tasks.py").exists()
        ):
            continue
        module = importlib.import_module(f"{app.name}.tasks")
        found += [obj for obj in vars(module).values() if isinstance(obj, Task)]
    assert len(found) >= 7
    assert [t.module_path for t in found if t.module_path not in POLICIES] == []


@pytest.mark.django_db(transaction=True)
def test_a_failing_task_is_retried_after_a_growing_delay():
    with override_settings(TASKS=DB_TASKS, KARAVAN_TASK_RETRY_DELAYS=[60, 600]):
        task_probes.flaky_task.enqueue(failures=5, label="backoff")
        before = timezone.now()
        run_worker()
        first, retry = results(task_probes.flaky_task)
        assert first.status == "FAILED" and "ConnectionError" in first.exception_class_path
        assert retry.status == "READY" and retry.task_result.kwargs[ATTEMPT] == 2
        assert before + datetime.timedelta(seconds=60) <= retry.run_after
        assert retry.run_after <= timezone.now() + datetime.timedelta(seconds=60)
        run_worker()  # not due yet: nothing runs
        assert task_probes.CALLS == ["backoff"]


@pytest.mark.django_db(transaction=True)
def test_a_retried_task_succeeds_and_the_last_failure_gives_up():
    with override_settings(TASKS=DB_TASKS, KARAVAN_TASK_RETRY_DELAYS=[0, 0]):
        ok = task_probes.flaky_task.enqueue(failures=2, label="recovers")
        run_worker()  # attempts 1 and 2 fail, 3 succeeds (each retry is due at once)
        statuses = [
            (r.status, r.task_result.kwargs.get(ATTEMPT, 1))
            for r in results(task_probes.flaky_task)
        ]
        assert statuses == [("FAILED", 1), ("FAILED", 2), ("SUCCESSFUL", 3)]
        assert DBTaskResult.objects.get(pk=ok.id).status == "FAILED"  # the first attempt's record

        DBTaskResult.objects.all().delete()
        task_probes.flaky_task.enqueue(failures=9, label="hopeless")
        run_worker()
        assert [r.status for r in results(task_probes.flaky_task)] == ["FAILED"] * 3
        assert task_probes.CALLS.count("hopeless") == 3  # one try and two retries, then no more


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_object_is_gone_is_not_retried():
    with override_settings(TASKS=DB_TASKS, KARAVAN_TASK_RETRY_DELAYS=[0, 0]):
        task_probes.gone_task.enqueue(label="deleted")
        run_worker()
    assert [r.status for r in results(task_probes.gone_task)] == ["FAILED"]


@pytest.mark.django_db
def test_the_immediate_backend_of_development_runs_a_task_once():
    result = task_probes.flaky_task.enqueue(failures=1, label="dev")
    assert result.status == "FAILED" and task_probes.CALLS == ["dev"]


def _abandon(task_result_id, *, minutes_ago=5):
    """What a killed worker leaves: the task taken ("running") and nobody holding its lock."""
    row = DBTaskResult.objects.get(pk=task_result_id)
    row.claim("dead-worker")
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_an_abandoned_task_is_recovered_and_retried():
    with override_settings(TASKS=DB_TASKS, KARAVAN_TASK_RETRY_DELAYS=[0]):
        lost = task_probes.flaky_task.enqueue(failures=0, label="abandoned")
        _abandon(lost.id, minutes_ago=0)
        assert tasks_recover() == []  # just taken: within the grace a worker may still lock it
        DBTaskResult.objects.filter(pk=lost.id).update(
            started_at=timezone.now() - datetime.timedelta(minutes=5)
        )
        [recovered] = tasks_recover()
        assert (recovered.lost_id, recovered.kwargs) == (
            lost.id,
            {"failures": 0, "label": "abandoned"},
        )
        closed = DBTaskResult.objects.get(pk=lost.id)
        assert closed.status == "FAILED"
        assert closed.exception_class_path == "portal.durable_tasks.WorkerLost"
        retry = DBTaskResult.objects.get(pk=recovered.retry_id)
        assert retry.status == "READY" and retry.task_result.kwargs[ATTEMPT] == 2
        assert tasks_recover() == []  # idempotent
        run_worker()
        retry.refresh_from_db()
        assert retry.status == "SUCCESSFUL" and task_probes.CALLS == ["abandoned"]
        call_command("tasks_recover", stdout=open(os.devnull, "w"))  # noqa: SIM115


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_a_task_held_by_a_live_worker_is_left_alone():
    """A live worker holds the task's lock on its own connection; when it dies, the lock goes."""
    params = connection.settings_dict
    with override_settings(TASKS=DB_TASKS):
        busy = task_probes.flaky_task.enqueue(failures=0, label="busy")
        _abandon(busy.id)
        with psycopg.connect(
            host=params["HOST"],
            port=params["PORT"] or 5432,
            user=params["USER"],
            password=params["PASSWORD"] or None,
            dbname=params["NAME"],
        ) as worker:
            worker.execute("SELECT pg_advisory_lock(%s)", [durable_tasks._lock_key(busy.id)])
            assert tasks_recover() == []
            assert DBTaskResult.objects.get(pk=busy.id).status == "RUNNING"
        [recovered] = tasks_recover()
    assert recovered.lost_id == busy.id


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_s_task_is_recovered_and_finished(tmp_path):
    """A real `db_worker` process is killed (SIGKILL) in the middle of a task."""
    params = connection.settings_dict
    url = (
        f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST']}:"
        f"{params['PORT'] or 5432}/{params['NAME']}"
    )
    flag = tmp_path / "keep-running"
    flag.write_text("")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "KARAVAN_TASKS_BACKEND": DB_TASKS["default"]["BACKEND"],
    }
    with override_settings(TASKS=DB_TASKS):
        task_result = task_probes.slow_task.enqueue(flag=str(flag))
        worker = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-startup-delay",
                "--interval",
                "0.1",
                "--worker-id",
                "doomed",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while DBTaskResult.objects.get(pk=task_result.id).status != "RUNNING":
                assert time.monotonic() < deadline, "the worker never took the task"
                assert worker.poll() is None, "the worker stopped"
                time.sleep(0.1)
            time.sleep(1)  # inside the task, its lock held
            assert tasks_recover(grace_seconds=0) == []  # alive: left alone
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
        flag.unlink()  # the retry finishes at once
        deadline = time.monotonic() + 10
        recovered = []
        while not recovered and time.monotonic() < deadline:  # the server sees the socket close
            recovered = tasks_recover(grace_seconds=0)
            time.sleep(0.1)
        [item] = recovered
        assert DBTaskResult.objects.get(pk=task_result.id).status == "FAILED"
        retry = DBTaskResult.objects.get(pk=item.retry_id)
        assert retry.run_after >= timezone.now() + datetime.timedelta(seconds=3)  # its back-off
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        run_worker()
        retry.refresh_from_db()
    assert (retry.status, retry.return_value) == ("SUCCESSFUL", "finished")
    assert settings.KARAVAN_TASK_RECOVER_GRACE_SECONDS > 0
