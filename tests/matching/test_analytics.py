"""Supply–demand analytics and small-cell suppression: pure pandas, no database."""

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import analytics as a

PERIODS = a.year_months(2026)


def _profiles():
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "country": ["TJ", "TJ", "KZ", "TJ"],
            "region": ["TJ-SU", "TJ-SU", "KZ-75", "TJ-SU"],
            "sex": ["F", "M", "F", "F"],
            "occupations": [["9211"], ["7212", "8332"], [], ["9211", "9212"]],
            "skills": [["harvest crops", "drive tractor"], ["weld metal"], [], ["harvest crops"]],
            "months": [[3, 4], [], [5], [4]],
        }
    )


def _job_orders():
    return pd.DataFrame(
        {
            "id": [10, 11],
            "country": ["KZ", "KZ"],
            "region": ["KZ-75", "KZ-75"],
            "occupation": ["9211", "7212"],
            "positions": [20, 3],
            "season_start": [dt.date(2026, 3, 1), dt.date(2025, 11, 1)],
            "season_end": [dt.date(2026, 5, 31), dt.date(2026, 1, 31)],
            "skills": [["harvest crops", "prune trees"], ["weld metal"]],
        }
    )


def _assessments():
    return pd.DataFrame(
        {
            "country": ["KZ", "KZ"],
            "region": ["KZ-75", "KZ-75"],
            "isco": ["9211", "9211"],
            "period": [dt.date(2026, 4, 1), dt.date(2026, 5, 1)],
            "demand": [7, 9],
        }
    )


def _scores():
    return pd.DataFrame({"supply_id": [1, 2, 4], "score": [0.9, 0.1, 0.5]})


def test_supply_counts_a_worker_once_per_group_and_available_month():
    long = a.supply_long(_profiles(), periods=PERIODS, level=1)
    # worker 2: two groups (7, 8) × 12 months; worker 4: group 9 once (two unit groups), April
    assert len(long[long["id"] == 2]) == 24
    assert long[long["id"] == 4][["isco", "month"]].values.tolist() == [["9", "2026-04"]]
    assert long[long["id"] == 3]["isco"].tolist() == ["?"]


def test_demand_counts_positions_per_season_month_and_assessed_demand():
    demand = a.demand_long(_job_orders(), _assessments(), periods=PERIODS, level=2)
    april = demand[(demand["isco"] == "92") & (demand["month"] == "2026-04")].iloc[0]
    assert (april["demand_positions"], april["demand_assessed"]) == (20, 7)
    # the welding job order runs Nov 2025 – Jan 2026: only January is in the window
    assert demand[demand["isco"] == "72"]["month"].tolist() == ["2026-01"]


def test_table_gap_is_demand_minus_matchable_and_sex_columns_add_up():
    table = a.supply_demand_table(
        _profiles(),
        _job_orders(),
        _assessments(),
        _scores(),
        periods=PERIODS,
        level=1,
        geography="none",
        threshold=0.4,
    )
    assert (table["gap"] == table["demand"] - table["matchable"]).all()
    for figure in ("supply", "matchable"):
        parts = table[[f"{figure}_female", f"{figure}_male", f"{figure}_unspecified"]].sum(axis=1)
        assert (parts == table[figure]).all()
    april = table[(table["isco"] == "9") & (table["month"] == "2026-04")].iloc[0]
    assert (april["supply"], april["matchable"], april["demand"], april["gap"]) == (2, 2, 27, 25)


def test_table_without_month_counts_each_job_order_once_and_assessment_at_its_peak():
    table = a.supply_demand_table(
        _profiles(),
        _job_orders(),
        _assessments(),
        _scores(),
        periods=PERIODS,
        level=1,
        geography="country",
        by_month=False,
        split_sex=False,
        threshold=0.4,
    )
    row = table[(table["country"] == "KZ") & (table["isco"] == "9")].iloc[0]
    assert (row["demand_positions"], row["demand_assessed"]) == (20, 9)
    assert "supply_female" not in table.columns
    tj9 = table[(table["country"] == "TJ") & (table["isco"] == "9")].iloc[0]
    assert (tj9["supply"], tj9["matchable"]) == (2, 2)


