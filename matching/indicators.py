"""The public statistics: a registry of declared indicators, their tables, and the one
disclosure-control function every public table goes through.

An indicator is declared once (`register`) with its dimensions, its measures and a reader
that returns *records* — one row per thing counted, with the dimension codes, the person's
sex and the measure weights (1 for a person, the positions of a job order…). Everything
after that is pure pandas and generic: `tabulate` sums the records into a table (by sex for
measures that count people), `disclose` suppresses small cells, `public_table` does both.
The statistics page, its CSV/XLSX downloads, the SDMX messages and the Hypothesis test
(tests/matching/test_public_statistics.py) iterate over `indicators()`, so an indicator
another module registers later (flows, help requests) appears everywhere, disclosure-
controlled, without touching this file.

Sex codes of records: ``F``, ``M``, ``X`` (not stated, `portal.choices.Sex`) and ``Z``
(not applicable: agencies, job orders). Definitions of every built-in indicator are in
docs/statistics.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from portal.choices import Sex

from .analytics import DEFAULT_SUPPRESSION_THRESHOLD

#: Sex codes of records and the suffix of each column split by sex (total has none).
SEX_KEYS = {sex.value: sex.key for sex in Sex}
NOT_APPLICABLE = "Z"
SUFFIXES = tuple(SEX_KEYS.values())
THRESHOLD = DEFAULT_SUPPRESSION_THRESHOLD


@dataclass(frozen=True)
class Dimension:
    """A breakdown of a table: its column name, heading, and how its codes read in words
    (``names(codes) -> {code: name}``, run when a page or export is rendered)."""

    name: str
    label: object
    names: Callable[[set], dict] = lambda codes: {}
    #: An ISO 3166-2 region code: the table can be drawn on the region map.
    is_region: bool = False


@dataclass(frozen=True)
class Measure:
    """A figure of a table. ``by_sex``: it counts people, so it comes by sex and in total."""

    name: str
    label: object
    by_sex: bool = True


@dataclass(frozen=True)
class Derived:
    """A figure computed from two published ones: ``a - b`` (``difference``) or ``a / b``
    (``ratio``, 0–1). Published only where both terms are (never from a suppressed cell);
    a ratio of measures split by sex comes by sex too."""

    name: str
    label: object
    op: str
    a: str
    b: str


@dataclass(frozen=True)
class Indicator:
    """One public statistic. ``read(year=, country=)`` returns its records (see module doc);
    ``summary(table) -> str`` says the main finding of its first-dimension table in one
    sentence, in the reader's language."""

    slug: str
    title: object
    definition: object
    dimensions: Sequence[Dimension]
    measures: Sequence[Measure]
    read: Callable[..., pd.DataFrame]
    summary: Callable[[pd.DataFrame, Indicator], str]
    derived: Sequence[Derived] = ()
    unit: str = "persons"
    order: int = 100
    #: For the SDMX data structure: which dimension is the reference area, counterpart
    #: area and occupation (None when the indicator has none).
    sdmx: dict = field(default_factory=dict)

    @property
    def dimension_names(self) -> list[str]:
        return [d.name for d in self.dimensions]

    def record_columns(self) -> list[str]:
        return [*self.dimension_names, "sex", *[m.name for m in self.measures]]

    def count_columns(self) -> list[str]:
        """Every count column of its tables, by sex where the measure is."""
        out = []
        for m in self.measures:
            out += ([f"{m.name}_{s}" for s in SUFFIXES] if m.by_sex else []) + [m.name]
        return out

    def derived_columns(self) -> list[str]:
        out = []
        for d in self.derived:
            if self._by_sex(d):
                out += [f"{d.name}_{s}" for s in SUFFIXES]
            out.append(d.name)
        return out

    def _by_sex(self, derived: Derived) -> bool:
        by = {m.name: m.by_sex for m in self.measures}
        return derived.op == "ratio" and by.get(derived.a) and by.get(derived.b)

    def measure(self, name: str) -> Measure:
        return next(m for m in self.measures if m.name == name)


_REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    """Declare an indicator (idempotent per slug: a reload replaces it)."""
    _REGISTRY[indicator.slug] = indicator
    return indicator


def indicators() -> list[Indicator]:
    """Every registered indicator, in page order."""
    from . import statistics_sources  # noqa: F401 — registers the built-in indicators

    return sorted(_REGISTRY.values(), key=lambda i: (i.order, i.slug))


def get(slug: str) -> Indicator | None:
    return {i.slug: i for i in indicators()}.get(slug)


# --- pure pandas -----------------------------------------------------------------------------


