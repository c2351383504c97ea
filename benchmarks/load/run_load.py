"""`make load`: gunicorn (2 workers) on PostgreSQL under 50 locust users for 5 minutes, a mixed
public and signed-in scenario, against a bare Django view on the same server as the ceiling.
Figures go to docs/performance.md (section "load").

Three locust runs against one gunicorn, in this order:
1. ceiling: the bare view (no database, no template) with no think time — what the server
   can answer at most;
2. cached: the cached public pages (anonymous visitors) with no think time, same user count —
   compared with the ceiling;
3. mixed: 50 users with 1–3 s think time, anonymous visitors and signed-in workers and agency
   staff (weights 6:2:2), for LOAD_RUN_TIME (default 5m).

Environment: DATABASE_URL (PostgreSQL, required), LOAD_RUN_TIME (5m), LOAD_CEILING_TIME (30s),
LOAD_USERS (50), LOAD_NO_DOC=1 to print without writing the doc. See benchmarks/load/_stack.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import _stack  # noqa: E402
from _stack import log  # noqa: E402

from benchmarks._report import machine_line, write_section  # noqa: E402

DOC = _stack.ROOT / "docs" / "performance.md"
TARGET_P95_MS = 300
TARGET_CACHED_SHARE = 0.5


def warm(base: str, targets: dict) -> int:
    """Ask for every public address once (cache filled, not measured); returns how many."""
    from concurrent.futures import ThreadPoolExecutor

    urls = [
        base + u for by_lang in targets["public"].values() for us in by_lang.values() for u in us
    ]
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda u: _stack.get(u, timeout=120)[0], urls))
    bad = [u for u, s in zip(urls, statuses, strict=True) if s != 200]
    if bad:
        raise SystemExit(f"public pages failed before the run: {bad[:5]}")
    return len(urls)


def row_figures(row: dict) -> dict:
    return {
        "name": row["Name"],
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"] or 0),
        "p95": float(row["95%"] or 0),
        "p99": float(row["99%"] or 0),
    }


def main() -> int:
    run_time = os.environ.get("LOAD_RUN_TIME", "5m")
    ceiling_time = os.environ.get("LOAD_CEILING_TIME", "30s")
    users = int(os.environ.get("LOAD_USERS", "50"))
    env = _stack.environment()
    procs = _stack.Processes()
    try:
        base, targets = _stack.start_site(procs, env)
        status, body, _headers = _stack.get(f"{base}/loadtest/bare")
        assert status == 200 and body == b"ok", "bare view missing"
        log(f"warmed the cache with {warm(base, targets)} public addresses")

        phases = {}
        for name, classes, length in (
            ("ceiling", ["BareCeiling"], ceiling_time),
            ("cached", ["CachedPages"], ceiling_time),
            ("mixed", ["AnonymousVisitor", "Worker", "AgencyStaff"], run_time),
        ):
            log(f"locust {name}: {users} users, {length}")
            proc = _stack.run_locust(
                procs,
                env,
                base,
                users=users,
                run_time=length,
                user_classes=classes,
                csv_prefix=f"load_{name}",
                spawn_rate=users if name != "mixed" else 5,
            )
            _stack.wait(proc, f"locust {name}", _stack.seconds(length) + 120)
            phases[name] = [row_figures(r) for r in _stack.read_stats(f"load_{name}")]
    finally:
        procs.stop_all()
    return report(phases, users=users, run_time=run_time, ceiling_time=ceiling_time)


def _total(rows: list[dict]) -> dict:
    return next(r for r in rows if r["name"] == "Aggregated")


def report(phases: dict, *, users: int, run_time: str, ceiling_time: str) -> int:
    ceiling, cached, mixed = (_total(phases[p]) for p in ("ceiling", "cached", "mixed"))
    share = cached["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0
    errors = sum(r["failures"] for p in phases.values() for r in p if r["name"] == "Aggregated")
    ok_errors, ok_p95, ok_share = (
        errors == 0,
        mixed["p95"] < TARGET_P95_MS,
        share >= TARGET_CACHED_SHARE,
    )

    def line(r):
        return (
            f"| {r['name']} | {r['requests']} | {r['rps']:.1f} | {r['p50']:.0f} | "
            f"{r['p95']:.0f} | {r['p99']:.0f} | {r['failures']} |"
        )

    head = (
        "| request | requests | req/s | p50 ms | p95 ms | p99 ms | errors |\n"
        "|---|---:|---:|---:|---:|---:|---:|"
    )
    mixed_rows = sorted(
        (r for r in phases["mixed"] if r["name"] != "Aggregated"), key=lambda r: r["name"]
    )
    verdict = lambda ok: "met" if ok else "**missed**"  # noqa: E731
    text = "\n".join(
        [
            f"{machine_line()}. gunicorn {_stack.GUNICORN_WORKERS} workers × "
            f"{_stack.GUNICORN_THREADS} threads (gthread), PostgreSQL, Redis cache; locust on the "
            "same machine." + _stack.load_note(),
            "",
            f"**Mixed scenario**: {users} users (5 started per second) for {run_time}, 1–3 s think "
            "time; anonymous "
            "visitors : signed-in workers : agency staff = 6 : 2 : 2.",
            "",
            head,
            *(line(r) for r in mixed_rows),
            line({**mixed, "name": "**total**"}),
            "",
            f"**Ceiling and cached pages** ({users} users each, no think time, {ceiling_time} each):",
            "",
            head,
            line({**ceiling, "name": "bare view (ceiling)"}),
            line({**cached, "name": "cached public pages (mixed types)"}),
            "",
            f"Cached public pages reach **{share:.0%}** of the bare view's throughput "
            f"(target ≥ {TARGET_CACHED_SHARE:.0%}: {verdict(ok_share)}). "
            f"Errors in all runs: **{errors}** (target 0: {verdict(ok_errors)}). "
            f"p95 of the mixed scenario: **{mixed['p95']:.0f} ms** "
            f"(target < {TARGET_P95_MS} ms: {verdict(ok_p95)}).",
        ]
    )
    print(text)
    if not os.environ.get("LOAD_NO_DOC"):
        write_section(DOC, "load", text)
        log(f"written to {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
