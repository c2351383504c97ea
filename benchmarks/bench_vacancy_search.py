"""Public vacancy search at national scale: 100,000 published vacancies on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/karavan_vacancies \
        .venv/bin/python benchmarks/bench_vacancy_search.py [--vacancies 100000]

Migrates the database, loads reference and demo data if missing, tops the published vacancies
up to the target with `generate_synthetic`, then times each search (median of 7 runs of the
whole page: count, the 20 rows with their joins and prefetches, template) and counts its
queries. Figures go into docs/vacancies.md between the bench-search markers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

CASES = [
    ("all published, page 1", {}),
    ("all published, page 2000", {"page": "2000"}),
    ("destination KR", {"country": "KR"}),
    ("region KZ-75 (Almaty)", {"region": "KZ-75"}),
    ("occupation group 7 (craft)", {"occupation": "7"}),
    ("working in July", {"month": "7"}),
    ("language: Korean", {"language": "ko"}),
    ("wage ≥ 300,000 KZT", {"wage_min": "300000", "currency": "KZT"}),
    ("full text “welder”", {"q": "welder"}),
    ("full text “apple orchard”", {"q": "orchard worker"}),
    ("combined: KZ + group 9 + July + text", {"country": "KZ", "occupation": "9", "month": "7",
                                              "q": "picker"}),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        print("skipped: set DATABASE_URL to a PostgreSQL database (the shared SQLite file is "
              "never filled with 100,000 rows)")
        return

    import django

    django.setup()
    from _report import write_section
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from portal.models import Skill
    from vacancies.selectors import published_job_orders

    call_command("migrate", verbosity=0)
    if not Skill.objects.exists():
        call_command("load_reference_data", verbosity=0)
    from vacancies.models import Scheme

    if not Scheme.objects.exists():
        call_command("load_demo_data", verbosity=0)
    missing = args.vacancies - published_job_orders().count()
    started = time.monotonic()
    if missing > 0:
        call_command("generate_synthetic", vacancies=missing, batch_size=5000)
    generated_in = time.monotonic() - started
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE vacancies_joborder; ANALYZE vacancies_joborder_languages;")
    total = published_job_orders().count()

    setup_test_environment()  # so the response carries its template context
    client = Client(HTTP_HOST="localhost")
    rows = []
    for label, params in CASES:
        client.get("/en/vacancies/", params)  # warm
        timings = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get("/en/vacancies/", params)
            timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (label, response.status_code)
        hits = response.context["page"].paginator.count
        rows.append((label, hits, len(ctx.captured_queries), statistics.median(timings),
                     max(timings)))
        print(f"{label:45s} {hits:>8} hits {len(ctx.captured_queries):>3} queries "
              f"median {statistics.median(timings):7.1f} ms  max {max(timings):7.1f} ms")

    import platform

    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on {os.cpu_count()} "
        f"cores, {connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}, "
        f"Python {platform.python_version()}; {total:,} published vacancies "
        f"(generated {max(missing, 0):,} in {generated_in:.0f} s). Whole page through the test "
        f"client (query, template), median of {args.runs} runs.",
        "",
        "| search | results | queries | median ms | max ms |",
        "|---|---:|---:|---:|---:|",
        *[f"| {label} | {hits:,} | {queries} | {median:.0f} | {worst:.0f} |"
          for label, hits, queries, median, worst in rows],
    ]
    write_section(ROOT / "docs" / "vacancies.md", "bench-search", "\n".join(lines))
    print("written to docs/vacancies.md")


if __name__ == "__main__":
    main()
