"""Property (Hypothesis): on every public table of every registered indicator — the detailed
table, the first-dimension table the chart and map draw, and the one-row total — no published
count is from 1 to 4, no sex split or first-dimension group has a lone hidden cell (it could be
recovered by subtraction), and derived figures come only from published terms. The tables are
built the way the page and downloads build them (`indicators.public_table`)."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import indicators
from matching.indicators import SUFFIXES, THRESHOLD

CODES = ["A", "B", "C"]


def records(indicator):
    row = st.fixed_dictionaries(
        {
            **{d: st.sampled_from(CODES) for d in indicator.dimension_names},
            "sex": st.sampled_from(["F", "M", "X", "Z"]),
            **{m.name: st.integers(0, 7) for m in indicator.measures},
        }
    )
    return st.lists(row, max_size=40).map(
        lambda rows: pd.DataFrame(rows, columns=indicator.record_columns())
    )


def published(value) -> bool:
    return value is not None and not pd.isna(value)


def check(indicator, table, dims):
    counts = indicator.count_columns()
    for column in counts:
        for value, hidden in zip(table[column], table[f"{column}_suppressed"], strict=True):
            assert published(value) != bool(hidden)
            if published(value):
                assert not 0 < value < THRESHOLD, (indicator.slug, column, value)
    raw = indicators.tabulate(indicator, table_source[0], dims)  # the unsuppressed figures

    def lone(cells):
        hidden = [c for c in cells if c[2]]
        others = [c for c in cells if not c[2] and c[1] != 0]
        return len(hidden) == 1 and others

    for m in indicator.measures:
        if m.by_sex:
            group = [f"{m.name}_{s}" for s in SUFFIXES] + [m.name]
            for i in range(len(table)):
                cells = [(c, raw.at[i, c], table.at[i, f"{c}_suppressed"]) for c in group]
                assert not lone(cells), (indicator.slug, i, cells)
    if dims:
        keys = table[dims[0]] if len(dims) > 1 else pd.Series(["all"] * len(table))
        for column in counts:
            for _key, rows in keys.groupby(keys).groups.items():
                cells = [(i, raw.at[i, column], table.at[i, f"{column}_suppressed"]) for i in rows]
                assert not lone(cells), (indicator.slug, column, cells)
    for d in indicator.derived:
        for value, a, b in zip(
            table[d.name], table[f"{d.a}_suppressed"], table[f"{d.b}_suppressed"], strict=True
        ):
            if a or b:
                assert not published(value)


table_source = [None]


@pytest.mark.parametrize("slug", [i.slug for i in indicators.indicators()])
def test_suppression_holds_on_every_public_table(slug):
    indicator = indicators.get(slug)

    @settings(max_examples=60, deadline=None)
    @given(records(indicator))
    def run(data):
        table_source[0] = data
        names = indicator.dimension_names
        for dims in (names, names[:1], []):
            check(indicator, indicators.public_table(indicator, data, dims), dims)

    run()


def test_every_indicator_is_on_the_page_and_documented():
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "statistics.md"
    text = doc.read_text(encoding="utf-8")
    for indicator in indicators.indicators():
        assert f"`{indicator.slug}`" in text, indicator.slug
