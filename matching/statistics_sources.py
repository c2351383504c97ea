"""The built-in public indicators: what each one counts, read from the database as records
(see `matching.indicators`). Another module adds its own with `indicators.register(...)` in
its AppConfig.ready (flows, help requests); the page, downloads and SDMX pick it up.

Every reader takes ``year`` (calendar year of the event counted) and ``country`` (ISO 3166-1
alpha-2 or None for every country) and returns a DataFrame with the indicator's
`record_columns()`. Definitions: docs/statistics.md.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import Country, IscoGroup, Region

from . import analytics, frames
from .indicators import NOT_APPLICABLE, Derived, Dimension, Indicator, Measure, register, total_of

# --- how codes read ------------------------------------------------------------------------


def _names(model, codes) -> dict:
    return {obj.pk: obj.local for obj in model.objects.filter(pk__in=codes)}


def country_names(codes) -> dict:
    return _names(Country, codes)


def region_names(codes) -> dict:
    names = _names(Region, codes)
    if "" in codes:
        names[""] = _("region not given")
    return names


def isco_names(codes) -> dict:
    names = _names(IscoGroup, codes)
    if "?" in codes:
        names["?"] = _("occupation not given")
    return names


def _choices(choices):
    return lambda codes: {value: str(label) for value, label in choices}


REGION = Dimension("region", gettext_lazy("Region"), region_names, is_region=True)
ISCO = Dimension("isco", gettext_lazy("Occupation group (ISCO-08)"), isco_names)
COUNTRY = Dimension("country", gettext_lazy("Country"), country_names)
DESTINATION = Dimension("destination", gettext_lazy("Destination country"), country_names)
SECTOR = Dimension("sector", gettext_lazy("Sector (ISCO-08 major group)"), isco_names)
OCCUPATION = Dimension(
    "occupation", gettext_lazy("Occupation (ISCO-08 sub-major group)"), isco_names
)


def _isco(code, level=1) -> str:
    return analytics.isco_group(code, level) or "?"


def _frame(rows, indicator_columns) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=indicator_columns)


# --- one-sentence summaries ------------------------------------------------------------------


def _largest(table: pd.DataFrame, indicator: Indicator, column: str) -> tuple[str, int] | None:
    """The first-dimension row with the largest published `column`, in words."""
    dim = indicator.dimensions[0]
    rows = [
        (v, c)
        for v, c in zip(table[column], table[dim.name], strict=True)
        if v is not None and not pd.isna(v)
    ]
    if not rows:
        return None
    value, code = max(rows, key=lambda r: (r[0], str(r[1])))
    return dim.names({code}).get(code, str(code) or "—"), int(value)


def sex_summary(measure: str, sentence: str):
    """A summary for a measure split by sex: total, women's share, largest group."""

    def summary(table: pd.DataFrame, indicator: Indicator) -> str:
        total = total_of(table, measure)
        if not total:
            return _("No figure to publish for this year yet.")
        women = total_of(table, f"{measure}_female")
        top = _largest(table, indicator, measure)
        return sentence % {
            "total": total,
            "women": women,
            "share": round(100 * women / total) if total else 0,
            "top": top[0] if top else "—",
            "top_value": top[1] if top else 0,
        }

    return summary


def plain_summary(measure: str, sentence: str):
    def summary(table: pd.DataFrame, indicator: Indicator) -> str:
        total = total_of(table, measure)
        if not total:
            return _("No figure to publish for this year yet.")
        top = _largest(table, indicator, measure)
        return sentence % {
            "total": total,
            "top": top[0] if top else "—",
            "top_value": top[1] if top else 0,
        }

    return summary


# --- readers ---------------------------------------------------------------------------------


def _issued(model, *, year: int, country: str | None, columns) -> pd.DataFrame:
    rows = model.objects.filter(issued_at__year=year)
    if country:
        rows = rows.filter(authority__country_id=country)
    data = [
        (region or "", _isco(occupation), sex or "X", 1)
        for region, occupation, sex in rows.values_list(
            "region_id", "occupation_id", "application__sex"
        )
    ]
    return _frame(data, columns)


def read_permits(*, year: int, country: str | None = None) -> pd.DataFrame:
    from licensing.permits.models import WorkPermit

    return _issued(WorkPermit, year=year, country=country, columns=PERMITS.record_columns())


def read_patents(*, year: int, country: str | None = None) -> pd.DataFrame:
    from licensing.permits.models import Patent

    return _issued(Patent, year=year, country=country, columns=PATENTS.record_columns())


