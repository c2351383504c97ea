"""Analytics and public reads from a read replica (portal/db_router.py), shown on a real
standby: deploy/replica.py builds a primary and a streaming replica on this machine with the
test database's schema, and a process of its own runs the portal against the two."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection, transaction

from matching import api, reports
from portal import db_router

ROOT = Path(__file__).resolve().parents[2]


def test_without_a_replica_everything_reads_the_primary():
    with pytest.raises(MiddlewareNotUsed):
        db_router.PublicReadsFromReplicaMiddleware(lambda request: None)
    router = db_router.ReplicaRouter()
    assert router.db_for_read(None) == "default"
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "portal") is False


@pytest.mark.django_db
def test_the_router_sends_analytics_reads_to_the_replica_outside_transactions():
    router = db_router.ReplicaRouter()
    with db_router.replica_reads():
        assert router.db_for_read(None) == ("default" if connection.in_atomic_block else "replica")
        with transaction.atomic():
            assert router.db_for_read(None) == "default"
    for report in (reports.supply_demand, reports.quota_uptake, api.country_statistics):
        assert report.__wrapped__  # @reads_from_replica


@pytest.fixture(scope="module")
def primary_and_replica(django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    if not (
        list(Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"))
        or shutil.which("pg_basebackup")
    ):
        pytest.skip("needs PostgreSQL's server binaries (apt-get install postgresql)")
    params = connection.settings_dict
    source = (
        f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST']}:"
        f"{params['PORT'] or 5432}/{params['NAME']}"
    )
    directory = Path(tempfile.mkdtemp(prefix="karavan-replica-", dir="/tmp"))
    script = [sys.executable, str(ROOT / "deploy" / "replica.py")]
    started = subprocess.run(
        [*script, "start", str(directory), "--from-url", source],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        if started.returncode:
            pytest.skip(f"the replica could not be set up here: {started.stderr[-500:]}")
        yield dict(line.split("=", 1) for line in started.stdout.split())
    finally:
        subprocess.run([*script, "stop", str(directory)], timeout=120)


@pytest.mark.postgres
def test_public_reads_and_analytics_use_the_streaming_replica(primary_and_replica):
    env = {
        **os.environ,
        **primary_and_replica,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "KARAVAN_PAGE_CACHE_SECONDS": "0",
    }
    probe = subprocess.run(
        [sys.executable, "-m", "tests.portal.replica_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    assert seen["routers"] == ["portal.db_router.ReplicaRouter"]
    # A real standby: in recovery, refusing writes.
    assert seen["replica_in_recovery"] is True and seen["replica_refuses_writes"] is True
    # An anonymous public page reads the replica only, and shows what the primary wrote.
    public = seen["public_page"]
    assert public["status"] == 200 and public["shows_agency"] and not public["shows_suspended"]
    assert public["replica"] > 0 and public["primary"] == 0
    # A suspension shows at once (the primary commits once the replica has applied it).
    assert seen["after_change"]["shows_change"] and seen["after_change"]["replica"] > 0
    # Not a public read (a session): the primary.
    assert seen["with_session"]["replica"] == 0 and seen["with_session"]["primary"] > 0
    # Analytics on the replica, but not inside a transaction on the primary.
    assert seen["analytics_on_replica"] == 1
