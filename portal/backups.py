"""Backups of the database and the uploaded files, and their restore (docs/reliability.md).

A backup is one directory:

    database.dump      PostgreSQL: `pg_dump --format=custom`
    database.sqlite3   SQLite: a consistent copy made with the sqlite3 backup API
    media.tar.gz       MEDIA_ROOT (public uploads: leaflets, images, documents)
    private.tar.gz     PRIVATE_MEDIA_ROOT (licence and permit documents, complaint evidence)
    manifest.json      SHA-256 and size of each file, time, version, applied migrations

Restore checks every checksum before touching anything. On PostgreSQL it drops and recreates
the `public` schema and loads the dump into it (see `database_restore` for why not --clean).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

MANIFEST = "manifest.json"
FORMAT = 1
#: Upload roots kept in a backup, by archive name.
MEDIA_ARCHIVES = {"media.tar.gz": "MEDIA_ROOT", "private.tar.gz": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def backup_root() -> Path:
    return Path(settings.KARAVAN_BACKUP_DIR)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _vendor() -> str:
    return connection.vendor


def _pg_env() -> dict:
    """libpq reads the connection from the environment: the password never shows in `ps`."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _run(args: list[str], **kwargs) -> None:
    # Fixed programs (pg_dump, psql, pg_restore) with arguments built here, no shell.
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, **kwargs)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip() or result.stdout.strip()}")


def _app_version() -> str:
    try:
        return version("karavan")
    except PackageNotFoundError:
        import tomllib

        pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
        return tomllib.loads(pyproject.read_text())["project"]["version"]


def _migrations() -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


# --- backup ----------------------------------------------------------------------------------


def database_backup(target: Path) -> Path:
    if _vendor() == "postgresql":
        out = target / "database.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(out)])
        return out
    if _vendor() == "sqlite":
        out = target / "database.sqlite3"
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"], uri=True)
        copy = sqlite3.connect(out)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return out
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {_vendor()}.")


def media_backup(target: Path) -> list[Path]:
    archives = []
    for name, setting in MEDIA_ARCHIVES.items():
        root = Path(getattr(settings, setting))
        out = target / name
        with tarfile.open(out, "w:gz") as tar:
            if root.is_dir():
                for child in sorted(root.iterdir()):
                    tar.add(child, arcname=child.name)
        archives.append(out)
    return archives


def backup_create(*, root: Path | None = None) -> Path:
    """Write a new backup directory under `root` (default: the backups setting); return it."""
    created = dt.datetime.now(dt.UTC)
    target = (root or backup_root()) / created.strftime("%Y%m%d-%H%M%S")
    if target.exists():
        raise BackupError(f"{target} already exists; wait a second and try again.")
    target.mkdir(parents=True)
    os.chmod(target, 0o700)  # holds personal data: readable by the service account only
    try:
        files = [database_backup(target), *media_backup(target)]
        manifest = {
            "format": FORMAT,
            "created_at": created.isoformat(),
            "app_version": _app_version(),
            "database_vendor": _vendor(),
            "migrations": _migrations(),
            "files": {
                path.name: {"sha256": sha256(path), "size": path.stat().st_size} for path in files
            },
        }
        (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


# --- restore ---------------------------------------------------------------------------------


def backup_verify(source: Path) -> dict:
    """The manifest, once every file it lists is present with the right size and SHA-256."""
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{source} is not a backup: {MANIFEST} is missing.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["files"].items():
        path = source / name
        if Path(name).name != name or not path.is_file():
            raise BackupError(f"{name} is missing from the backup.")
        if path.stat().st_size != expected["size"] or sha256(path) != expected["sha256"]:
            raise BackupError(
                f"{name} does not match its checksum in {MANIFEST}: the backup "
                "is damaged or was changed. Nothing was restored."
            )
    if manifest["database_vendor"] != _vendor():
        raise BackupError(
            f"The backup is of a {manifest['database_vendor']} database; this "
            f"installation uses {_vendor()}. Nothing was restored."
        )
    return manifest


def database_restore(source: Path, manifest: dict) -> None:
    """Replace the whole database with the backup's.

    PostgreSQL: drop and recreate the `public` schema, then `pg_restore` into it. Not
    `pg_restore --clean`: that only drops what the dump contains (tables added by a later
    migration would survive next to old data) and it cannot clear the append-only audit table
    in place (DELETE and TRUNCATE are refused by its trigger); dropping the schema removes the
    table with its trigger, and the dump recreates the trigger after loading the rows.
    """
    connections.close_all()
    if manifest["database_vendor"] == "postgresql":
        user = settings.DATABASES["default"].get("USER") or "CURRENT_USER"
        owner = f'"{user}"' if user != "CURRENT_USER" else user
        _run(
            [
                "psql",
                "--no-psqlrc",
                "--quiet",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                f"DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public AUTHORIZATION {owner};",
            ]
        )
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                settings.DATABASES["default"]["NAME"],
                str(source / "database.dump"),
            ]
        )
    else:
        live = sqlite3.connect(settings.DATABASES["default"]["NAME"], uri=True)
        copy = sqlite3.connect(source / "database.sqlite3")
        try:
            with live:
                copy.backup(live)
        finally:
            copy.close()
            live.close()


def media_restore(source: Path) -> None:
    """Replace each upload root with the archive's content (the old one is removed after)."""
    for name, setting in MEDIA_ARCHIVES.items():
        root = Path(getattr(settings, setting))
        root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-restore-", dir=root.parent))
        with tarfile.open(source / name, "r:gz") as tar:
            tar.extractall(staging, filter="data")  # refuses absolute paths and ../
        old = root.with_name(f".{root.name}-before-restore")
        shutil.rmtree(old, ignore_errors=True)
        if root.exists():
            root.rename(old)
        staging.rename(root)
        shutil.rmtree(old, ignore_errors=True)


def backup_restore(source: Path, manifest: dict | None = None) -> dict:
    """Verify (unless the caller just did) and restore the database, then the files."""
    manifest = manifest or backup_verify(source)
    database_restore(source, manifest)
    media_restore(source)
    return manifest
