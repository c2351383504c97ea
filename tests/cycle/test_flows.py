"""Migration flows (issue 22): departures, arrivals, returns and overstays by origin ×
destination × ISCO major group × sex × month, in pandas; the analysis without a database,
the selector against stays made through the services."""

from datetime import date, timedelta

import pandas as pd
import pytest
from django.utils import timezone

from vacancies.cycle import services
from vacancies.cycle.flows import flow_events, flows_by, flows_external, flows_table
from vacancies.cycle.selectors import flows_frame, stays_frame


def _stays():
    nat = pd.NaT
    return pd.DataFrame(
        [
            # origin, destination, occupation, sex, departed, arrived, returned, overstay
            ("TJ", "KZ", "7112", "F", date(2026, 3, 2), date(2026, 3, 3), date(2026, 9, 1), nat),
            ("TJ", "KZ", "7112", "F", date(2026, 3, 20), date(2026, 3, 21), nat, date(2026, 10, 1)),
            ("TJ", "KZ", "9211", "M", date(2026, 3, 5), nat, nat, nat),
            ("KG", "RU", None, "X", nat, date(2026, 4, 1), nat, nat),
        ],
        columns=[
            "origin",
            "destination",
            "occupation",
            "sex",
            "departed_on",
            "arrived_on",
            "returned_on",
            "overstay_from",
        ],
    )


def test_the_table_counts_each_event_in_its_month_and_cell():
    table = flows_table(flow_events(_stays()))
    assert list(table.columns) == [
        "origin",
        "destination",
        "isco_group",
        "sex",
        "month",
        "departures",
        "arrivals",
        "returns",
        "overstays",
    ]
    row = table[(table.origin == "TJ") & (table.isco_group == "7") & (table.month == "2026-03")]
    assert row[["departures", "arrivals", "returns", "overstays"]].values.tolist() == [[2, 2, 0, 0]]
    assert table[table.month == "2026-10"]["overstays"].tolist() == [1]
    assert table[table.origin == "KG"][["isco_group", "sex", "arrivals"]].values.tolist() == [
        ["?", "X", 1]
    ]
    assert table[["departures", "arrivals", "returns", "overstays"]].sum().tolist() == [3, 3, 1, 1]


def test_a_period_keeps_only_its_events_and_sums_roll_up():
    events = flow_events(_stays(), since=date(2026, 4, 1), until=date(2026, 9, 30))
    assert sorted(events["event"]) == ["arrivals", "returns"]
    by_destination = flows_by(flows_table(flow_events(_stays())), ["destination"])
    assert by_destination.set_index("destination")["departures"].to_dict() == {"KZ": 3, "RU": 0}


def test_empty_input_gives_an_empty_table_with_the_columns():
    empty = flows_table(flow_events(_stays().iloc[0:0]))
    assert empty.empty and "overstays" in empty.columns
    assert flows_by(empty, ["sex"]).columns.tolist() == [
        "sex",
        "departures",
        "arrivals",
        "returns",
        "overstays",
    ]


def test_small_cells_are_suppressed_before_they_leave():
    out = flows_external(flows_table(flow_events(_stays())), threshold=3)
    assert out["departures"].isna().sum() > 0 and out["departures_suppressed"].any()
    assert (out.loc[~out["departures_suppressed"], "departures"] == 0).all()


@pytest.mark.django_db
def test_the_selector_reads_stays_made_by_the_services(cy):
    today = timezone.localdate()
    stay = services.stay_departure_record(
        worker=cy["worker"],
        by=cy["worker"],
        destination_id="KZ",
        departed_on=today - timedelta(days=5),
    )
    services.stay_arrive(stay=stay, by=cy["worker"], arrived_on=today - timedelta(days=4))
    assert set(stays_frame(country="KZ").columns) >= {"origin", "destination", "sex"}
    assert stays_frame(country="UZ").empty
    table = flows_frame(country="TJ")
    assert table[["departures", "arrivals"]].sum().tolist() == [1, 1]
    assert set(table["sex"]) == {"F"} and set(table["origin"]) == {"TJ"}
