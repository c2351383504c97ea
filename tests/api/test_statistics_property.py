"""Property: whatever the data, no statistics cell is a count from 1 to 4 (disclosure
control), and a suppressed cell is always marked. Runs on the pure pandas function, so
Hypothesis can try many tables fast."""

from datetime import date, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import analytics
from matching.api import FIGURES, statistics_table

REGIONS = ["KZ-75", "KZ-71", ""]
CODES = ["9211", "7212", "6111", "2"]
PERIODS = analytics.year_months(2026)

counts = st.integers(min_value=0, max_value=12)
days = st.dates(min_value=date(2025, 11, 1), max_value=date(2026, 12, 31))


@st.composite
def world(draw):
    n_profiles = draw(st.integers(0, 25))
    profiles = pd.DataFrame(
        {
            "id": list(range(n_profiles)),
            "country": ["KG"] * n_profiles,
            "region": [draw(st.sampled_from(REGIONS)) or None for _ in range(n_profiles)],
            "sex": [draw(st.sampled_from("FMX")) for _ in range(n_profiles)],
            "occupations": [
                draw(st.lists(st.sampled_from(CODES), max_size=2)) for _ in range(n_profiles)
            ],
            "skills": [[] for _ in range(n_profiles)],
            "months": [draw(st.lists(st.integers(1, 12), max_size=3)) for _ in range(n_profiles)],
        }
    )
    n_orders = draw(st.integers(0, 6))
    starts = [draw(days) for _ in range(n_orders)]
    job_orders = pd.DataFrame(
        {
            "id": list(range(n_orders)),
            "country": ["KZ"] * n_orders,
            "region": [draw(st.sampled_from(REGIONS[:2])) for _ in range(n_orders)],
            "occupation": [draw(st.sampled_from(CODES[:3])) for _ in range(n_orders)],
            "positions": [draw(st.integers(1, 15)) for _ in range(n_orders)],
            "season_start": starts,
            "season_end": [s + timedelta(days=draw(st.integers(0, 200))) for s in starts],
            "skills": [[] for _ in range(n_orders)],
        }
    )
    n_assess = draw(st.integers(0, 4))
    assessments = pd.DataFrame(
        {
            "country": ["KZ"] * n_assess,
            "region": [draw(st.sampled_from(REGIONS[:2])) for _ in range(n_assess)],
            "isco": [draw(st.sampled_from(CODES)) for _ in range(n_assess)],
            "period": [date(2026, draw(st.integers(1, 12)), 1) for _ in range(n_assess)],
            "demand": [draw(counts) for _ in range(n_assess)],
        },
        columns=["country", "region", "isco", "period", "demand"],
    )
    scores = pd.DataFrame(
        {
            "supply_id": list(range(n_profiles)),
            "score": [draw(st.floats(0, 1)) for _ in range(n_profiles)],
        }
    )
    n_permits = draw(st.integers(0, 12))
    permits = pd.DataFrame(
        {
            "region": [draw(st.sampled_from(REGIONS[:2])) for _ in range(n_permits)],
            "occupation": [draw(st.sampled_from(CODES[:3])) for _ in range(n_permits)],
            "sex": [draw(st.sampled_from("FMX")) for _ in range(n_permits)],
            "issued_on": [draw(days) for _ in range(n_permits)],
        },
        columns=["region", "occupation", "sex", "issued_on"],
    )
    n_patents = draw(st.integers(0, 12))
    patent_starts = [draw(days) for _ in range(n_patents)]
    patents = pd.DataFrame(
        {
            "region": [draw(st.sampled_from(REGIONS[:2])) for _ in range(n_patents)],
            "occupation": ["9211"] * n_patents,
            "sex": [draw(st.sampled_from("FMX")) for _ in range(n_patents)],
            "valid_from": patent_starts,
            "valid_until": [s + timedelta(days=365) for s in patent_starts],
            "paid_from": patent_starts,
            "paid_until": [s + timedelta(days=draw(st.integers(0, 300))) for s in patent_starts],
        },
        columns=[
            "region",
            "occupation",
            "sex",
            "valid_from",
            "valid_until",
            "paid_from",
            "paid_until",
        ],
    )
    return profiles, job_orders, assessments, scores, permits, patents


@settings(max_examples=60, deadline=None)
@given(world(), st.sampled_from([1, 2]))
def test_no_cell_between_one_and_four(data, level):
    profiles, job_orders, assessments, scores, permits, patents = data
    supply_demand = analytics.supply_demand_table(
        profiles,
        job_orders,
        assessments,
        scores,
        periods=PERIODS,
        level=level,
        geography="region",
        split_sex=True,
        by_month=True,
    )
    table = statistics_table(
        country="KZ",
        supply_demand=supply_demand,
        permits=permits,
        patents=patents,
        job_orders=job_orders,
        periods=PERIODS,
        level=level,
    )
    for row in table.to_dict(orient="records"):
        for figure in FIGURES:
            value = row[figure]
            if value is None or pd.isna(value):
                assert row[f"{figure}_suppressed"] is True or row[f"{figure}_suppressed"]
            else:
                assert not 1 <= value <= 4, (figure, row)
        # Secondary suppression: a hidden sex cell is never the only hidden one of its group.
        for figure in ("supply", "matchable", "permits_issued", "patents_active"):
            group = [f"{figure}{s}" for s in ("", "_female", "_male", "_unspecified")]
            assert sum(bool(row[f"{c}_suppressed"]) for c in group) != 1, (figure, row)
