#!/usr/bin/env python3
"""A primary and a read replica (streaming replication) on this machine, in one directory.

    python deploy/replica.py start DIR [--from-url postgres://…/db]   # prints two URLs
    python deploy/replica.py stop DIR

Shows the scale-out of docs/operations.md without touching the machine's own cluster: a new
primary (initdb, port 5491) and a standby made from it by `pg_basebackup` (port 5492) that
streams and applies its WAL; then the primary waits, at each commit, until the standby has
applied it (`synchronous_commit = remote_apply`, the replica named in
`synchronous_standby_names`), so a page read from the replica right after a change shows it.
With `--from-url`, the schema and data of that database are copied into the primary first
(`pg_dump | psql`). The database is called `karavan`; the URLs printed are for DATABASE_URL
and DATABASE_REPLICA_URL. Run as root, the clusters belong to the `postgres` user (PostgreSQL
refuses to run as root). Needs PostgreSQL's server binaries (Debian: postgresql-15).
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import shutil
import subprocess
import sys
import time
from pathlib import Path

PRIMARY_PORT = int(os.environ.get("REPLICA_PRIMARY_PORT", "5491"))
REPLICA_PORT = int(os.environ.get("REPLICA_PORT", "5492"))
DATABASE = "karavan"
STANDBY_NAME = "karavan_replica"


def bin_dir() -> Path:
    """PostgreSQL's server binaries (initdb, pg_ctl are not on PATH on Debian)."""
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name)
    )
    if versions:
        return Path(versions[-1]).parent
    found = shutil.which("initdb")
    if found and shutil.which("psql", path=str(Path(found).parent)):
        return Path(found).parent
    raise SystemExit(
        "PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) not found: "
        "apt-get install postgresql"
    )


def as_owner(args: list, **kwargs) -> subprocess.CompletedProcess:
    """Run a PostgreSQL program as the clusters' owner (postgres when we are root)."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *map(str, args)]
    return subprocess.run(list(map(str, args)), check=True, **kwargs)


def _psql(port: int, sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        [
            bin_dir() / "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "-d",
            database,
            "-Atc",
            sql,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def start(directory: Path, from_url: str | None) -> tuple[str, str]:
    pg = bin_dir()
    directory.mkdir(parents=True, exist_ok=True)
    primary, replica = directory / "primary", directory / "replica"
    if os.geteuid() == 0:  # the clusters' owner must reach and own the directory
        owner = pwd.getpwnam("postgres")
        os.chown(directory, owner.pw_uid, owner.pw_gid)
        directory.chmod(0o700)
    # initdb's pg_hba.conf with --auth=trust allows local and replication connections.
    as_owner(
        [
            pg / "initdb",
            "-D",
            primary,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        capture_output=True,
    )
    with open(primary / "postgresql.conf", "a") as conf:
        conf.write(
            f"\nport = {PRIMARY_PORT}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{directory}'\nwal_level = replica\n"
            "max_wal_senders = 4\nfsync = off\nshared_buffers = 32MB\n"
        )
    as_owner(
        [pg / "pg_ctl", "-D", primary, "-l", directory / "primary.log", "-w", "start"],
        capture_output=True,
    )
    _psql(PRIMARY_PORT, f"CREATE DATABASE {DATABASE}")
    if from_url:
        dump = subprocess.Popen(
            [pg / "pg_dump", "--no-owner", "--no-privileges", from_url], stdout=subprocess.PIPE
        )
        subprocess.run(
            [
                pg / "psql",
                "-q",
                "-h",
                "127.0.0.1",
                "-p",
                str(PRIMARY_PORT),
                "-U",
                "postgres",
                "-d",
                DATABASE,
                "-v",
                "ON_ERROR_STOP=1",
            ],
            stdin=dump.stdout,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if dump.wait():
            raise SystemExit("pg_dump failed")
    # The standby: a base backup that writes standby.signal and the primary's address.
    as_owner(
        [
            pg / "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            PRIMARY_PORT,
            "-U",
            "postgres",
            "-D",
            replica,
            "-X",
            "stream",
            "-R",
        ],
        capture_output=True,
    )
    with open(replica / "postgresql.auto.conf", "a") as conf:
        conf.write(
            f"\nport = {REPLICA_PORT}\nprimary_conninfo = 'host=127.0.0.1 "
            f"port={PRIMARY_PORT} user=postgres application_name={STANDBY_NAME}'\n"
            "hot_standby = on\n"
        )
    as_owner(
        [pg / "pg_ctl", "-D", replica, "-l", directory / "replica.log", "-w", "start"],
        capture_output=True,
    )
    deadline = time.monotonic() + 60
    streaming = (
        "SELECT count(*) FROM pg_stat_replication "  # noqa: S608 - a constant
        f"WHERE application_name = '{STANDBY_NAME}' AND state = 'streaming'"
    )
    while _psql(PRIMARY_PORT, streaming) != "1":
        if time.monotonic() > deadline:
            raise SystemExit(f"the replica did not stream within 60 s; see {directory}/*.log")
        time.sleep(0.2)
    # From now on each commit waits until the replica has applied it.
    _psql(PRIMARY_PORT, f"ALTER SYSTEM SET synchronous_standby_names = '{STANDBY_NAME}'")
    _psql(PRIMARY_PORT, "ALTER SYSTEM SET synchronous_commit = 'remote_apply'")
    _psql(PRIMARY_PORT, "SELECT pg_reload_conf()")
    return (
        f"postgres://postgres@127.0.0.1:{PRIMARY_PORT}/{DATABASE}",
        f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/{DATABASE}",
    )


def stop(directory: Path) -> None:
    pg = bin_dir()
    for name in ("replica", "primary"):
        if (directory / name / "postmaster.pid").exists():
            as_owner(
                [pg / "pg_ctl", "-D", directory / name, "-m", "immediate", "-w", "stop"],
                capture_output=True,
            )
    shutil.rmtree(directory, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "stop"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--from-url", default=None)
    options = parser.parse_args()
    directory = options.directory.resolve()
    if options.command == "start":
        primary, replica = start(directory, options.from_url)
        print(f"DATABASE_URL={primary}\nDATABASE_REPLICA_URL={replica}")
    else:
        stop(directory)


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.exit(
            f"{' '.join(map(str, error.cmd))} failed:\n"
            f"{(error.stderr or b'').decode(errors='replace')[-2000:]}"
        )
