"""What `make load` and `make faults` share: a dedicated PostgreSQL database with reference and
demo data, gunicorn (2 workers) on a free local port, locust runs, and clean-up of every process
they started — also when something fails.

Settings: `portal.settings.loadtest` (production settings over plain HTTP, see that module).
Environment: DATABASE_URL (PostgreSQL, required: the load database is created next to it),
LOAD_DATABASE (default karavan_load), LOAD_REDIS_URL (default redis://127.0.0.1:6379/14),
LOAD_RELOAD=1 (load reference and demo data again into an existing load database),
LOAD_WORK_DIR (logs and locust CSV files, default /tmp/karavan-load).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
WORK = Path(os.environ.get("LOAD_WORK_DIR", "/tmp/karavan-load"))  # noqa: S108 — scratch
# A fixed Fernet key: demo MFA secrets are encrypted with it when the data is loaded and must
# decrypt on the next run. Throw-away, like the database.
FIELD_KEY = "bG9hZC10ZXN0LW9ubHktZmVybmV0LWtleS0zMmJ5dGU="
GUNICORN_WORKERS = 2
GUNICORN_THREADS = 4


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def database_urls() -> tuple[str, str, str]:
    """(URL of the load database, URL of the server's maintenance database, load db name)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit(
            "make load / make faults need DATABASE_URL pointing at PostgreSQL, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/karavan"
        )
    name = os.environ.get("LOAD_DATABASE", "karavan_load")
    parts = urlsplit(url)
    return (
        urlunsplit(parts._replace(path=f"/{name}")),
        urlunsplit(parts._replace(path="/postgres")),
        name,
    )


def environment() -> dict:
    load_url, _maintenance, _name = database_urls()
    WORK.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.loadtest",
        "DJANGO_SECRET_KEY": "load-test-" + secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KARAVAN_FIELD_KEY": FIELD_KEY,
        "DATABASE_URL": load_url,
        "REDIS_URL": os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "PRIVATE_MEDIA_ROOT": str(WORK / "private_media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=capture,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(
            f"manage.py {' '.join(args)} failed:\n"
            f"{(result.stdout or '')[-2000:]}{(result.stderr or '')[-3000:]}"
        )
    return result.stdout or ""


def prepare_database(env: dict) -> None:
    """Create the load database when missing; migrate and load reference and demo data (both
    idempotent); static files for the manifest storage; an empty cache."""
    import psycopg
    import redis

    _load_url, maintenance, name = database_urls()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            log(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')
    log("migrate")
    manage(env, "migrate", "--no-input", capture=True)
    reload = os.environ.get("LOAD_RELOAD") == "1"
    if reload or not shell_json(env, DEMO_LOADED):
        log("reference and demo data")
        manage(env, "load_reference_data", capture=True)
        manage(env, "load_demo_data", capture=True)
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    newest = max(f.stat().st_mtime for f in (ROOT / "static").rglob("*") if f.is_file())
    if reload or not manifest.exists() or manifest.stat().st_mtime < newest:
        log("collectstatic")
        manage(env, "collectstatic", "--no-input", capture=True)
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()


#: Both loaders are idempotent but slow; a database that has the demo accounts is reused
#: (LOAD_RELOAD=1 loads again).
DEMO_LOADED = (
    "import json; from portal.models import User; print(json.dumps("
    "User.objects.filter(email='worker@demo.karavan.kz').exists()))"
)


def shell_json(env: dict, code: str):
    """Run Python in a Django shell of the load settings; its last output line is JSON."""
    out = manage(env, "shell", "--no-imports", "-c", code, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 10) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers={"User-Agent": "karavan-load"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


class Processes:
    """Every process started here, stopped (by its own pid, then its group) on exit."""

    def __init__(self):
        self.started: list[subprocess.Popen] = []

    def start(self, args: list[str], env: dict, log_name: str) -> subprocess.Popen:
        out = open(WORK / log_name, "w")  # noqa: SIM115 — closed with the process
        proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 20) -> None:
        if proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)

    def stop_all(self) -> None:
        for proc in reversed(self.started):
            self.stop(proc)