def read_agencies(*, year: int, country: str | None = None) -> pd.DataFrame:
    """Agencies whose licence was valid on the last day of `year` (or today, this year),
    and sanctions imposed in `year`."""
    from licensing.models import Licence, Sanction
    from portal.lifecycle import DocumentStatus

    on = min(date(year, 12, 31), timezone.localdate())
    licences = Licence.objects.filter(valid_from__lte=on, valid_until__gte=on).exclude(
        status=DocumentStatus.REVOKED
    )
    sanctions = Sanction.objects.filter(imposed_on__year=year)
    if country:
        licences = licences.filter(agency__country_id=country)
        sanctions = sanctions.filter(agency__country_id=country)
    # one row per agency licensed, then one per sanction in the column of its kind
    rows = [
        (c, NOT_APPLICABLE, 1, 0, 0, 0)
        for c, _a in licences.values_list("agency__country_id", "agency_id").distinct().order_by()
    ]
    column = {"warning": 3, "fine": 3, "suspension": 4, "revocation": 5}
    for c, kind in sanctions.values_list("agency__country_id", "kind"):
        row = [c, NOT_APPLICABLE, 0, 0, 0, 0]
        row[column.get(kind, 3)] = 1
        rows.append(tuple(row))
    return _frame(rows, AGENCIES.record_columns())


def read_vacancies(*, year: int, country: str | None = None) -> pd.DataFrame:
    """Job orders vetted and published (approved) in `year`, by destination and group."""
    from vacancies.models import JobOrder, JobOrderStatus

    rows = JobOrder.objects.filter(
        decided_at__year=year,
        number__isnull=False,
        status__in=[JobOrderStatus.APPROVED, JobOrderStatus.CLOSED],
    )
    if country:
        rows = rows.filter(Q(destination_country_id=country) | Q(agency__country_id=country))
    data = [
        (dest, _isco(occ), NOT_APPLICABLE, 1, positions)
        for dest, occ, positions in rows.values_list(
            "destination_country_id", "occupation_id", "positions"
        )
    ]
    return _frame(data, VACANCIES.record_columns())


OFFERED = ("offered", "accepted", "declined", "departed", "returned")
PLACED = ("accepted", "departed", "returned")


def read_demand_by_sex(*, year: int, country: str | None = None) -> pd.DataFrame:
    """Applications, offers and placements under job orders whose work starts in `year`, by
    the applicant's sex, destination, sector and occupation; each job order's positions once."""
    from vacancies.models import JobOrder, VacancyApplication

    orders = JobOrder.objects.filter(season_start__year=year, number__isnull=False)
    if country:
        orders = orders.filter(Q(destination_country_id=country) | Q(agency__country_id=country))
    data = []
    for dest, occ, positions in orders.values_list(
        "destination_country_id", "occupation_id", "positions"
    ):
        data.append((dest, _isco(occ), _isco(occ, 2), NOT_APPLICABLE, 0, 0, 0, positions))
    applications = VacancyApplication.objects.filter(job_order__in=orders).values_list(
        "job_order__destination_country_id", "job_order__occupation_id", "profile__sex", "status"
    )
    for dest, occ, sex, status in applications:
        data.append(
            (
                dest,
                _isco(occ),
                _isco(occ, 2),
                sex or "X",
                1,
                int(status in OFFERED),
                int(status in PLACED),
                0,
            )
        )
    return _frame(data, WOMEN_DEMAND.record_columns())


def read_placements(*, year: int, country: str | None = None) -> pd.DataFrame:
    records = read_demand_by_sex(year=year, country=country)
    placed = records[records["placements"] > 0]
    return pd.DataFrame(
        {
            "destination": placed["destination"],
            "isco": placed["sector"],
            "sex": placed["sex"],
            "placements": placed["placements"],
        },
        columns=PLACEMENTS.record_columns(),
    )


def read_complaints(*, year: int, country: str | None = None) -> pd.DataFrame:
    """Complaints filed in `year`, by category and where they stand. The complaint form does
    not ask the complainant's sex (anonymous by default): all count as not stated."""
    from licensing.models import Complaint

    rows = Complaint.objects.filter(created_at__year=year)
    if country:
        rows = rows.filter(country_id=country)
    data = [
        (category, status, "X", 1) for category, status in rows.values_list("category", "status")
    ]
    return _frame(data, COMPLAINTS.record_columns())


