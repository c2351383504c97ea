"""`make faults`: what happens when PostgreSQL restarts under load, and when the task worker
is killed during a match run. Figures go to docs/reliability.md (section "faults").

1. PostgreSQL outage under load. gunicorn (2 workers) serves locust users — public visitors,
   signed-in workers and agency staff, and complainants who file anonymous complaints and note
   every tracking code they are answered with. A probe asks for an uncached, database-backed
   page every 0.2 s. Mid-run PostgreSQL is stopped (`pg_ctlcluster … stop -m fast`), left down
   FAULTS_OUTAGE_SECONDS (3) and started again; gunicorn is not touched. Measured: what
   clients got during the outage (by status), whether 503 answers are the translated page
   with Retry-After, how long after PostgreSQL was back the probe got 200 again, and whether
   every complaint answered with a tracking code is in the database afterwards.
2. Task worker killed. A match run over FAULTS_PROFILES synthetic workers (10,000, added once
   by `generate_synthetic`) in chunks of FAULTS_CHUNK_SIZE (500), one `db_worker`. After the
   first chunk is done the worker gets SIGKILL mid-chunk; then, as a supervisor restarting it
   would, `match_runs_recover` (which recovers the dead worker's task through
   `tasks_recover`, portal/durable_tasks.py) and a new `db_worker`. Measured: that the killed task was left
   "running", the time until the run completed, and that every chunk's results are stored
   exactly once.

Needs DATABASE_URL (PostgreSQL on this machine: the script restarts its cluster) and root or
the postgres user for pg_ctlcluster. FAULTS_RUN_TIME (60s) is the length of the load run.
"""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import _stack  # noqa: E402
from _stack import log  # noqa: E402

from benchmarks._report import machine_line, write_section  # noqa: E402

DOC = _stack.ROOT / "docs" / "reliability.md"


def pg_cluster() -> list[str]:
    host = urlsplit(os.environ.get("DATABASE_URL", "")).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1", ""):
        raise SystemExit(
            "make faults restarts PostgreSQL, so it must run on this machine "
            f"(DATABASE_URL points at {host})."
        )
    versions = sorted(os.listdir("/etc/postgresql"))
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main"]


def pg(action: str, *extra: str) -> None:
    subprocess.run([*pg_cluster(), action, *extra], check=True, capture_output=True, timeout=120)


def pg_ensure_up() -> None:
    """Start PostgreSQL unless it runs (pg_ctlcluster status: 0 running, 3 stopped)."""
    if subprocess.run([*pg_cluster(), "status"], capture_output=True).returncode != 0:
        pg("start")


