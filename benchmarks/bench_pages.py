"""Public pages without the page cache: each page type's throughput against a bare view, in one
run, on gunicorn with 2 sync workers on PostgreSQL with the demo data, under `wrk -t2 -c16`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/karavan make bench
    DATABASE_URL=… .venv/bin/python benchmarks/bench_pages.py [--seconds 5] [--rounds 3]
        [--only home,registry] [--no-doc]

Serves the load-test settings (`portal.settings.loadtest`: production over plain HTTP, Redis as
the cache, see benchmarks/load/_stack.py for the database it prepares) with
`KARAVAN_PAGE_CACHE_SECONDS=0`, so every answer is rendered: the anonymous page cache is off,
only what templates and selectors cache for themselves is used. Before the load it counts the
queries of each page type through Django's test client in the same settings (first request
after an empty cache, then a warm one). Then, in rounds, wrk asks for the bare view
(`/loadtest/bare`: a two-byte answer through the whole middleware stack) and for each page
type for `--seconds` each; a page type's addresses (several languages, agencies, vacancies,
numbers, filters) are asked in turn by a small Lua script. The ratio is the page type's median
requests/s over the rounds ÷ the bare view's median in the same run: the machine is shared and
absolute figures move with its load, ratios much less. Figures go to docs/performance.md between
the pages markers (`--no-doc`: print only).

Environment: as `make load` (DATABASE_URL, LOAD_DATABASE, LOAD_REDIS_URL, LOAD_WORK_DIR).
Skipped without DATABASE_URL on PostgreSQL or without `wrk` (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "load"))

#: Targets (issue 24): every public page type at least this share of the bare view's
#: requests/s, with at most this many queries.
TARGET_SHARE = 0.15
TARGET_QUERIES = 6
WRK_THREADS, WRK_CONNECTIONS = 2, 16
WORKERS = 2

#: The public addresses per page type, found in the load database (printed as JSON).
DISCOVER = r"""
import json
from info_campaigns.models import (CampaignIndexPage, CampaignPage, DestinationGuidePage,
                                   GuideIndexPage)
from licensing.models import Licence
from licensing.permits.models import Patent, WorkPermit
from vacancies.selectors import published_job_orders
langs = ["ru", "en", "kk", "ky", "tg", "tk", "uz"]
def urls(model, n=None):
    pages = model.objects.live().public().order_by("locale__language_code", "pk")
    out = [p.get_url(None) for p in pages if p.get_url(None)]
    return out[:n] if n else out
orders = published_job_orders()
countries = sorted(set(orders.values_list("destination_country_id", flat=True)))
queries = ([f"country={c}" for c in countries[:2]] + ["q=welder", "q=cook", "month=7",
           f"country={countries[0]}&q=worker", "page=2"])
vacancy_pks = list(orders.order_by("-pk").values_list("pk", flat=True)[:6])
agency_pks = sorted(set(Licence.objects.values_list("agency_id", flat=True)))[:6]
numbers = (list(Licence.objects.order_by("pk").values_list("number", flat=True)[:3])
           + list(WorkPermit.objects.order_by("pk").values_list("number", flat=True)[:2])
           + list(Patent.objects.order_by("pk").values_list("number", flat=True)[:2])
           + list(orders.exclude(number="").order_by("pk").values_list("number", flat=True)[:2]))
def each(paths):
    return [f"/{l}/{p}" for p in paths for l in langs]
print(json.dumps({
    "home": each([""]),
    "campaign index": urls(CampaignIndexPage),
    "campaign": urls(CampaignPage, 21),
    "guide index": urls(GuideIndexPage),
    "guide": urls(DestinationGuidePage, 21),
    "site search": each(["search/?q=patent", "search/?q=fees"]),
    "registry": each(["registry/", "registry/?q=a", "registry/?page=2"]),
    "registry entry": each([f"registry/{pk}/" for pk in agency_pks]),
    "verify form": each(["verify/"]),
    "verify by number": each([f"verify/{n}/" for n in numbers]),
    "vacancy search": each([f"vacancies/?{q}" for q in queries]),
    "vacancy": each([f"vacancies/{pk}/" for pk in vacancy_pks]),
    "permit fees": each(["permits/fees/"]),
    "report a problem (form)": each(["complaints/new/"]),
    "data and licences": each(["data-licence/"]),
}))
"""

#: Queries of each page type through the test client, cold (empty cache, first request of the
#: process) and warm (the next request of the same address); prints JSON.
COUNT = r"""
import json, os
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
targets = json.loads(os.environ["BENCH_TARGETS"])
cache.clear()
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for kind, paths in targets.items():
    counts = []
    for attempt in ("cold", "warm"):
        most = 0
        for path in paths:
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            most = max(most, len(ctx.captured_queries))
        counts.append(most)
    out[kind] = counts
