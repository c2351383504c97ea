"""Where a public page spends its time, without the page cache: CPU per request and queries per
page type through Django's test client, and a pyinstrument profile of one address.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/profile_pages.py [--runs 20]
        [--profile /ru/registry/] [--only home,registry]

Runs in the load-test settings (production settings, Redis cache from LOAD_REDIS_URL) against
the database `make load` / bench_pages.py prepare (LOAD_DATABASE, default karavan_load).
CPU time (`time.process_time`) rather than wall time: on a shared machine it hardly moves with
the load of others, so a change can be judged in a minute. Not a benchmark for docs: the
figures are for the engineer at the keyboard.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "load"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--profile", default="", help="an address or a page type to profile with pyinstrument"
    )
    parser.add_argument("--only", default="")
    parser.add_argument(
        "--cprofile",
        action="store_true",
        help="with --profile: cProfile on CPU time, by own time, not pyinstrument",
    )
    args = parser.parse_args()

    import _stack
    from bench_pages import DISCOVER

    env = {**_stack.environment(), "KARAVAN_PAGE_CACHE_SECONDS": "0"}
    os.environ.update(env)
    import django

    django.setup()
    import contextlib
    import io

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(DISCOVER, {})  # noqa: S102 — our own script
    targets = json.loads(out.getvalue().strip().splitlines()[-1])
    if args.only:
        targets = {k: v for k, v in targets.items() if k in args.only.split(",")}
    client = Client(HTTP_HOST="127.0.0.1")

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response

    get("/loadtest/bare")
    for kind, paths in {"bare view": ["/loadtest/bare"], **targets}.items():
        for path in paths:
            get(path)
        cpu = []
        for i in range(args.runs):
            path = paths[i % len(paths)]
            c0 = time.process_time()
            get(path)
            cpu.append((time.process_time() - c0) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            get(paths[0])
        print(
            f"{kind:28s} cpu median {statistics.median(cpu):6.2f} ms  "
            f"min {min(cpu):6.2f} ms  queries {len(ctx.captured_queries)}"
        )
    if args.profile:
        from pyinstrument import Profiler

        if args.profile in targets:  # a page type: its first address
            args.profile = targets[args.profile][0]
        get(args.profile)
        if args.cprofile:
            import cProfile
            import pstats

            profile = cProfile.Profile(time.process_time)
            profile.enable()
            for _ in range(args.runs):
                get(args.profile)
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(35)
            pstats.Stats(profile).sort_stats("cumtime").print_stats(60)
            return
        profiler = Profiler(interval=0.0002)
        with profiler:
            for _ in range(args.runs):
                get(args.profile)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        with CaptureQueriesContext(connection) as ctx:
            get(args.profile)
        for q in ctx.captured_queries:
            print(q["time"], q["sql"][:300])


if __name__ == "__main__":
    main()
