"""Gender-impact note of a quota decision (issue 23): the share of women in the affected
ISCO group's supply, applications, placements and help requests, and what the change does to
the places they can expect. Every count goes through `disclose` (small cells hidden)."""

import pandas as pd
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from matching.indicators import SEX_KEYS, SUFFIXES, Dimension, Indicator, Measure, disclose
from portal.choices import Sex

#: The figures of a note, in the order shown: (key, label).
SOURCES = [
    ("supply", _("Worker profiles in the occupation")),
    ("applications", _("Permit applications")),
    ("placements", _("Placements (stays abroad)")),
    ("help_requests", _("Help requests from the country")),
]
FEMALE = SEX_KEYS[Sex.FEMALE.value]
NOTE = Indicator(
    slug="gender-impact-note",
    title=_("Gender-impact note"),
    definition="",
    dimensions=[Dimension("source", _("Source"))],
    measures=[Measure("n", _("Count"))],
    read=lambda **kw: pd.DataFrame(),
    summary=lambda table, ind: "",
)


def _by_sex(queryset, field: str = "sex") -> dict:
    counts = {
        row[field]: row["n"]
        for row in queryset.values(field).annotate(n=Count("pk", distinct=True))
    }
    return {SEX_KEYS[code]: counts.get(code, 0) for code in SEX_KEYS}


def _counts(*, country_id: str, occupation_code: str | None) -> dict:
    from licensing.protection.models import HelpRequest
    from vacancies.cycle.models import Stay
    from vacancies.models import WorkerProfile

    from ..models import PermitApplication

    supply = WorkerProfile.objects.all()
    applications = PermitApplication.objects.filter(authority__country_id=country_id)
    placements = Stay.objects.all()
    if occupation_code:
        supply = supply.filter(occupations__code__startswith=occupation_code)
        applications = applications.filter(occupation__code__startswith=occupation_code)
        placements = placements.filter(occupation__code__startswith=occupation_code)
    return {
        "supply": _by_sex(supply),
        "applications": _by_sex(applications),
        "placements": _by_sex(placements),
        "help_requests": _by_sex(HelpRequest.objects.filter(current_country_id=country_id)),
    }


def gender_impact_note(
    *, country_id: str, occupation_code: str | None, places_before: int, places_after: int
) -> dict:
    """The note as plain data (stored on the quota, shown before confirming, published).

    ``rows``: per source the published counts by sex (None where suppressed) and the share of
    women in percent (only from published cells). ``expected_women``: places added or removed
    times the women's share of applications (falling back to supply), None when unknown."""
    counts = _counts(country_id=country_id, occupation_code=occupation_code)
    table = pd.DataFrame(
        [
            {
                "source": key,
                **{f"n_{s}": counts[key][s] for s in SUFFIXES},
                "n": sum(counts[key].values()),
            }
            for key, _label in SOURCES
        ]
    )
    published = disclose(table, NOTE)
    rows = []
    for record in published.to_dict("records"):
        women, total = record[f"n_{FEMALE}"], record["n"]
        share = (
            round(100 * women / total, 1)
            if women is not None and total and not pd.isna(women) and not pd.isna(total)
            else None
        )
        rows.append(
            {
                "source": record["source"],
                "by_sex": {s: _plain(record[f"n_{s}"]) for s in SUFFIXES},
                "total": _plain(total),
                "women_percent": share,
            }
        )
    delta = places_after - places_before
    basis = next(
        (r for r in rows if r["source"] == "applications" and r["women_percent"] is not None),
        next((r for r in rows if r["source"] == "supply" and r["women_percent"] is not None), None),
    )
    expected = round(delta * basis["women_percent"] / 100) if basis else None
    return {
        "occupation": occupation_code or "",
        "country": country_id,
        "places_before": places_before,
        "places_after": places_after,
        "places_change": delta,
        "basis": basis["source"] if basis else "",
        "expected_women": expected,
        "rows": rows,
    }


def _plain(value):
    return None if value is None or pd.isna(value) else int(value)


def labelled(note: dict) -> list[dict]:
    """The rows with their label, for templates."""
    labels = dict(SOURCES)
    order = [SEX_KEYS[Sex.FEMALE.value], SEX_KEYS[Sex.MALE.value], SEX_KEYS[Sex.NOT_STATED.value]]
    return [
        {
            **row,
            "label": labels.get(row["source"], row["source"]),
            "cells": [row["by_sex"].get(s) for s in order] + [row["total"]],
        }
        for row in note.get("rows", [])
    ]