print(json.dumps(out))
"""

LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def wrk(base: str, paths: list[str], seconds: int, script: Path) -> dict:
    """One wrk run over `paths` in turn; requests/s, latency percentiles and bad answers."""
    script.write_text(LUA % ", ".join(json.dumps(p) for p in paths), encoding="utf-8")
    out = subprocess.run(
        [
            "wrk",
            f"-t{WRK_THREADS}",
            f"-c{WRK_CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base + paths[0],
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*?timeout (\d+)", out)

    def ms(label: str) -> float:
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {
        "rps": rps,
        "p50": ms("50%"),
        "p99": ms("99%"),
        "bad": int(bad.group(1)) if bad else 0,
        "timeouts": int(errors.group(1)) if errors else 0,
    }


def start_gunicorn(procs, env: dict) -> str:
    """gunicorn with 2 sync workers (one request at a time each); the base URL once healthy."""
    import _stack

    port = _stack.free_port()
    procs.start(
        [
            str(_stack.VENV_BIN / "gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--timeout",
            "60",
            "--backlog",
            "2048",
        ],
        env,
        "gunicorn-pages.log",
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if _stack.get(f"{base}/healthz", timeout=5)[0] == 200:
                return base
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"gunicorn did not become healthy; see {_stack.WORK / 'gunicorn-pages.log'}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--seconds", type=int, default=int(os.environ.get("BENCH_PAGES_SECONDS", 5))
    )
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_PAGES_ROUNDS", 3)))
    parser.add_argument("--only", default="", help="comma-separated page types")
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print(
            "skipped: set DATABASE_URL to a PostgreSQL database (the pages are measured on "
            "PostgreSQL with the demo data)"
        )
        return 0
    if not shutil.which("wrk"):
        print("skipped: wrk is not installed (apt-get install wrk)")
        return 0

    import _stack
    from _stack import log

    from benchmarks._report import cpu_model, write_section

    env = {**_stack.environment(), "KARAVAN_PAGE_CACHE_SECONDS": "0"}
    procs = _stack.Processes()
    try:
        _stack.prepare_database(env)
        targets = _stack.shell_json(env, DISCOVER)
        if args.only:
            targets = {k: v for k, v in targets.items() if k in args.only.split(",")}
        empty = [kind for kind, paths in targets.items() if not paths]
        if empty:
            raise SystemExit(f"no addresses found for {empty}: is the demo data loaded?")
        log("counting queries per page type")
        counts = _stack.shell_json({**env, "BENCH_TARGETS": json.dumps(targets)}, COUNT)
        base = start_gunicorn(procs, env)
        log(f"gunicorn ({WORKERS} sync workers) at {base}")
        for kind, paths in targets.items():  # every address answers 200 before the load
            for path in paths:
                status = _stack.get(base + path, timeout=60)[0]
                if status != 200:
                    raise SystemExit(f"{kind}: {path} answered {status}")
        script = _stack.WORK / "pages.lua"
        runs: dict[str, list[dict]] = {"bare view": []}
        runs.update({kind: [] for kind in targets})
        load_during = []
        for round_no in range(1, args.rounds + 1):
            log(f"round {round_no}/{args.rounds}")
            for kind in runs:
                paths = ["/loadtest/bare"] if kind == "bare view" else targets[kind]
                runs[kind].append(wrk(base, paths, args.seconds, script))
                load_during.append(os.getloadavg()[0])
        runs["bare view"].append(wrk(base, ["/loadtest/bare"], args.seconds, script))
    finally:
        procs.stop_all()

    def median(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[kind])

    bare = median("bare view", "rps")
    rows, missed = [], []
    for kind in runs:
        rps = median(kind, "rps")
        share = rps / bare
        cold, warm = counts.get(kind, ("–", "–"))
        bad = sum(r["bad"] + r["timeouts"] for r in runs[kind])
        ok = kind == "bare view" or (share >= TARGET_SHARE and max(cold, warm) <= TARGET_QUERIES)
        if not ok:
            missed.append(kind)
        addresses = 1 if kind == "bare view" else len(targets[kind])
        rows.append(
            f"| {kind} | {addresses} | {rps:.0f} | {share:.1%} | {median(kind, 'p50'):.0f} "
            f"| {median(kind, 'p99'):.0f} | {cold} / {warm} | {bad} |"
            + ("" if ok else " **missed**")
        )
        print(rows[-1])
    one, five, _ = os.getloadavg()
    text = "\n".join(
        [
            f"Measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on {os.cpu_count()} "
            f"cores ({cpu_model()}), shared with other work: load average during the run "
            f"{min(load_during):.1f}–{max(load_during):.1f} (1 min), {five:.1f} (5 min) at the end. "
            f"gunicorn {WORKERS} sync workers, `KARAVAN_PAGE_CACHE_SECONDS=0`, PostgreSQL, Redis "
            f"cache, demo data; `wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS}` on the same machine, "
            f"{args.rounds} rounds of {args.seconds} s per page type (a page type's addresses asked "
            "in turn), the bare view measured in every round and once more at the end.",
            "",
            "| page type | addresses | req/s (median) | ÷ bare view | p50 ms | p99 ms "
            "| queries (cold / warm) | errors |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
            "",
            f"Target: every public page type at least {TARGET_SHARE:.0%} of the bare view in the "
            f"same run, with at most {TARGET_QUERIES} queries: "
            + ("**met**." if not missed else f"**missed** for {', '.join(missed)}."),
            "Queries: the most any of the type's addresses took through the test client, on the "
            "first request after the cache was emptied (cold) and on the next (warm).",
        ]
    )
    print(text)
    if not args.no_doc:
        write_section(ROOT / "docs" / "performance.md", "pages", text)
        log("written to docs/performance.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