def test_best_scores_use_essential_skill_coverage_by_default():
    results = pd.DataFrame(
        {
            "supply_id": [1, 1, 2],
            "demand_id": [10, 11, 10],
            "rank": [1, 2, 1],
            "score": [9.0, 3.0, 5.0],
            "coverage": [0.5, 1.0, 0.25],
        }
    )
    best = a.best_scores(results)
    assert best.set_index("supply_id")["score"].to_dict() == {1: 1.0, 2: 0.25}
    assert a.matchable_ids(best) == {1}
    assert a.best_scores(results, measure="score").set_index("supply_id")["score"][1] == 9.0


def test_threshold_decides_matchable():
    assert a.matchable_ids(_scores(), threshold=0.5) == {1, 4}
    assert a.matchable_ids(_scores(), threshold=0.95) == set()


def test_training_needs_rank_most_demanded_least_supplied():
    needs = a.training_needs(_job_orders(), _profiles())
    assert needs.iloc[0].to_dict() == {
        "skill": "prune trees",
        "demanded": 20,
        "supplied": 0,
        "shortfall": 20,
    }
    assert needs.set_index("skill").loc["harvest crops", "supplied"] == 2


def test_quota_uptake():
    out = a.quota_uptake(pd.DataFrame({"limit": [100, 0], "used": [25, 0]}))
    assert out["uptake"].tolist() == [0.25, None]
    assert out["remaining"].tolist() == [75, 0]


def test_suppression_marks_cells_and_keeps_zeros():
    df = pd.DataFrame({"n": [0, 1, 4, 5, 12]})
    out = a.suppress_small_cells(df, ["n"])
    assert out["n"].tolist() == [0, None, None, 5, 12]
    assert out["n_suppressed"].tolist() == [False, True, True, False, False]


def test_secondary_suppression_hides_the_complement():
    df = pd.DataFrame({"f": [3], "m": [10], "x": [0], "total": [13]})
    out = a.suppress_small_cells(df, ["f", "m", "x", "total"], groups=[["f", "m", "x", "total"]])
    assert out.iloc[0][["f", "m", "x", "total"]].tolist() == [None, None, 0, 13]


counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(counts, counts, counts), min_size=1, max_size=30),
    st.integers(min_value=0, max_value=60),
)
def test_no_exported_cell_below_five_unless_zero(rows, demand):
    """Whatever the data, an external table carries no count between 1 and 4, and a hidden
    sex cell can never be recovered from the total by subtraction."""
    profiles, sid = [], 0
    for i, (f, m, x) in enumerate(rows):
        for sex, n in (("F", f), ("M", m), ("X", x)):
            for _ in range(n):
                sid += 1
                profiles.append(
                    {
                        "id": sid,
                        "country": "KZ",
                        "region": f"KZ-{i:02d}",
                        "sex": sex,
                        "occupations": ["9211"],
                        "skills": [],
                        "months": [],
                    }
                )
    profiles = pd.DataFrame(
        profiles, columns=["id", "country", "region", "sex", "occupations", "skills", "months"]
    )
    job_orders = pd.DataFrame(
        {
            "id": [1],
            "country": ["KZ"],
            "region": ["KZ-00"],
            "occupation": ["9211"],
            "positions": [max(demand, 1)],
            "season_start": [dt.date(2026, 1, 1)],
            "season_end": [dt.date(2026, 12, 31)],
            "skills": [[]],
        }
    )
    scores = pd.DataFrame(
        {"supply_id": list(range(1, sid + 1, 2)), "score": [0.9] * len(range(1, sid + 1, 2))}
    )
    table = a.supply_demand_table(
        profiles, job_orders, pd.DataFrame(), scores, periods=PERIODS, by_month=False
    )
    out = a.external_table(table)
    figures = [
        c
        for c in out.columns
        if c.split("_")[0] in ("supply", "matchable", "demand") and not c.endswith("_suppressed")
    ]
    assert "gap" not in out.columns
    for column in figures:
        for value in out[column]:
            assert value is None or value == 0 or value >= 5, (column, value)
    for group in a.sex_groups():
        hidden = out[[f"{c}_suppressed" for c in group]].sum(axis=1)
        assert not (hidden == 1).any()
