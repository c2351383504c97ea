"""Migration flows in pandas: functions that take DataFrames and return DataFrames (no
database), so the statistics page, exports and the partner API share one computation.

Input (`stays`): one row per stay with ``origin, destination, occupation (ISCO-08 code or
empty), sex, departed_on, arrived_on, returned_on, overstay_from`` (dates or NaT), as
`cycle.selectors.stays_frame` builds it. Output: counts of departures, arrivals, returns and
overstays by origin × destination × ISCO major group × sex × month.
"""

from collections.abc import Iterable

import pandas as pd

#: Event → the date column that dates it.
EVENTS = {
    "departures": "departed_on",
    "arrivals": "arrived_on",
    "returns": "returned_on",
    "overstays": "overstay_from",
}
KEYS = ["origin", "destination", "isco_group", "sex", "month"]
UNKNOWN_GROUP = "?"


def flow_events(stays: pd.DataFrame, *, since=None, until=None) -> pd.DataFrame:
    """One row per event: ``origin, destination, isco_group, sex, month, event``; events
    outside [since, until] (dates, inclusive) are left out."""
    columns = [*KEYS, "event"]
    if stays.empty:
        return pd.DataFrame(columns=columns)
    base = stays.assign(
        isco_group=stays["occupation"].fillna("").astype(str).str[:1].replace("", UNKNOWN_GROUP)
    )
    frames = []
    for event, column in EVENTS.items():
        dated = base[base[column].notna()].copy()
        when = pd.to_datetime(dated[column])
        if since is not None:
            dated, when = dated[when >= pd.Timestamp(since)], when[when >= pd.Timestamp(since)]
        if until is not None:
            dated, when = dated[when <= pd.Timestamp(until)], when[when <= pd.Timestamp(until)]
        dated["month"] = when.dt.strftime("%Y-%m")
        dated["event"] = event
        frames.append(dated[columns])
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def flows_table(events: pd.DataFrame) -> pd.DataFrame:
    """Counts per origin × destination × ISCO group × sex × month: one column per event
    (``departures, arrivals, returns, overstays``), zeros where nothing happened, sorted."""
    if events.empty:
        return pd.DataFrame(columns=[*KEYS, *EVENTS])
    table = (
        events.groupby([*KEYS, "event"])
        .size()
        .unstack("event", fill_value=0)
        .reindex(columns=list(EVENTS), fill_value=0)
        .reset_index()
    )
    table.columns.name = None
    return table.sort_values(KEYS, ignore_index=True)


def flows_by(table: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    """The same counts summed over the keys not named (e.g. ``["destination", "month"]``)."""
    keys = list(keys)
    if table.empty:
        return pd.DataFrame(columns=[*keys, *EVENTS])
    return (
        table.groupby(keys, as_index=False)[list(EVENTS)].sum().sort_values(keys, ignore_index=True)
    )


def flows_external(table: pd.DataFrame, *, threshold: int | None = None) -> pd.DataFrame:
    """A flows table fit to leave the authority: counts between 1 and the threshold hidden
    (the matcher's statistical disclosure control, `matching.analytics`)."""
    from matching.analytics import DEFAULT_SUPPRESSION_THRESHOLD, suppress_small_cells

    return suppress_small_cells(
        table, list(EVENTS), threshold=threshold or DEFAULT_SUPPRESSION_THRESHOLD
    )
