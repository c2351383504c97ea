"""Supply–demand analytics in pandas: functions that take DataFrames and return DataFrames.

Nothing here touches the database; `matching/frames.py` builds the input frames from
querysets. The figures and their definitions are in `docs/analytics.md`.

Input frames (columns; lists are Python lists):

* profiles — ``id, country, region, sex, occupations (list of ISCO codes), skills (list),
  months (list of calendar months 1–12; empty = any month)``
* job orders — ``id, country, region, occupation, positions, season_start, season_end,
  skills (essential, list)``
* assessments — ``country, region, isco, period (first day of the month), demand``
* best scores — ``supply_id, score`` (one row per worker: their best value in a match run,
  by default the share of a vacancy's essential skills they hold)

Dimensions of every table: ``region`` (or ``country``), ``isco`` (the ISCO-08 group at the
chosen level: 1 major, 2 sub-major), ``month`` (``YYYY-MM``) and ``sex``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from portal.choices import Sex

#: Sex codes as stored on worker profiles, and the column suffix of each (`supply_female`).
SEXES = tuple(Sex.values)
SEX_NAMES = {sex.value: sex.key for sex in Sex}
#: The geography a table is broken down by.
GEOGRAPHIES = ("region", "country", "none")
#: Figures of the supply–demand table that count people or positions (suppressed in exports).
COUNT_FIGURES = ("supply", "matchable", "demand_positions", "demand_assessed", "demand")
DEFAULT_SUPPRESSION_THRESHOLD = 5
#: A worker is matchable with at least this share of some vacancy's essential skills.
DEFAULT_MATCH_THRESHOLD = 0.75


def months_between(start, end) -> list[str]:
    """``YYYY-MM`` of every calendar month from ``start`` to ``end`` (dates), both included."""
    if start is None or pd.isna(start):
        return []
    end = start if end is None or pd.isna(end) else end
    return [
        p.strftime("%Y-%m")
        for p in pd.period_range(
            pd.Timestamp(start).to_period("M"), pd.Timestamp(end).to_period("M"), freq="M"
        )
    ]


def year_months(year: int) -> list[str]:
    """The twelve ``YYYY-MM`` periods of ``year`` (the default analysis window)."""
    return [f"{year}-{m:02d}" for m in range(1, 13)]


def isco_group(code, level: int) -> str | None:
    """The ISCO-08 group of ``code`` at ``level`` (1 major … 4 unit), or None if too short."""
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return None
    code = str(code).strip()
    return code[:level] if len(code) >= level else None


def _geo(frame: pd.DataFrame, geography: str) -> pd.Series:
    if geography == "region":
        return frame["region"].fillna("").astype(object)
    if geography == "country":
        return frame["country"].fillna("").astype(object)
    return pd.Series(["all"] * len(frame), index=frame.index, dtype=object)


def supply_long(
    profiles: pd.DataFrame, *, periods: Sequence[str], level: int = 1, geography: str = "region"
) -> pd.DataFrame:
    """One row per (worker, occupation group, month) of the analysis window.

    A worker counts once in every ISCO group (at ``level``) among their occupations — a
    welder who also drives counts for both groups — and in every month of ``periods`` whose
    calendar month they are available (no months listed: available all year). A worker
    without an occupation counts under the group ``"?"``.
    Columns: ``id, geo, isco, month, sex``.
    """
    if profiles.empty or not len(periods):
        return pd.DataFrame(columns=["id", "geo", "isco", "month", "sex"])
    frame = pd.DataFrame(
        {
            "id": profiles["id"].to_numpy(),
            "geo": _geo(profiles, geography).to_numpy(),
            "sex": profiles["sex"].fillna("X").to_numpy(),
            "isco": [
                sorted({isco_group(c, level) for c in (codes or [])} - {None}) or ["?"]
                for codes in profiles["occupations"]
            ],
            "month": [
                [p for p in periods if not months or int(p[5:7]) in set(months)]
                for months in profiles["months"]
            ],
        }
    )
    frame = frame.explode("isco").explode("month").dropna(subset=["month"])
    return frame[["id", "geo", "isco", "month", "sex"]].reset_index(drop=True)


def demand_long(
    job_orders: pd.DataFrame,
    assessments: pd.DataFrame,
    *,
    periods: Sequence[str],
    level: int = 1,
    geography: str = "region",
) -> pd.DataFrame:
    """Demand per (geography, occupation group, month): open positions plus assessed demand.

    A job order's positions count in every month of its season (start to end) that falls in
    ``periods``; an imported assessment counts in its own month. Columns:
    ``geo, isco, month, demand_positions, demand_assessed``.
    """
    wanted = set(periods)
    parts = []
    if not job_orders.empty:
        jo = (
            pd.DataFrame(
                {
                    "geo": _geo(job_orders, geography).to_numpy(),
                    "isco": [isco_group(c, level) or "?" for c in job_orders["occupation"]],
                    "month": [
                        [m for m in months_between(s, e) if m in wanted]
                        for s, e in zip(
                            job_orders["season_start"], job_orders["season_end"], strict=True
                        )
                    ],
                    "demand_positions": job_orders["positions"].astype("int64").to_numpy(),
                }
            )
            .explode("month")
            .dropna(subset=["month"])
        )
        parts.append(jo.assign(demand_assessed=0))
    if not assessments.empty:
        month = pd.to_datetime(assessments["period"]).dt.strftime("%Y-%m")
        ass = pd.DataFrame(
            {
                "geo": _geo(assessments, geography).to_numpy(),
                "isco": [isco_group(c, level) or "?" for c in assessments["isco"]],
                "month": month.to_numpy(),
                "demand_assessed": assessments["demand"].astype("int64").to_numpy(),
            }
        )
        parts.append(ass[ass["month"].isin(wanted)].assign(demand_positions=0))
    columns = ["geo", "isco", "month", "demand_positions", "demand_assessed"]
    if not parts:
        return pd.DataFrame(columns=columns)
    out = pd.concat(parts, ignore_index=True)[columns]
    return out.groupby(["geo", "isco", "month"], as_index=False)[
        ["demand_positions", "demand_assessed"]
    ].sum()


def matchable_ids(best_scores: pd.DataFrame, *, threshold: float = DEFAULT_MATCH_THRESHOLD) -> set:
    """Workers whose best score (see `best_scores`) in a run is at least ``threshold``."""
    if best_scores.empty:
        return set()
    return set(best_scores.loc[best_scores["score"] >= threshold, "supply_id"])


def best_scores(results: pd.DataFrame, *, measure: str = "coverage") -> pd.DataFrame:
    """The best value of ``measure`` per worker from match results, as ``supply_id, score``.

    The default measure is the share of a vacancy's essential skills the worker holds (0–1),
    which keeps its meaning whatever the estimator's own score scale; ``measure="score"``
    uses the estimator's score instead.
    """
    if results.empty:
        return pd.DataFrame(columns=["supply_id", "score"])
    return (
        results.groupby("supply_id", as_index=False)[measure]
        .max()
        .rename(columns={measure: "score"})
    )


def supply_demand_table(
    profiles: pd.DataFrame,
    job_orders: pd.DataFrame,
    assessments: pd.DataFrame,
    scores: pd.DataFrame,
    *,
    periods: Sequence[str],
    level: int = 1,
    geography: str = "region",
    split_sex: bool = True,
    by_month: bool = True,
    threshold: float = DEFAULT_MATCH_THRESHOLD,
) -> pd.DataFrame:
    """Supply, matchable supply, demand and gap by geography × ISCO group (× month).

    * ``supply`` — workers (profiles) available in the month, per occupation group;
    * ``matchable`` — of those, workers whose best score (by default: share of a vacancy's
      essential skills held, among their top-k vacancies of the run) is ≥ ``threshold``;
    * ``demand`` — open positions plus assessed demand (``demand_positions`` +
      ``demand_assessed``);
    * ``gap`` — ``demand - matchable``: positive means unmet demand, negative a surplus.

    With ``split_sex`` the worker figures also come per sex: ``supply_female``,
    ``supply_male``, ``supply_unspecified`` (and the same for ``matchable``); demand has no
    sex. With ``by_month=False`` a worker counts once over the whole window, a job order's
    positions once, and assessed demand at its peak month. Rows sorted by the dimensions.
    """
    dims = ["geo", "isco", "month"] if by_month else ["geo", "isco"]
    supply = supply_long(profiles, periods=periods, level=level, geography=geography)
    good = matchable_ids(scores, threshold=threshold)
    supply["matchable"] = supply["id"].isin(good)
    if not by_month:
        supply = supply.drop(columns="month").drop_duplicates(["id", "geo", "isco"])
    demand = demand_long(job_orders, assessments, periods=periods, level=level, geography=geography)
    if not by_month:
        demand = _demand_once(
            job_orders, assessments, periods=periods, level=level, geography=geography
        )
    frames = []
    counts = supply.groupby(dims).agg(supply=("id", "nunique"), matchable=("matchable", "sum"))
    frames.append(counts)
    if split_sex:
        for figure, values in (
            ("supply", supply.assign(one=1)),
            ("matchable", supply[supply["matchable"]].assign(one=1)),
        ):
            wide = (
                values.groupby(dims + ["sex"])["id"]
                .nunique()
                .unstack("sex")
                .reindex(columns=list(SEXES), fill_value=0)
            )
            wide.columns = [f"{figure}_{SEX_NAMES[s]}" for s in wide.columns]
            frames.append(wide)
    frames.append(
        demand.set_index(dims)[["demand_positions", "demand_assessed"]]
        if not demand.empty
        else pd.DataFrame(
            columns=["demand_positions", "demand_assessed"],
            index=pd.MultiIndex.from_tuples([], names=dims),
        )
    )
    table = pd.concat(frames, axis=1).fillna(0)
    table = table.astype("int64") if len(table) else table
    table["demand"] = table["demand_positions"] + table["demand_assessed"]
    table["gap"] = table["demand"] - table["matchable"]
    table = table.reset_index().rename(
        columns={"geo": geography if geography != "none" else "area"}
    )
    return (
        table[_ordered(table.columns, split_sex)]
        .sort_values(list(table.columns[: len(dims)]))
        .reset_index(drop=True)
    )


def _demand_once(job_orders, assessments, *, periods, level, geography) -> pd.DataFrame:
    """Demand over the whole window: a job order's positions once if its season overlaps the
    window; assessed demand at its peak month (assessments are monthly stocks, not flows)."""
    wanted = set(periods)
    parts = []
    if not job_orders.empty:
        overlaps = [
            bool(set(months_between(s, e)) & wanted)
            for s, e in zip(job_orders["season_start"], job_orders["season_end"], strict=True)
        ]
        jo = job_orders[overlaps]
        parts.append(
            pd.DataFrame(
                {
                    "geo": _geo(jo, geography).to_numpy(),
                    "isco": [isco_group(c, level) or "?" for c in jo["occupation"]],
                    "demand_positions": jo["positions"].astype("int64").to_numpy(),
                    "demand_assessed": 0,
                }
            )
        )
    if not assessments.empty:
        monthly = demand_long(
            pd.DataFrame(), assessments, periods=periods, level=level, geography=geography
        )
        peak = monthly.groupby(["geo", "isco"], as_index=False)["demand_assessed"].max()
        parts.append(peak.assign(demand_positions=0))
    if not parts:
        return pd.DataFrame(columns=["geo", "isco", "demand_positions", "demand_assessed"])
    out = pd.concat(parts, ignore_index=True)
    return out.groupby(["geo", "isco"], as_index=False)[
        ["demand_positions", "demand_assessed"]
    ].sum()


def _ordered(columns, split_sex: bool) -> list[str]:
    dims = [c for c in columns if c in ("region", "country", "area", "isco", "month")]
    figures = ["supply"]
    if split_sex:
        figures += [f"supply_{SEX_NAMES[s]}" for s in SEXES]
    figures += ["matchable"]
    if split_sex:
        figures += [f"matchable_{SEX_NAMES[s]}" for s in SEXES]
    figures += ["demand_positions", "demand_assessed", "demand", "gap"]
    return dims + figures


def training_needs(
    job_orders: pd.DataFrame, profiles: pd.DataFrame, *, top: int = 20
) -> pd.DataFrame:
    """The skills most demanded and least supplied.

    ``demanded``: open positions whose job order lists the skill as essential; ``supplied``:
    workers who have it; ``shortfall = demanded - supplied``. Sorted by shortfall, then by
    demand (both descending), then label. Columns: ``skill, demanded, supplied, shortfall``.
    """
    columns = ["skill", "demanded", "supplied", "shortfall"]
    if job_orders.empty:
        return pd.DataFrame(columns=columns)
    need = (
        job_orders[["skills", "positions"]]
        .explode("skills")
        .dropna(subset=["skills"])
        .groupby("skills")["positions"]
        .sum()
        .rename("demanded")
    )
    have = (
        (
            profiles[["id", "skills"]]
            .explode("skills")
            .dropna(subset=["skills"])
            .groupby("skills")["id"]
            .nunique()
            .rename("supplied")
        )
        if not profiles.empty
        else pd.Series(dtype="int64", name="supplied")
    )
    table = pd.concat([need, have.reindex(need.index)], axis=1).fillna(0).astype("int64")
    table["shortfall"] = table["demanded"] - table["supplied"]
    table = table.rename_axis("skill").reset_index()
    return (
        table.sort_values(["shortfall", "demanded", "skill"], ascending=[False, False, True])
        .head(top)
        .reset_index(drop=True)[columns]
    )


def quota_uptake(quotas: pd.DataFrame) -> pd.DataFrame:
    """Share of each quota used: ``uptake = used / limit`` (None where the limit is 0).

    ``quotas`` has ``country, year, kind, region, isco, limit, used``; returns the same
    columns plus ``remaining`` and ``uptake`` (0–1).
    """
    out = quotas.copy()
    out["remaining"] = (out["limit"] - out["used"]).clip(lower=0)
    out["uptake"] = pd.Series(
        [
            None if not lim else round(used / lim, 4)
            for used, lim in zip(out["used"], out["limit"], strict=True)
        ],
        index=out.index,
        dtype=object,
    )
    return out


def suppress_small_cells(
    df: pd.DataFrame,
    columns: Iterable[str],
    *,
    threshold: int = DEFAULT_SUPPRESSION_THRESHOLD,
    groups: Iterable[Sequence[str]] = (),
) -> pd.DataFrame:
    """Statistical disclosure control for figures that leave the authority.

    Every cell of ``columns`` with ``0 < value < threshold`` becomes ``None`` and the new
    boolean column ``<column>_suppressed`` is True for it. Zeros stay: "nobody" discloses no
    one. ``groups`` lists sets of columns that add up to each other in a row (e.g. the figure
    by sex and its total): where exactly one cell of a group was suppressed, the smallest
    other non-zero cell of the group is suppressed too (secondary suppression), so that the
    hidden value cannot be recovered by subtraction. Returns a copy; the regional API
    (issue 9) reuses this function.
    """
    columns = list(columns)
    out = df.copy()
    for column in columns:
        values = pd.to_numeric(out[column], errors="coerce")
        out[f"{column}_suppressed"] = (
            ((values > 0) & (values < threshold)).fillna(False).astype(bool)
        )
    for group in groups:
        flags = out[[f"{c}_suppressed" for c in group]].to_numpy()
        for i in (flags.sum(axis=1) == 1).nonzero()[0]:
            row = out.iloc[i]
            candidates = [
                (float(row[c]), c)
                for c in group
                if not row[f"{c}_suppressed"] and pd.notna(row[c]) and row[c] != 0
            ]
            if candidates:
                _value, column = min(candidates)
                out.iloc[i, out.columns.get_loc(f"{column}_suppressed")] = True
    for column in columns:
        out[column] = out[column].astype(object).where(~out[f"{column}_suppressed"], None)
    return out


def sex_groups(figures: Iterable[str] = ("supply", "matchable")) -> list[list[str]]:
    """Column groups (by sex + total) of a supply–demand table, for secondary suppression."""
    return [[f"{f}_{SEX_NAMES[s]}" for s in SEXES] + [f] for f in figures]


def external_table(
    table: pd.DataFrame, *, threshold: int = DEFAULT_SUPPRESSION_THRESHOLD
) -> pd.DataFrame:
    """A supply–demand table fit to leave the authority: every count suppressed below
    ``threshold`` (with secondary suppression across the sex split), and ``gap`` removed —
    it is derived from two counts and would give a suppressed one away."""
    counts = [
        c
        for c in table.columns
        if c.split("_")[0] in ("supply", "matchable", "demand") and not c.endswith("_suppressed")
    ]
    groups = [g for g in sex_groups() if all(c in table.columns for c in g)]
    groups += [
        g
        for g in (["demand_positions", "demand_assessed", "demand"],)
        if all(c in table.columns for c in g)
    ]
    return suppress_small_cells(
        table.drop(columns=["gap"], errors="ignore"), counts, threshold=threshold, groups=groups
    )


def summary_sentence_figures(table: pd.DataFrame) -> dict:
    """Totals and the largest gap of a supply–demand table, for the one-sentence summary."""
    if table.empty:
        return {"supply": 0, "matchable": 0, "demand": 0, "largest_gap": None}
    dims = [c for c in table.columns if c in ("region", "country", "area", "isco")]
    by = table.groupby(dims)[["demand", "matchable"]].sum()
    by["gap"] = by["demand"] - by["matchable"]
    top = by["gap"].idxmax() if len(by) else None
    return {
        "supply": int(table["supply"].sum()),
        "matchable": int(table["matchable"].sum()),
        "demand": int(table["demand"].sum()),
        "largest_gap": (top if isinstance(top, tuple) else (top,), int(by.loc[top, "gap"]))
        if top is not None and by.loc[top, "gap"] > 0
        else None,
    }
