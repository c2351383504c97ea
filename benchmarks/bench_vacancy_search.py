"""Public vacancy search at national scale: 100,000 published vacancies on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/karavan_search \
        .venv/bin/python benchmarks/bench_vacancy_search.py [--vacancies 100000] [--runs 15]

Migrates the database, loads reference and demo data if missing, tops the published vacancies
up to the target with `generate_synthetic`, then requests each representative search page
through the test client (the whole server side: middleware, form, queries, template; the
anonymous page cache is off) and reports the median and 95th percentile of its time and its
number of queries. Two baselines are timed in the same run, interleaved with the searches so
that machine load hits both alike: a trivial query (`SELECT 1` round trip) and the page of one
vacancy (`/en/vacancies/<id>/`). Figures go into docs/vacancies.md between the bench-search
markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["KARAVAN_PAGE_CACHE_SECONDS"] = "0"  # measure the work, not the page cache
# …nor the fragments (portal/templatetags/fragments.py): every search as if it were new.
os.environ["KARAVAN_FRAGMENT_CACHE_SECONDS"] = "0"

CASES = [
    ("no filter, page 1", {}),
    ("no filter, page 2", {"page": "2"}),
    ("no filter, last page (50, offset 980)", {"page": "50"}),
    ("destination KR", {"country": "KR"}),
    ("region KZ-75 (Almaty)", {"region": "KZ-75"}),
    ("occupation group 7 (craft)", {"occupation": "7"}),
    ("working in July", {"month": "7"}),
    ("working in January (rare)", {"month": "1"}),
    ("language: Korean", {"language": "ko"}),
    ("wage ≥ 300,000 KZT", {"wage_min": "300000", "currency": "KZT"}),
    ("full text “welder”", {"q": "welder"}),
    ("full text “orchard worker”", {"q": "orchard worker"}),
    ("full text, no match", {"q": "astronaut"}),
    (
        "combined: KZ + group 9 + July + “picker”",
        {"country": "KZ", "occupation": "9", "month": "7", "q": "picker"},
    ),
    (
        "combined: KR + group 7 + Korean + wage",
        {"country": "KR", "occupation": "7", "language": "ko", "wage_min": "2500000"},
    ),
]


def percentile95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        print(
            "skipped: set DATABASE_URL to a PostgreSQL database (the shared SQLite file is "
            "never filled with 100,000 rows)"
        )
        return

    import django

    django.setup()
    from _report import cpu_model, write_section
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import (
        CaptureQueriesContext,
        setup_test_environment,
        teardown_test_environment,
    )

    from portal.models import Skill
    from vacancies.models import Scheme
    from vacancies.selectors import published_job_orders

    call_command("migrate", verbosity=0)
    if not Skill.objects.exists():
        call_command("load_reference_data", verbosity=0)
    if not Scheme.objects.exists():
        call_command("load_demo_data", verbosity=0)
    missing = args.vacancies - published_job_orders().count()
    if missing > 0:
        call_command("generate_synthetic", vacancies=missing, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE vacancies_joborder")
            cursor.execute("VACUUM ANALYZE vacancies_joborder_languages")
    total = published_job_orders().count()
    detail_pk = published_job_orders().order_by("pk").values_list("pk", flat=True).first()

    client = Client(HTTP_HOST="localhost")

    def trivial_query():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    def page(path, params):
        def get():
            response = client.get(path, params)
            assert response.status_code == 200, (path, params, response.status_code)
            return response

        return get

    baselines = [
        ("baseline: trivial query (SELECT 1)", trivial_query),
        ("baseline: one vacancy's page", page(f"/en/vacancies/{detail_pk}/", {})),
    ]
    probes = [(label, page("/en/vacancies/", params)) for label, params in CASES]
    everything = baselines + probes
    for _label, fn in everything:  # warm connections, caches and templates
        fn()
    timings: dict[str, list[float]] = {label: [] for label, _fn in everything}
    cpu: dict[str, list[float]] = {label: [] for label, _fn in everything}
    for _ in range(args.runs):  # interleaved: load on the machine hits every case alike
        for label, fn in everything:
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            timings[label].append((time.perf_counter() - t0) * 1000)
            cpu[label].append((time.process_time() - c0) * 1000)

    def database_ms(params) -> float:
        """PostgreSQL's own time (planning + execution, EXPLAIN ANALYZE, median of 5) for the
        search's two filtered queries: the bounded count and the page's ids."""
        from vacancies.forms import VacancySearchForm
        from vacancies.selectors import SEARCH_COUNT_CAP, vacancy_search

        results = vacancy_search(filters=VacancySearchForm(params).filters())
        offset = (int(params.get("page", 1)) - 1) * 20
        total = 0.0
        for sql_of in (
            lambda: results.order_by().values("pk")[: SEARCH_COUNT_CAP + 1],
            lambda: results.values_list("pk", flat=True)[offset : offset + 20],
        ):
            sql, sql_params = sql_of().query.sql_with_params()
            runs = []
            for _ in range(5):
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, SUMMARY) {sql}", sql_params)
                    lines = [row[0] for row in cursor.fetchall()]
                runs.append(
                    sum(
                        float(line.split()[-2])
                        for line in lines
                        if line.startswith(("Planning Time", "Execution Time"))
                    )
                )
            total += statistics.median(runs)
        return total

    # Counting pass: the test environment makes responses carry their template context (it
    # instruments every template render, so it stays off while timing).
    setup_test_environment()
    rows = []
    detail_median = statistics.median(timings[baselines[1][0]])
    for label, fn in everything:
        with CaptureQueriesContext(connection) as ctx:
            response = fn()
        hits, db_ms = "", ""
        if label not in dict(baselines):
            db_ms = f"{database_ms(dict(CASES)[label]):.1f}"
            paginator = response.context["page"].paginator
            hits = f"more than {paginator.count:,}" if paginator.more else f"{paginator.count:,}"
        median = statistics.median(timings[label])
        rows.append(
            (
                label,
                hits,
                len(ctx.captured_queries),
                median,
                percentile95(timings[label]),
                median / detail_median,
                statistics.median(cpu[label]),
                db_ms,
            )
        )
        print(
            f"{label:45s} {hits:>18} {len(ctx.captured_queries):>3} queries  "
            f"median {median:7.1f} ms  p95 {percentile95(timings[label]):7.1f} ms  "
            f"cpu {statistics.median(cpu[label]):6.1f} ms  db {db_ms} ms"
        )

    teardown_test_environment()
    search_rows = rows[len(baselines) :]
    counts = sorted({queries for _l, _h, queries, *_rest in search_rows})
    load = os.getloadavg()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on {os.cpu_count()} "
        f"cores ({cpu_model()}), PostgreSQL {connection.pg_version // 10000}, Python "
        f"{platform.python_version()}; {total:,} published vacancies. Whole request through "
        f"Django's test client (middleware, form, queries, template; page cache off), "
        f"{args.runs} interleaved runs per case; load average during the run "
        f"{load[0]:.1f} / {load[1]:.1f} (1 / 5 min) on this shared machine.",
        "",
        "| request | results | queries | median ms | p95 ms | median ÷ vacancy page "
        "| Django CPU ms | PostgreSQL ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *[
            f"| {label} | {hits} | {queries} | {median:.1f} | {p95:.1f} | {ratio:.2f} "
            f"| {cpu_ms:.1f} | {db_ms} |"
            for label, hits, queries, median, p95, ratio, cpu_ms, db_ms in rows
        ],
        "",
        f"Queries per search page: {', '.join(map(str, counts))} (2 only when nothing "
        f"matches: no rows to fetch). Django CPU ms is the CPU time the Django process spent "
        f"on the request (`time.process_time`): unlike the wall time it does not grow while "
        f"the process waits for a core, so it approximates what an idle server spends in "
        f"Python (median). PostgreSQL ms is the database's own planning + execution time for "
        f"the bounded count and the page-ids query (`EXPLAIN (ANALYZE, SUMMARY)`, median of "
        f"5); fetching the 20 rows by id and their languages adds about 3 ms.",
    ]
    write_section(ROOT / "docs" / "vacancies.md", "bench-search", "\n".join(lines))
    print("written to docs/vacancies.md")


if __name__ == "__main__":
    main()