class Probe(threading.Thread):
    """GET an uncached, database-backed page every 0.2 s; keep (time, status, is 503 page)."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.samples, self.running = base, [], True

    def run(self):
        while self.running:
            url = f"{self.base}/en/vacancies/?q=probe{uuid.uuid4().hex[:8]}"
            started = time.time()
            try:
                status, body, headers = _stack.get(url, timeout=10)
            except OSError:
                status, body, headers = 0, b"", {}
            page = (
                status == 503
                and b"Service temporarily unavailable" in body
                and b'lang="en"' in body
                and int(headers.get("Retry-After", 0)) > 0
                and b"Traceback" not in body
            )
            self.samples.append((started, status, page))
            time.sleep(0.2)


def outage_under_load(procs, env, base, run_time: str, outage: float) -> dict:
    codes_file = _stack.WORK / "submissions.txt"
    requests_file = _stack.WORK / "requests.tsv"
    for f in (codes_file, requests_file):
        f.write_text("")
    locust = _stack.run_locust(
        procs,
        env,
        base,
        users=int(os.environ.get("FAULTS_USERS", "30")),
        run_time=run_time,
        user_classes=["AnonymousVisitor", "Worker", "AgencyStaff", "Complainant"],
        csv_prefix="faults_outage",
        spawn_rate=10,
        extra_env={
            "LOAD_SUBMISSIONS_FILE": str(codes_file),
            "LOAD_REQUEST_LOG": str(requests_file),
        },
    )
    probe = Probe(base)
    probe.start()
    time.sleep(_stack.seconds(run_time) / 3)
    log(f"stopping PostgreSQL for {outage:.0f} s")
    down = time.time()
    try:
        pg("stop", "-m", "fast")
        stopped = time.time()
        time.sleep(outage)
    finally:
        pg_ensure_up()
    up = time.time()
    log("PostgreSQL started again")
    recovered = None
    while recovered is None and time.time() < up + 120:
        time.sleep(0.2)
        recovered = next((t for t, status, _p in probe.samples if t >= up and status == 200), None)
    _stack.wait(locust, "locust (outage run)", _stack.seconds(run_time) + 180)
    probe.running = False
    probe.join(15)
    end = recovered or time.time()

    during = collections.Counter()
    for line in requests_file.read_text().splitlines():
        started, status, _name = line.split("\t", 2)
        if down <= float(started) <= end:
            during[int(status)] += 1
    probe_during = [(s, p) for t, s, p in probe.samples if down <= t <= end]
    codes = [c for c in codes_file.read_text().split() if c]
    found = _stack.shell_json(
        env,
        (
            "import json; from licensing.models import Complaint; "
            f"codes = {codes!r}; "
            "print(json.dumps(Complaint.objects.filter(tracking_code__in=codes).count()))"
        ),
    )
    total = _stack.read_stats("faults_outage")[-1]
    return {
        "stop_seconds": stopped - down,
        "outage_seconds": up - down,
        "recovery_seconds": (recovered - up) if recovered else None,
        "unavailable_seconds": (end - down),
        "during": dict(sorted(during.items())),
        "probe_503": sum(1 for s, _p in probe_during if s == 503),
        "probe_503_page": sum(1 for s, p in probe_during if s == 503 and p),
        "probe_other": collections.Counter(s for s, _p in probe_during if s not in (200, 503)),
        "submissions": len(codes),
        "submissions_found": found,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
    }


SYNTHETIC = """
import json
from vacancies.models import WorkerProfile
print(json.dumps(WorkerProfile.objects.filter(user__email__endswith="@synthetic.invalid").count()))
"""

RUN_START = """
import json
from matching.services import match_run_start
run = match_run_start(by=None, country=None, k=10, chunk_size={chunk_size})
print(json.dumps(run.pk))
"""

RUN_STATE = """
import json
from matching.models import MatchResult, MatchRun
from matching.tasks import match_run_chunk_task
from portal.durable_tasks import tasks_of
run = MatchRun.objects.get(pk={run_id})
rows = MatchResult.objects.filter(run=run)
chunks = set(run.chunks.values_list("pk", flat=True))
mine = [r for r in tasks_of(match_run_chunk_task) if r.kwargs.get("chunk_id") in chunks]
print(json.dumps({{
    "status": run.status, "chunks": run.chunk_count, "done": run.chunks_done,
    "results": rows.count(),
    "distinct": rows.values("direction", "profile_id", "job_order_id").distinct().count(),
    "chunk_results": sum(run.chunks.values_list("result_count", flat=True)),
    "tasks": {{s: sum(r.status == s for r in mine)
              for s in ("READY", "RUNNING", "SUCCESSFUL", "FAILED")}},
}}))
"""


def worker_killed(procs, env) -> dict:
    profiles = int(os.environ.get("FAULTS_PROFILES", "10000"))
    chunk_size = int(os.environ.get("FAULTS_CHUNK_SIZE", "500"))
    have = _stack.shell_json(env, SYNTHETIC)
    if have < profiles:
        log(f"generating {profiles - have} synthetic worker profiles")
        _stack.manage(
            env,
            "generate_synthetic",
            "--profiles",
            str(profiles - have),
            "--no-progress",
            "--seed",
            str(have + 1),
            capture=True,
        )
    worker_args = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--no-startup-delay",
        "--interval",
        "0.2",
    ]
    worker = procs.start(worker_args, env, "worker1.log")
    started = time.time()
    run_id = _stack.shell_json(env, RUN_START.format(chunk_size=chunk_size))
    import psycopg  # polled directly: a Django shell per look takes seconds

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        while time.time() < started + 900:
            status, done = conn.execute(
                "SELECT status, chunks_done FROM matching_matchrun WHERE id = %s", [run_id]
            ).fetchone()
            # The next chunk is being worked on (the task queue's table is not read directly).
            running = conn.execute(
                "SELECT chunk_count > chunks_done FROM matching_matchrun WHERE id = %s", [run_id]
            ).fetchone()[0]
            if done >= 1 and running:
                break
            if status in ("completed", "failed"):
                raise SystemExit(
                    f"match run #{run_id} ended before the worker could be "
                    "killed; raise FAULTS_PROFILES or lower FAULTS_CHUNK_SIZE"
                )
            time.sleep(0.1)
    time.sleep(0.5)  # inside the next chunk
    log(f"SIGKILL to the task worker (pid {worker.pid}) during match run #{run_id}")
    os.kill(worker.pid, signal.SIGKILL)
    killed = time.time()
    worker.wait(10)
    time.sleep(3)
    after_kill = _stack.shell_json(env, RUN_STATE.format(run_id=run_id))
    log(f"after the kill: {after_kill}")
    # What a supervisor does when it starts a worker again (docs/reliability.md).
    # The killed task started seconds ago: judge it at once (the grace is for live workers
    # between taking a task and locking it; this one is dead) and retry it without back-off.
    recover_env = dict(env, KARAVAN_TASK_RECOVER_GRACE_SECONDS="0", KARAVAN_TASK_RETRY_DELAYS="0")
    recover_out = _stack.manage(recover_env, "match_runs_recover", capture=True).strip()
    restarted = time.time()
    procs.start(worker_args, env, "worker2.log")
    final = after_kill
    while time.time() < restarted + 900:
        final = _stack.shell_json(env, RUN_STATE.format(run_id=run_id))
        if final["status"] in ("completed", "failed"):
            break
        time.sleep(0.5)
    completed = time.time()
    return {
        "run": run_id,
        "profiles": profiles,
        "chunk_size": chunk_size,
        "after_kill": after_kill,
        "recover": recover_out,
        "final": final,
        "run_before_kill_seconds": killed - started,
        "kill_to_complete_seconds": completed - killed,
        "restart_to_complete_seconds": completed - restarted,
    }


def main() -> int:
    pg_cluster()
    run_time = os.environ.get("FAULTS_RUN_TIME", "60s")
    outage = float(os.environ.get("FAULTS_OUTAGE_SECONDS", "3"))
    env = _stack.environment()
    procs = _stack.Processes()
    try:
        base, _targets = _stack.start_site(procs, env)
        outage_figures = outage_under_load(procs, env, base, run_time, outage)
        log(f"outage: {outage_figures}")
        kill_figures = worker_killed(procs, env)
        log(f"worker killed: {kill_figures}")
    finally:
        procs.stop_all()
        pg_ensure_up()  # never leave PostgreSQL down, whatever failed
    return report(outage_figures, kill_figures, run_time, outage)


def report(o: dict, k: dict, run_time: str, outage: float) -> int:
    lost = o["submissions"] - o["submissions_found"]
    final = k["final"]
    once = final["results"] == final["distinct"] == final["chunk_results"]
    statuses = ", ".join(f"{status or 'no answer'}: {n}" for status, n in o["during"].items())
    others = dict(o["probe_other"])
    ok = (
        lost == 0
        and o["recovery_seconds"] is not None
        and final["status"] == "completed"
        and once
        and not {s for s in o["during"] if s not in (200, 302, 503)}
    )
    recovery = (
        f"{o['recovery_seconds']:.2f} s"
        if o["recovery_seconds"] is not None
        else "**not within 120 s**"
    )
    text = "\n".join(
        [
            f"{machine_line()}. gunicorn {_stack.GUNICORN_WORKERS} workers × "
            f"{_stack.GUNICORN_THREADS} threads, PostgreSQL {pg_cluster()[2]}, Redis."
            + _stack.load_note(),
            "",
            f"**PostgreSQL restarted under load** ({run_time} of locust, public, signed-in and "
            "complainant users; PostgreSQL stopped with `-m fast`, down "
            f"{o['outage_seconds']:.1f} s):",
            "",
            "| figure | value |",
            "|---|---|",
            f"| requests in the run / failed (any non-2xx/3xx, mostly the outage's 503s) | "
            f"{o['requests']} / {o['failures']} |",
            f"| answers from PostgreSQL's stop until the probe's first 200, by status | {statuses} |",
            f"| probe's 503 answers during the outage / of them the translated 503 page with "
            f"Retry-After | {o['probe_503']} / {o['probe_503_page']} |",
            f"| probe's other answers during the outage | {others or 'none'} |",
            f"| time from PostgreSQL started to the first 200 (no gunicorn restart) | {recovery} |",
            f"| complaints answered with a tracking code / found in the database afterwards | "
            f"{o['submissions']} / {o['submissions_found']} (lost: **{lost}**) |",
            "",
            f"**Task worker killed (SIGKILL) during a match run** (#{k['run']}: {k['profiles']:,} "
            f"synthetic workers in chunks of {k['chunk_size']:,}, one `db_worker`):",
            "",
            "| figure | value |",
            "|---|---|",
            f"| killed after | {k['run_before_kill_seconds']:.1f} s, "
            f"{k['after_kill']['done']} of {k['after_kill']['chunks']} chunks done |",
            f"| the killed chunk's task, seconds after the kill | "
            f'{k["after_kill"]["tasks"]["RUNNING"]} left "running" by django_tasks_db |',
            f"| `match_runs_recover` | {k['recover']} |",
            f"| new worker started → run {final['status']} | "
            f"{k['restart_to_complete_seconds']:.1f} s (kill → {final['status']}: "
            f"{k['kill_to_complete_seconds']:.1f} s) |",
            f"| results stored / distinct / counted by chunks | {final['results']:,} / "
            f"{final['distinct']:,} / {final['chunk_results']:,} "
            f"({'each once' if once else '**duplicates or gaps**'}) |",
            "",
            "All checks passed." if ok else "**Some checks failed: see the tables.**",
        ]
    )
    print(text)
    if not os.environ.get("LOAD_NO_DOC"):
        write_section(DOC, "faults", text)
        log(f"written to {DOC}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