def read_supply_demand(*, year: int, country: str | None = None) -> pd.DataFrame:
    """Workers registered (by region of origin) and demand (positions of published job orders
    and assessed demand, by region of work), by region × ISCO major group."""
    from vacancies import selectors as vacancy_selectors
    from vacancies.models import WorkerProfile

    from .models import DemandAssessment

    profiles = WorkerProfile.objects.all()
    orders = vacancy_selectors.published_job_orders()
    assessments = DemandAssessment.objects.all()
    if country:
        profiles = profiles.filter(origin_country_id=country)
        orders = orders.filter(destination_country_id=country)
        assessments = assessments.filter(region__country_id=country)
    periods = analytics.year_months(year)
    supply = analytics.supply_long(frames.profiles_frame(profiles), periods=periods)
    supply = supply.drop(columns="month").drop_duplicates(["id", "geo", "isco"])
    demand = analytics._demand_once(
        frames.job_orders_frame(orders),
        frames.assessments_frame(assessments),
        periods=periods,
        level=1,
        geography="region",
    )
    data = [
        (geo, isco, sex, 1, 0)
        for geo, isco, sex in zip(supply["geo"], supply["isco"], supply["sex"], strict=True)
    ]
    data += [
        (geo, isco, NOT_APPLICABLE, 0, int(p) + int(a))
        for geo, isco, p, a in zip(
            demand["geo"],
            demand["isco"],
            demand["demand_positions"],
            demand["demand_assessed"],
            strict=True,
        )
    ]
    return _frame(data, SUPPLY_DEMAND.record_columns())


# --- the declarations ------------------------------------------------------------------------

PERMITS = register(
    Indicator(
        slug="permits",
        order=10,
        title=gettext_lazy("Work permits issued"),
        definition=gettext_lazy(
            "Work permits issued in the year by the migration authorities, by "
            "region of work and ISCO-08 major group of the job, by the holder's "
            "sex."
        ),
        dimensions=[REGION, ISCO],
        measures=[Measure("permits", gettext_lazy("Permits"))],
        read=read_permits,
        summary=sex_summary(
            "permits",
            gettext_lazy(
                "%(total)s work permits were issued, %(women)s of them (%(share)s %%) to women; most "
                "in %(top)s (%(top_value)s)."
            ),
        ),
        sdmx={"REF_AREA": "region", "OCCUPATION": "isco"},
    )
)

PATENTS = register(
    Indicator(
        slug="patents",
        order=20,
        title=gettext_lazy("Patents issued"),
        definition=gettext_lazy(
            "Patents for low-skilled work issued in the year, by region where "
            "the patent is valid and ISCO-08 major group, by the holder's sex."
        ),
        dimensions=[REGION, ISCO],
        measures=[Measure("patents", gettext_lazy("Patents"))],
        read=read_patents,
        summary=sex_summary(
            "patents",
            gettext_lazy(
                "%(total)s patents were issued, %(women)s of them (%(share)s %%) to women; most in "
                "%(top)s (%(top_value)s)."
            ),
        ),
        sdmx={"REF_AREA": "region", "OCCUPATION": "isco"},
    )
)

AGENCIES = register(
    Indicator(
        slug="agencies",
        order=30,
        unit="agencies",
        title=gettext_lazy("Licensed agencies and sanctions"),
        definition=gettext_lazy(
            "Recruitment agencies holding a valid licence on the last day of "
            "the year (or today), and sanctions imposed on agencies in the "
            "year: warnings and fines, suspensions, revocations. Agencies have "
            "no sex; these figures are not split."
        ),
        dimensions=[COUNTRY],
        measures=[
            Measure("agencies", gettext_lazy("Licensed agencies"), by_sex=False),
            Measure("warnings_fines", gettext_lazy("Warnings and fines"), by_sex=False),
            Measure("suspensions", gettext_lazy("Suspensions"), by_sex=False),
            Measure("revocations", gettext_lazy("Revocations"), by_sex=False),
        ],
        read=read_agencies,
        summary=plain_summary(
            "agencies",
            gettext_lazy(
                "%(total)s recruitment agencies hold a valid licence; most in %(top)s "
                "(%(top_value)s)."
            ),
        ),
        sdmx={"REF_AREA": "country"},
    )
)

VACANCIES = register(
    Indicator(
        slug="vacancies",
        order=40,
        unit="job orders",
        title=gettext_lazy("Vetted vacancies"),
        definition=gettext_lazy(
            "Job orders vetted and published in the year, and the positions "
            "they offer, by destination country and ISCO-08 major group. A job "
            "order has no sex; see the next table for who applies and who is "
            "placed."
        ),
        dimensions=[DESTINATION, ISCO],
        measures=[
            Measure("job_orders", gettext_lazy("Job orders"), by_sex=False),
            Measure("positions", gettext_lazy("Positions"), by_sex=False),
        ],
        read=read_vacancies,
        summary=plain_summary(
            "positions",
            gettext_lazy(
                "Vetted job orders offered %(total)s positions; most in %(top)s (%(top_value)s)."
            ),
        ),
        sdmx={"COUNTERPART_AREA": "destination", "OCCUPATION": "isco"},
    )
)

