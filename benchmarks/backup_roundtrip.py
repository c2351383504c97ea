"""Backup and restore of the demo dataset on PostgreSQL: time, size, and a check that it all
came back.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/karavan_backup_bench \
        .venv/bin/python benchmarks/backup_roundtrip.py

Not part of `make bench`: it DROPS and recreates the database it is given (default
karavan_backup_bench), migrates, loads reference and demo data, then runs
`manage.py backup` and `manage.py restore --noinput` on it, with uploads and backups in a
temporary directory. Baseline in the same run: a bare `pg_dump --format=custom` of the same
database, so the figures show what the manifest, checksums and file archives add. Figures go
into docs/reliability.md between the backup markers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/karavan_backup_bench")
WORK = Path(tempfile.mkdtemp(prefix="karavan-backup-bench-"))
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ["PRIVATE_MEDIA_ROOT"] = str(WORK / "private")
os.environ["KARAVAN_BACKUP_DIR"] = str(WORK / "backups")


def _createdb() -> None:
    import environ

    db = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    env = {
        **os.environ,
        "PGHOST": str(db["HOST"]),
        "PGPORT": str(db["PORT"] or 5432),
        "PGUSER": db["USER"],
        "PGPASSWORD": db.get("PASSWORD", ""),
    }
    # A fresh database every run, so the demo data and its uploads are complete and ours.
    subprocess.run(["dropdb", "--if-exists", db["NAME"]], env=env, check=True)
    subprocess.run(["createdb", db["NAME"]], env=env, check=True)


def _counts() -> dict:
    from licensing.models import Licence
    from portal.models import AuditEvent, User
    from vacancies.models import JobOrder, WorkerProfile

    return {
        "users": User.objects.count(),
        "audit events": AuditEvent.objects.count(),
        "licences": Licence.objects.count(),
        "job orders": JobOrder.objects.count(),
        "worker profiles": WorkerProfile.objects.count(),
    }


def _size(path: Path) -> int:
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if path.is_dir()
        else path.stat().st_size
    )


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.2f} MiB"


def main() -> None:
    _createdb()
    import django

    django.setup()
    from _report import cpu_model, write_section
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from portal.backups import _pg_env

    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database of its own.")
    call_command("migrate", verbosity=0)
    call_command("load_reference_data")
    call_command("load_demo_data")
    before = _counts()

    start = time.perf_counter()
    subprocess.run(
        ["pg_dump", "--format=custom", "--file", str(WORK / "bare.dump")], env=_pg_env(), check=True
    )
    bare_seconds = time.perf_counter() - start

    start = time.perf_counter()
    call_command("backup")
    backup_seconds = time.perf_counter() - start
    (backup,) = Path(settings.KARAVAN_BACKUP_DIR).iterdir()
    sizes = {p.name: p.stat().st_size for p in sorted(backup.iterdir())}

    start = time.perf_counter()
    call_command("restore", str(backup), interactive=False)
    restore_seconds = time.perf_counter() - start
    after = _counts()
    if after != before:
        raise SystemExit(f"Restore lost data: {before} → {after}")

    import datetime as dt
    import platform

    uploads = _size(Path(settings.MEDIA_ROOT)) + _size(Path(settings.PRIVATE_MEDIA_ROOT))
    text = "\n".join(
        [
            f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores "
            f"(nproc, shared), {cpu_model()}; Python {platform.python_version()}, "
            f"{subprocess.run(['pg_dump', '--version'], capture_output=True, text=True).stdout.strip()}"
            f", by `benchmarks/backup_roundtrip.py` on the demo dataset "
            f"({', '.join(f'{v} {k}' for k, v in before.items())}; uploads {_mib(uploads)}).",
            "",
            "| step | time | size |",
            "|---|---|---|",
            f"| baseline: bare `pg_dump --format=custom` | {bare_seconds:.2f} s | "
            f"{_mib((WORK / 'bare.dump').stat().st_size)} |",
            f"| `manage.py backup` (dump, archives, SHA-256 manifest) | {backup_seconds:.2f} s "
            f"({backup_seconds / bare_seconds:.1f}× baseline) | {_mib(sum(sizes.values()))} |",
            f"| `manage.py restore` (verify, recreate schema, pg_restore, files) | "
            f"{restore_seconds:.2f} s ({restore_seconds / bare_seconds:.1f}× baseline) | — |",
            "",
            "Files: " + ", ".join(f"`{name}` {_mib(size)}" for name, size in sizes.items()) + ".",
            f"After the restore every count above was the same ({sum(before.values())} rows "
            "compared).",
        ]
    )
    write_section(ROOT / "docs/reliability.md", "backup", text)
    print(text)


if __name__ == "__main__":
    main()