def tabulate(
    indicator: Indicator, records: pd.DataFrame, dims: Sequence[str] | None = None
) -> pd.DataFrame:
    """Sum `records` into one row per combination of `dims` (default: all the indicator's
    dimensions; ``[]`` gives one total row), each measure by sex where it counts people.
    Unpublished: run it through `disclose` (or use `public_table`)."""
    dims = list(indicator.dimension_names if dims is None else dims)
    columns = [*dims, *indicator.count_columns()]
    if records is None or records.empty:
        return pd.DataFrame(columns=columns)
    frame = records.copy()
    frame["sex"] = frame["sex"].fillna("X").replace("", "X")
    frame["_all"] = "all"
    keys = dims or ["_all"]
    parts = []
    for m in indicator.measures:
        frame["_v"] = pd.to_numeric(frame[m.name], errors="coerce").fillna(0).astype("int64")
        if m.by_sex:
            wide = (
                frame.groupby([*keys, "sex"])["_v"]
                .sum()
                .unstack("sex")
                .reindex(columns=list(SEX_KEYS), fill_value=0)
                .fillna(0)
                .astype("int64")
            )
            wide.columns = [f"{m.name}_{SEX_KEYS[s]}" for s in wide.columns]
            wide[m.name] = frame.groupby(keys)["_v"].sum()
            parts.append(wide)
        else:
            parts.append(frame.groupby(keys)["_v"].sum().rename(m.name).to_frame())
    table = pd.concat(parts, axis=1).fillna(0).astype("int64").reset_index()
    table = table[columns]
    return table.sort_values(dims).reset_index(drop=True) if dims else table


def disclose(
    table: pd.DataFrame,
    indicator: Indicator,
    *,
    dims: Sequence[str] | None = None,
    threshold: int = THRESHOLD,
) -> pd.DataFrame:
    """Statistical disclosure control: the one function every public table goes through.

    1. Primary: every count from 1 to ``threshold - 1`` is suppressed (None), and
       ``<column>_suppressed`` is True for it. Zeros stay.
    2. Secondary, across the sex split of a measure (female, male, not stated, total) and
       down each column within the rows that share the first dimension (which add up to the
       first-dimension table the chart shows): where a group has exactly one suppressed cell,
       the smallest other non-zero cell is suppressed too, so no hidden count can be worked
       out by subtraction. Repeated until no group has a lone hidden cell.
    3. Derived figures (differences, ratios) only from published terms.
    """
    dims = list(indicator.dimension_names if dims is None else dims)
    counts = indicator.count_columns()
    out = table.copy().reset_index(drop=True)
    flags = {}
    for column in counts:
        values = pd.to_numeric(out[column], errors="coerce").fillna(0)
        flags[column] = ((values > 0) & (values < threshold)).to_numpy().copy()
        out[column] = values.astype("int64")
    sex_groups = [
        [f"{m.name}_{s}" for s in SUFFIXES] + [m.name] for m in indicator.measures if m.by_sex
    ]
    if len(dims) > 1 and len(out):
        row_groups = list(out.groupby(dims[0], sort=False).indices.values())
    else:  # the rows of a one-dimension table add up to the published total
        row_groups = [range(len(out))] if dims else []
    for _round in range(50):
        changed = False
        for group in sex_groups:
            for i in range(len(out)):
                changed |= _lone(flags, out, [(c, i) for c in group])
        for column in counts:
            for rows in row_groups:
                changed |= _lone(flags, out, [(column, int(i)) for i in rows])
        if not changed:
            break
    for column in counts:
        out[column] = out[column].astype(object).where(~flags[column], None)
        out[f"{column}_suppressed"] = flags[column]
    for d in indicator.derived:
        pairs = [(d.name, d.a, d.b)]
        if indicator._by_sex(d):
            pairs += [(f"{d.name}_{s}", f"{d.a}_{s}", f"{d.b}_{s}") for s in SUFFIXES]
        for name, a, b in pairs:
            hidden = flags[a] | flags[b]
            values = []
            for i in range(len(out)):
                x, y = out.at[i, a], out.at[i, b]
                if hidden[i]:
                    values.append(None)
                elif d.op == "difference":
                    values.append(int(x) - int(y))
                else:
                    values.append(round(int(x) / int(y), 3) if int(y) else None)
            out[name] = pd.Series(values, index=out.index, dtype=object)
            out[f"{name}_suppressed"] = hidden
    return out


def _lone(flags: dict, table: pd.DataFrame, cells: list[tuple[str, int]]) -> bool:
    """If exactly one of `cells` is suppressed, suppress the smallest other non-zero one."""
    hidden = [cell for cell in cells if flags[cell[0]][cell[1]]]
    if len(hidden) != 1:
        return False
    others = [
        (int(table.at[i, c]), c, i)
        for c, i in cells
        if not flags[c][i] and int(table.at[i, c]) != 0
    ]
    if not others:
        return False
    _value, column, row = min(others)
    flags[column][row] = True
    return True


def public_table(
    indicator: Indicator, records: pd.DataFrame, dims: Sequence[str] | None = None
) -> pd.DataFrame:
    """`tabulate` then `disclose`: what may leave the portal."""
    return disclose(tabulate(indicator, records, dims), indicator, dims=dims)


def total_of(table: pd.DataFrame, column: str) -> int:
    """Sum of the published cells of a column (suppressed ones count as nothing)."""
    if table.empty or column not in table:
        return 0
    return int(sum(v for v in table[column] if v is not None and not pd.isna(v)))
