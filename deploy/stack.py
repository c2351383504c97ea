#!/usr/bin/env python3
"""`make stack`: the production stack on this machine, as deploy/ describes it.

nginx (Debian's package, TLS with a throw-away self-signed certificate) in front of two gunicorn
instances, two task workers and the scheduler, on PostgreSQL and Redis, with production
settings (`portal.settings.production`). The same nginx locations as production
(deploy/nginx/karavan-locations.conf); the same commands as the systemd units.

    python deploy/stack.py run      # prepare, start, wait for Ctrl-C, stop
    python deploy/stack.py start    # prepare and start in the background, print the URL
    python deploy/stack.py stop
    python deploy/stack.py manage <command> …   # a management command in the stack's settings

Needs DATABASE_URL (PostgreSQL; its database is used as it is: migrated, reference data and
the demo accounts loaded; STACK_DEMO=full loads all demo data) and Redis (REDIS_URL, default redis://127.0.0.1:6379/14). Everything the stack
writes (nginx config, certificate, logs, pids, static, media, e-mails) is in STACK_DIR
(default .stack/, git-ignored). tests/stack/ starts it and runs the smoke test through nginx.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STACK_DIR = Path(os.environ.get("STACK_DIR", ROOT / ".stack")).resolve()
PYTHON = os.environ.get("STACK_PYTHON", sys.executable)
HTTPS_PORT = int(os.environ.get("STACK_PORT", "8443"))
APP_PORTS = (8101, 8102)
WORKERS = 2
# The scheduler runs every job of deploy/systemd's timers (tests/stack checks the two lists
# agree), each at its interval in seconds: the frequent ones as in production, the daily ones
# ten minutes after the stack starts and then daily. The daily jobs that enqueue a task
# (licensing_daily, saved_search_alerts) run on the task workers with the retry and recovery
# of every task (portal/durable_tasks.py).
SCHEDULE = [
    ("tasks_recover", 60),
    ("publish_scheduled", 300),
    ("match_runs_recover", 300),
    ("licensing_daily", 86400),
    ("saved_search_alerts", 86400),
    ("permits_daily", 86400),
    ("protection_daily", 86400),
    ("cycle_daily", 86400),
    ("clearsessions", 86400),
    ("prune_db_task_results", 86400),
    ("backup", 86400),
]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def environment() -> dict:
    """Production settings with this machine's services; keys persist in STACK_DIR."""
    keys = STACK_DIR / "keys.env"
    if not keys.exists():
        from cryptography.fernet import Fernet

        keys.write_text(
            f"DJANGO_SECRET_KEY={secrets.token_urlsafe(48)}\n"
            f"KARAVAN_FIELD_KEYS={Fernet.generate_key().decode()}\n"
            f"KARAVAN_PAYMENT_WEBHOOK_SECRET={secrets.token_urlsafe(32)}\n"
        )
    env = dict(os.environ)
    env.update(line.split("=", 1) for line in keys.read_text().splitlines() if "=" in line)
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("make stack needs DATABASE_URL pointing at PostgreSQL.")
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{HTTPS_PORT},https://localhost:{HTTPS_PORT}",
            "DJANGO_HSTS_SECONDS": "0",
            "REDIS_URL": env.get("REDIS_URL") or "redis://127.0.0.1:6379/14",
            "KARAVAN_TRUSTED_PROXIES": "1",
            "KARAVAN_SITE_URL": f"https://127.0.0.1:{HTTPS_PORT}",
            "KARAVAN_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "KARAVAN_EMAIL_OPTIONS": '{"file_path": "%s"}' % (STACK_DIR / "mail"),
            "STATIC_ROOT": str(STACK_DIR / "staticfiles"),
            "MEDIA_ROOT": str(STACK_DIR / "media"),
            "PRIVATE_MEDIA_ROOT": str(STACK_DIR / "private_media"),
            "KARAVAN_BACKUP_DIR": str(STACK_DIR / "backups"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(env: dict, *args: str, settings: str | None = None) -> None:
    run_env = dict(env, DJANGO_SETTINGS_MODULE=settings) if settings else env
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=run_env, check=True)


def prepare(env: dict) -> None:
    """What an operator does once per release (README, "Running in production")."""
    manage(env, "compile_translations")
    manage(env, "migrate", "--no-input")
    manage(env, "load_reference_data")
    # Demo accounts (STACK_DEMO=full: all demo data); the loader refuses production settings
    # on purpose, so it runs with the development ones on the same database.
    demo = [] if os.environ.get("STACK_DEMO") == "full" else ["--accounts-only"]
    manage(env, "load_demo_data", *demo, settings="portal.settings.dev")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    # The deployment checks see production's mail settings (SMTP); the stack itself writes
    # e-mails to STACK_DIR/mail, a development backend that `check --deploy` rightly refuses.
    production_mail = {k: v for k, v in env.items() if not k.startswith("KARAVAN_EMAIL_")}
    manage(production_mail, "check", "--deploy", "--fail-level", "ERROR")


