"""Migration flows on the public statistics page (issue 22): one indicator, registered from
`CycleConfig.ready` — departures, arrivals, returns and overstays by origin × destination ×
ISCO-08 major group × month, by sex — read from `selectors.flows_frame` and published through
the shared disclosure control (`matching.indicators.disclose`)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from django.utils.translation import gettext_lazy

from matching.indicators import Dimension, Indicator, Measure, register
from matching.statistics_sources import country_names, isco_names, sex_summary

from .flows import EVENTS


def read_flows(*, year: int, country: str | None = None) -> pd.DataFrame:
    """The flows of `year` (events dated in it; country: at either end), one record per cell
    of `flows_frame` weighted by its counts."""
    from .selectors import flows_frame

    table = flows_frame(country=country, since=date(year, 1, 1), until=date(year, 12, 31))
    columns = FLOWS.record_columns()
    if table.empty:
        return pd.DataFrame(columns=columns)
    table = table.rename(columns={"isco_group": "isco"})
    table["sex"] = table["sex"].fillna("X").replace("", "X")
    return table[columns].reset_index(drop=True)


FLOWS = register(
    Indicator(
        slug="flows",
        order=58,
        title=gettext_lazy("Departures, returns and overstays"),
        definition=gettext_lazy(
            "Stays abroad recorded on the portal: departures, arrivals "
            "registered, returns and overstays (the stay went past its allowed "
            "end) in each month of the year, by country of origin, destination, "
            "ISCO-08 major group of the job and the worker's sex."
        ),
        dimensions=[
            Dimension("origin", gettext_lazy("Country of origin"), country_names),
            Dimension("destination", gettext_lazy("Destination country"), country_names),
            Dimension("isco", gettext_lazy("Occupation group (ISCO-08)"), isco_names),
            Dimension("month", gettext_lazy("Month")),
        ],
        measures=[
            Measure(event, label)
            for event, label in zip(
                EVENTS,
                [
                    gettext_lazy("Departures"),
                    gettext_lazy("Arrivals"),
                    gettext_lazy("Returns"),
                    gettext_lazy("Overstays"),
                ],
                strict=True,
            )
        ],
        read=read_flows,
        summary=sex_summary(
            "departures",
            gettext_lazy(
                "%(total)s departures were recorded, %(women)s of them (%(share)s %%) women; most from "
                "%(top)s (%(top_value)s)."
            ),
        ),
        sdmx={"REF_AREA": "origin", "COUNTERPART_AREA": "destination", "OCCUPATION": "isco"},
    )
)
