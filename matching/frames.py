"""The one module that turns querysets into pandas DataFrames.

Selectors (here and in `vacancies.selectors`) return querysets; analysis functions
(`matching.analytics`) and the estimator (`matching.engine`) take DataFrames. Each builder
reads its queryset with a handful of flat `values_list` queries — one for the rows and one
per list column — and groups the pairs into Python lists, so the cost grows linearly with the
rows and never with the number of related objects per row.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
from django.db.models import QuerySet

from vacancies import selectors as vacancy_selectors

PROFILE_COLUMNS = [
    "id",
    "country",
    "region",
    "sex",
    "birth_year",
    "months",
    "occupations",
    "occupation",
    "skills",
    "languages",
    "destinations",
]
JOB_ORDER_COLUMNS = [
    "id",
    "agency_id",
    "country",
    "region",
    "occupation",
    "positions",
    "season_start",
    "season_end",
    "skills",
    "optional_skills",
    "languages",
]
ASSESSMENT_COLUMNS = ["country", "region", "isco", "period", "demand", "source"]
RESULT_COLUMNS = ["supply_id", "demand_id", "rank", "score", "coverage"]
QUOTA_COLUMNS = ["country", "year", "kind", "region", "isco", "limit", "used"]


def _lists(pairs, ids) -> list[list]:
    """Group (id, value) pairs into one sorted list per id, in the order of `ids`."""
    grouped: dict = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return [sorted(grouped.get(i, [])) for i in ids]


def primary_occupation(codes: list[str]) -> str | None:
    """The code the matcher uses for a worker with several occupations: the most specific,
    then the smallest code (deterministic; the engine takes one code per worker)."""
    return min(codes, key=lambda c: (-len(c), c)) if codes else None


def profiles_frame(profiles: QuerySet) -> pd.DataFrame:
    """Worker profiles as the matcher's supply and the analytics' profiles frame.

    ``country``/``region`` are the worker's origin; ``destinations`` their preferred
    destination countries (empty: anywhere); ``months`` when they are available.
    """
    from vacancies.models import WorkerProfile

    rows = list(
        profiles.order_by("pk").values_list(
            "pk", "origin_country_id", "origin_region_id", "sex", "birth_year", "months_available"
        )
    )
    if not rows:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    ids = [r[0] for r in rows]
    occupations = _lists(vacancy_selectors.profile_occupation_pairs(profiles=profiles), ids)
    skills = _lists(vacancy_selectors.profile_skill_pairs(profiles=profiles), ids)
    languages = _lists(
        (
            (p, code)
            for p, code, _level in vacancy_selectors.profile_language_pairs(profiles=profiles)
        ),
        ids,
    )
    through = WorkerProfile.preferred_destinations.through
    destinations = _lists(
        through.objects.filter(workerprofile_id__in=profiles.values("pk")).values_list(
            "workerprofile_id", "country_id"
        ),
        ids,
    )
    return pd.DataFrame(
        {
            "id": ids,
            "country": [r[1] for r in rows],
            "region": [r[2] for r in rows],
            "sex": [r[3] for r in rows],
            "birth_year": [r[4] for r in rows],
            "months": [list(r[5] or []) for r in rows],
            "occupations": occupations,
            "occupation": [primary_occupation(c) for c in occupations],
            "skills": skills,
            "languages": languages,
            "destinations": destinations,
        },
        columns=PROFILE_COLUMNS,
    )


def job_orders_frame(job_orders: QuerySet) -> pd.DataFrame:
    """Job orders as the matcher's demand and the analytics' open positions.

    ``skills`` are the essential skills, ``country``/``region`` where the work is.
    """
    rows = list(
        job_orders.order_by("pk").values_list(
            "pk",
            "agency_id",
            "destination_country_id",
            "region_id",
            "occupation_id",
            "positions",
            "season_start",
            "season_end",
        )
    )
    if not rows:
        return pd.DataFrame(columns=JOB_ORDER_COLUMNS)
    ids = [r[0] for r in rows]
    essential = _lists(vacancy_selectors.job_order_skill_pairs(job_orders=job_orders), ids)
    optional = _lists(
        vacancy_selectors.job_order_skill_pairs(job_orders=job_orders, essential=False), ids
    )
    languages = _lists(vacancy_selectors.job_order_language_pairs(job_orders=job_orders), ids)
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "agency_id",
            "country",
            "region",
            "occupation",
            "positions",
            "season_start",
            "season_end",
        ],
    )
    frame["skills"], frame["optional_skills"], frame["languages"] = essential, optional, languages
    return frame[JOB_ORDER_COLUMNS]


def assessments_frame(assessments: QuerySet) -> pd.DataFrame:
    """Imported demand assessments: one row per region × ISCO group × month × source."""
    rows = list(
        assessments.values_list(
            "region__country_id", "region_id", "isco_id", "period", "demand", "source"
        )
    )
    return pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS)


def results_frame(results: QuerySet) -> pd.DataFrame:
    """Stored match results (without the explanation), with each pair's coverage of the
    job order's essential skills."""
    rows = list(results.values_list("profile_id", "job_order_id", "rank", "score", "coverage"))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def quotas_frame(quotas: QuerySet) -> pd.DataFrame:
    """Permit and patent quotas with their limit and use (for quota uptake)."""
    rows = list(
        quotas.values_list(
            "country_id", "year", "kind", "region_id", "occupation_group_id", "limit", "used"
        )
    )
    return pd.DataFrame(rows, columns=QUOTA_COLUMNS)