def certificate() -> tuple[Path, Path]:
    cert, key = STACK_DIR / "tls.crt", STACK_DIR / "tls.key"
    if not cert.exists():
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "7",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
        )
    return cert, key


def nginx_config() -> Path:
    cert, key = certificate()
    upstreams = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=2 fail_timeout=5s;" for port in APP_PORTS
    )
    conf = STACK_DIR / "nginx.conf"
    # As root (CI), nginx's workers would drop to `nobody`, who cannot write STACK_DIR.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(f"""# Written by deploy/stack.py; production uses deploy/nginx/karavan.conf.
{user}worker_processes 1;
pid {STACK_DIR}/nginx.pid;
error_log {STACK_DIR}/logs/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {STACK_DIR}/logs/nginx-access.log;
    client_body_temp_path {STACK_DIR}/nginx-tmp/body;
    proxy_temp_path {STACK_DIR}/nginx-tmp/proxy;
    fastcgi_temp_path {STACK_DIR}/nginx-tmp/fastcgi;
    uwsgi_temp_path {STACK_DIR}/nginx-tmp/uwsgi;
    scgi_temp_path {STACK_DIR}/nginx-tmp/scgi;
    upstream karavan_app {{
{upstreams}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{HTTPS_PORT} ssl;
        server_name localhost 127.0.0.1;
        ssl_certificate {cert};
        ssl_certificate_key {key};
        set $karavan_root {STACK_DIR};
        include {ROOT}/deploy/nginx/karavan-locations.conf;
    }}
}}
""")
    return conf


def spawn(name: str, args: list[str], env: dict) -> None:
    log = open(STACK_DIR / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
    process = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    (STACK_DIR / "pids" / f"{name}.pid").write_text(str(process.pid))


def start() -> str:
    for sub in ("logs", "pids", "mail", "media", "private_media", "nginx-tmp"):
        (STACK_DIR / sub).mkdir(parents=True, exist_ok=True)
    env = environment()
    prepare(env)
    for port in APP_PORTS:
        spawn(
            f"web-{port}",
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "60",
            ],
            env,
        )
    for number in range(1, WORKERS + 1):
        spawn(
            f"worker-{number}",
            [PYTHON, "manage.py", "db_worker", "--worker-id", f"stack-{number}"],
            env,
        )
    spawn("scheduler", [PYTHON, __file__, "scheduler"], env)
    subprocess.run([NGINX, "-c", str(nginx_config()), "-p", str(STACK_DIR)], check=True)
    url = f"https://127.0.0.1:{HTTPS_PORT}"
    wait_healthy(url)
    return url


def wait_healthy(url: str, seconds: int = 90) -> None:
    import ssl

    context = ssl.create_default_context(cafile=STACK_DIR / "tls.crt")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", context=context, timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(1)
    sys.exit(f"the stack did not answer {url}/healthz within {seconds} s; see {STACK_DIR}/logs/")


def stop() -> None:
    pid_file = STACK_DIR / "nginx.pid"
    if pid_file.exists():
        subprocess.run(
            [NGINX, "-c", str(STACK_DIR / "nginx.conf"), "-p", str(STACK_DIR), "-s", "quit"],
            check=False,
        )
    for pid in (STACK_DIR / "pids").glob("*.pid") if (STACK_DIR / "pids").exists() else []:
        try:
            os.killpg(int(pid.read_text()), signal.SIGTERM)
        except (ProcessLookupError, ValueError):
            pass
        pid.unlink()


def scheduler() -> None:
    """The frequent scheduled jobs, each at its interval, for as long as the stack runs."""
    # Not all at once while the app servers start: the frequent jobs after a minute, the
    # daily ones after ten (each job is a Django start-up of its own).
    start = time.monotonic()
    due = {name: start + (60 if interval < 3600 else 600) for name, interval in SCHEDULE}
    while True:
        now = time.monotonic()
        for name, interval in SCHEDULE:
            if now >= due[name]:
                # Arguments as karavan-job@.service gives them: KARAVAN_JOB_ARGS_<command>.
                args = os.environ.get(f"KARAVAN_JOB_ARGS_{name}", "").split()
                subprocess.run([PYTHON, "manage.py", name, *args], cwd=ROOT, check=False)
                due[name] = now + interval
        time.sleep(5)


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "scheduler":
        scheduler()
    elif command == "stop":
        stop()
    elif command == "manage":
        manage(environment(), *sys.argv[2:])
    elif command == "start":
        print(start())
    elif command == "run":
        try:
            print(f"Karavan stack on {start()} (Ctrl-C stops it; logs in {STACK_DIR}/logs/)")
            signal.pause()
        except KeyboardInterrupt:
            pass
        finally:
            stop()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
