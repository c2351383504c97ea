"""Reads of the migration cycle: stays a person may see, and the frames the flows are made of
(`cycle.flows` turns them into tables; the statistics page calls `flows_frame`)."""

from datetime import date

import pandas as pd
from django.db.models import Q, QuerySet

from portal.policy import scope

from . import flows
from .models import OverstayCase, Stay
from .permissions import CyclePermission as P

STAY_COLUMNS = {
    "origin_country_id": "origin",
    "destination_country_id": "destination",
    "occupation_id": "occupation",
    "sex": "sex",
    "departed_on": "departed_on",
    "arrived_on": "arrived_on",
    "returned_on": "returned_on",
    "overstay_from": "overstay_from",
}


def stays_visible(*, user) -> QuerySet[Stay]:
    """The stays `user` may read, newest first."""
    return scope(user, P.STAY_VIEW, Stay.objects.all()).select_related(
        "origin_country", "destination_country", "scheme"
    )


def stays_of_worker(*, worker) -> QuerySet[Stay]:
    return (
        Stay.objects.filter(worker=worker)
        .select_related("destination_country", "scheme", "overstay_case")
        .order_by("-pk")
    )


def overstays_open(*, user) -> QuerySet[OverstayCase]:
    return scope(
        user, P.OVERSTAY_VIEW, OverstayCase.objects.filter(status__in=["open", "under_review"])
    )


def stays_frame(*, country: str | None = None) -> pd.DataFrame:
    """Every stay touching `country` (as origin or destination; None: all) as a DataFrame
    with the columns `cycle.flows` reads. No personal data: no worker, no names."""
    qs = Stay.objects.all()
    if country:
        qs = qs.filter(Q(origin_country_id=country) | Q(destination_country_id=country))
    frame = pd.DataFrame.from_records(
        qs.values_list(*STAY_COLUMNS), columns=list(STAY_COLUMNS.values())
    )
    return frame


def flows_frame(
    *, country: str | None = None, since: date | None = None, until: date | None = None
) -> pd.DataFrame:
    """Departures, arrivals, returns and overstays by origin × destination × ISCO major group
    × sex × month (one column per event) — what the statistics page shows beside its chart."""
    return flows.flows_table(
        flows.flow_events(stays_frame(country=country), since=since, until=until)
    )
