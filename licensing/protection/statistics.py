"""Help requests on the public statistics page (issue 21): one indicator, registered from
`ProtectionConfig.ready`, counted by category, priority and outcome, by the person's sex, and
published through the shared disclosure control (`matching.indicators.disclose`).

Records come from `selectors.help_requests_records` (no names, contacts or free text)."""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching.indicators import Dimension, Indicator, Measure, register
from matching.statistics_sources import sex_summary


def _labels(choices, **extra):
    def names(codes):
        return {
            **{value: str(label) for value, label in choices.choices},
            **{k: str(v) for k, v in extra.items()},
        }

    return names


def _category(codes):
    from .models import HelpCategory

    return _labels(HelpCategory)(codes)


def _priority(codes):
    from .models import Priority

    return _labels(Priority)(codes)


def _outcome(codes):
    from .models import HelpOutcome

    return {**_labels(HelpOutcome)(codes), "": _("not closed yet")}


def read_help_requests(*, year: int, country: str | None = None) -> pd.DataFrame:
    """Help requests filed in `year` (country: of origin), one record each."""
    from .selectors import help_requests_records

    rows = [
        (category, priority, outcome or "", sex or "X", 1)
        for category, priority, outcome, sex in help_requests_records(year=year, country_id=country)
    ]
    return pd.DataFrame(rows, columns=HELP_REQUESTS.record_columns())


HELP_REQUESTS = register(
    Indicator(
        slug="help-requests",
        order=65,
        unit="persons",
        title=gettext_lazy("Help requests"),
        definition=gettext_lazy(
            "Requests for help from migrants in trouble filed in the year, by "
            "what the problem is, the priority given at triage and the outcome "
            "of the closed ones, by the person's sex (not stated when the "
            "person did not say)."
        ),
        dimensions=[
            Dimension("category", gettext_lazy("Category"), _category),
            Dimension("priority", gettext_lazy("Priority"), _priority),
            Dimension("outcome", gettext_lazy("Outcome"), _outcome),
        ],
        measures=[Measure("help_requests", gettext_lazy("Help requests"))],
        read=read_help_requests,
        summary=sex_summary(
            "help_requests",
            gettext_lazy(
                "%(total)s help requests were filed, %(women)s of them (%(share)s %%) by women; most "
                "about: %(top)s (%(top_value)s)."
            ),
        ),
    )
)