PLACEMENTS = register(
    Indicator(
        slug="placements",
        order=50,
        title=gettext_lazy("Placements"),
        definition=gettext_lazy(
            "Workers placed (offer accepted, departed or returned) in job "
            "orders whose work starts in the year, by destination country and "
            "ISCO-08 major group, by the worker's sex."
        ),
        dimensions=[DESTINATION, ISCO],
        measures=[Measure("placements", gettext_lazy("Placements"))],
        read=read_placements,
        summary=sex_summary(
            "placements",
            gettext_lazy(
                "%(total)s workers were placed, %(women)s of them (%(share)s %%) women; most in "
                "%(top)s (%(top_value)s)."
            ),
        ),
        sdmx={"COUNTERPART_AREA": "destination", "OCCUPATION": "isco"},
    )
)

WOMEN_DEMAND = register(
    Indicator(
        slug="women",
        order=55,
        title=gettext_lazy("Demand for women workers"),
        definition=gettext_lazy(
            "Applications, offers and placements by the applicant's sex, "
            "destination, sector (ISCO-08 major group) and occupation (ISCO-08 "
            "sub-major group), for job orders whose work starts in the year. "
            "Placement rate: placements ÷ applications, by sex. Fill rate: "
            "placements ÷ positions offered."
        ),
        dimensions=[DESTINATION, SECTOR, OCCUPATION],
        measures=[
            Measure("applications", gettext_lazy("Applications")),
            Measure("offers", gettext_lazy("Offers")),
            Measure("placements", gettext_lazy("Placements")),
            Measure("positions", gettext_lazy("Positions"), by_sex=False),
        ],
        derived=[
            Derived(
                "placement_rate",
                gettext_lazy("Placement rate"),
                "ratio",
                "placements",
                "applications",
            ),
            Derived("fill_rate", gettext_lazy("Fill rate"), "ratio", "placements", "positions"),
        ],
        read=read_demand_by_sex,
        summary=sex_summary(
            "placements",
            gettext_lazy(
                "Of %(total)s placements, %(women)s (%(share)s %%) went to women; most placements "
                "were in %(top)s (%(top_value)s)."
            ),
        ),
        sdmx={"COUNTERPART_AREA": "destination", "OCCUPATION": "occupation"},
    )
)

COMPLAINTS = register(
    Indicator(
        slug="complaints",
        order=60,
        unit="complaints",
        title=gettext_lazy("Complaints by type and outcome"),
        definition=gettext_lazy(
            "Complaints against agencies and recruiters filed in the year, by "
            "what they are about and where they stand (received, under "
            "investigation, upheld, dismissed). The complaint form does not ask "
            "the complainant's sex, so every complaint counts as not stated."
        ),
        dimensions=[
            Dimension("category", gettext_lazy("Category"), lambda codes: _complaint_labels()[0]),
            Dimension("outcome", gettext_lazy("Outcome"), lambda codes: _complaint_labels()[1]),
        ],
        measures=[Measure("complaints", gettext_lazy("Complaints"))],
        read=read_complaints,
        summary=plain_summary(
            "complaints",
            gettext_lazy(
                "%(total)s complaints were filed; the most common concern: %(top)s (%(top_value)s)."
            ),
        ),
    )
)


def _complaint_labels():
    from licensing.models import Complaint, ComplaintStatus

    return (
        {v: str(label) for v, label in Complaint.Category.choices},
        {v: str(label) for v, label in ComplaintStatus.choices},
    )


SUPPLY_DEMAND = register(
    Indicator(
        slug="supply-demand",
        order=70,
        title=gettext_lazy("Supply and demand of workers"),
        definition=gettext_lazy(
            "Workers with a profile, by region of origin, ISCO-08 major group "
            "(a worker counts in each group they work in) and sex; demand: "
            "positions of published job orders and assessed demand, by region "
            "of work. Gap: demand minus workers; positive means more positions "
            "than registered workers, negative more workers than positions."
        ),
        dimensions=[REGION, ISCO],
        measures=[
            Measure("workers", gettext_lazy("Workers registered")),
            Measure("demand", gettext_lazy("Demand (positions)"), by_sex=False),
        ],
        derived=[Derived("gap", gettext_lazy("Gap"), "difference", "demand", "workers")],
        read=read_supply_demand,
        summary=sex_summary(
            "workers",
            gettext_lazy(
                "%(total)s workers have a profile, %(women)s of them (%(share)s %%) women; most in "
                "%(top)s (%(top_value)s)."
            ),
        ),
        sdmx={"REF_AREA": "region", "OCCUPATION": "isco"},
    )
)