def start_gunicorn(procs: Processes, env: dict) -> str:
    """gunicorn with 2 gthread workers of 4 threads each; returns the base URL once healthy."""
    port = free_port()
    procs.start(
        [
            str(VENV_BIN / "gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(GUNICORN_WORKERS),
            "--worker-class",
            "gthread",
            "--threads",
            str(GUNICORN_THREADS),
            "--timeout",
            "60",
            "--keep-alive",
            "5",
            "--backlog",
            "2048",
        ],
        env,
        "gunicorn.log",
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if get(f"{base}/healthz", timeout=5)[0] == 200:
                log(f"gunicorn ready at {base}")
                return base
        time.sleep(1)
    raise SystemExit(f"gunicorn did not become healthy; see {WORK / 'gunicorn.log'}")


#: The public addresses the locust users visit, per page type and language (LOAD_TARGETS).
DISCOVER = """
import json
from info_campaigns.models import DestinationGuidePage
from licensing.models import Licence
from vacancies.selectors import published_job_orders
langs = ["ru", "tg", "ky", "uz", "en"]
guides = {l: [p.get_url(None) for p in DestinationGuidePage.objects.live().filter(
          locale__language_code=l)] for l in langs}
orders = published_job_orders()
countries = sorted(set(orders.values_list("destination_country_id", flat=True)))
queries = ([f"country={c}" for c in countries[:3]] + ["q=welder", "q=cook"]
           + [f"country={c}&q=worker" for c in countries[:1]])
vacancies = list(orders.order_by("-pk").values_list("pk", flat=True)[:8])
numbers = list(Licence.objects.values_list("number", flat=True)[:5])
public = {
    "home": {l: [f"/{l}/"] for l in langs},
    "guide": {l: guides[l] or [f"/{l}/"] for l in langs},
    "vacancy search (filters)": {l: [f"/{l}/vacancies/?{q}" for q in queries] for l in langs},
    "vacancy page": {l: [f"/{l}/vacancies/{pk}/" for pk in vacancies] for l in langs},
    "registry": {l: [f"/{l}/registry/"] for l in langs},
    "verify by number": {l: [f"/{l}/verify/{n}/" for n in numbers] for l in langs},
    "campaign search": {l: [f"/{l}/search/?q={q}" for q in ("patent", "fees", "contract")]
                        for l in langs},
}
print(json.dumps({"public": public}))
"""


def start_site(procs: Processes, env: dict) -> tuple[str, dict]:
    """The database ready, the public addresses to visit found (handed to the locustfile in
    LOAD_TARGETS), gunicorn up; returns (base URL, those addresses)."""
    prepare_database(env)
    targets = shell_json(env, DISCOVER)
    env["LOAD_TARGETS"] = json.dumps(targets)
    return start_gunicorn(procs, env), targets


def run_locust(
    procs: Processes,
    env: dict,
    base: str,
    *,
    users: int,
    run_time: str,
    user_classes: list[str],
    csv_prefix: str,
    extra_env: dict | None = None,
    spawn_rate: int | None = None,
) -> subprocess.Popen:
    """Start a headless locust run (not waited for); stats go to WORK/<csv_prefix>_stats.csv."""
    args = [
        str(VENV_BIN / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        base,
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate or users),
        "--run-time",
        run_time,
        "--stop-timeout",
        "10",
        "--csv",
        str(WORK / csv_prefix),
        "--only-summary",
        "--exit-code-on-error",
        "0",
        *user_classes,
    ]
    return procs.start(args, {**env, **(extra_env or {})}, f"{csv_prefix}.log")


def wait(proc: subprocess.Popen, what: str, timeout: float) -> None:
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired as exc:
        raise SystemExit(f"{what} did not finish within {timeout:.0f} s") from exc


def read_stats(csv_prefix: str) -> list[dict]:
    with open(WORK / f"{csv_prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def load_note() -> str:
    """The machine's load average at the end of a run: absolute figures are only comparable
    between runs on an otherwise idle machine (ratios within a run hold up better)."""
    one, five, _fifteen = os.getloadavg()
    return (
        f" Load average at the end: {one:.1f} (1 min), {five:.1f} (5 min) on "
        f"{os.cpu_count()} cores{' — other jobs shared the machine' if five > (os.cpu_count() or 1) else ''}."
    )


def seconds(run_time: str) -> int:
    """'5m', '30s', '1h', '90' → seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    run_time = run_time.strip()
    if run_time[-1] in units:
        return int(float(run_time[:-1]) * units[run_time[-1]])
    return int(run_time)
