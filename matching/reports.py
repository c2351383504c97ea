"""The figures behind the analyst's dashboard and its exports: selectors → frames →
analytics. Reads only, except that every export is recorded in the audit log (figures that
leave the screen are accountable); the view checks the user may see the country first."""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass

import pandas as pd
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.db_router import reads_from_replica
from portal.exports import cell_safe, row_safe
from portal.models import Country, IscoGroup, Region

from . import analytics, frames, selectors


@dataclass
class DashboardFilters:
    """What the analyst chose; the defaults are the whole current year, by region and major
    group, split by sex."""

    country: str
    year: int
    month: int | None = None
    level: int = 1
    geography: str = "region"
    split_sex: bool = True
    threshold: float = analytics.DEFAULT_MATCH_THRESHOLD

    @property
    def periods(self) -> list[str]:
        if self.month:
            return [f"{self.year}-{self.month:02d}"]
        return analytics.year_months(self.year)


@reads_from_replica
def supply_demand(filters: DashboardFilters) -> dict:
    """The supply–demand table (rows: geography × ISCO group), the monthly totals, training
    needs, quota uptake and the run the matchable figures come from."""
    country = filters.country
    profiles = frames.profiles_frame(selectors.analysis_profiles(country=country))
    job_orders = frames.job_orders_frame(selectors.analysis_job_orders(country=country))
    assessments = frames.assessments_frame(selectors.analysis_assessments(country=country))
    run = selectors.latest_completed_run(country=country)
    scores = analytics.best_scores(frames.results_frame(selectors.run_worker_results(run=run)))
    common = {"threshold": filters.threshold}
    table = analytics.supply_demand_table(
        profiles,
        job_orders,
        assessments,
        scores,
        periods=filters.periods,
        level=filters.level,
        geography=filters.geography,
        split_sex=filters.split_sex,
        by_month=False,
        **common,
    )
    monthly = analytics.supply_demand_table(
        profiles,
        job_orders,
        assessments,
        scores,
        periods=analytics.year_months(filters.year),
        level=filters.level,
        geography="none",
        split_sex=filters.split_sex,
        by_month=True,
        **common,
    )
    if not monthly.empty:
        monthly = (
            monthly.drop(columns=["area"]).groupby("month", as_index=False).sum(numeric_only=True)
        )
    return {
        "table": label_table(table),
        "monthly": monthly,
        "needs": analytics.training_needs(job_orders, profiles),
        "summary": analytics.summary_sentence_figures(table),
        "run": run,
    }


def label_table(table: pd.DataFrame) -> pd.DataFrame:
    """Add readable names beside the region and ISCO codes (kept in exports too)."""
    if table.empty:
        return table
    out = table.copy()
    isco = dict(IscoGroup.objects.filter(code__in=set(out["isco"])).values_list("code", "label"))
    out.insert(
        out.columns.get_loc("isco") + 1,
        "occupation_group",
        [isco.get(c, _("no occupation given")) for c in out["isco"]],
    )
    if "region" in out.columns:
        names = dict(Region.objects.filter(code__in=set(out["region"])).values_list("code", "name"))
        out.insert(
            out.columns.get_loc("region") + 1,
            "region_name",
            [names.get(c, _("region not given")) for c in out["region"]],
        )
    return out


@reads_from_replica
def quota_uptake(*, user, year: int, country: str) -> pd.DataFrame:
    """Permit and patent quota uptake of `country` (the permits app's selector decides what
    the user may see)."""
    from licensing.permits.selectors import quota_uptake as quotas_visible

    quotas = frames.quotas_frame(quotas_visible(user=user, year=year).filter(country_id=country))
    return analytics.quota_uptake(quotas) if not quotas.empty else quotas


def export_recorded(
    table: pd.DataFrame,
    *,
    by,
    filters: DashboardFilters,
    external: bool,
    fmt: str,
    title: str,
    request=None,
) -> tuple[bytes, str]:
    """`export_table`, with an audit event naming who exported what (filters, audience,
    format, rows): an internal export carries unsuppressed counts."""
    content = export_table(table, external=external, fmt=fmt, title=title)
    from .services import _role

    audit_record(
        actor=by,
        role=_role(by),
        action="matching.analytics.export",
        obj=Country.objects.get(code=filters.country),
        country=filters.country,
        changes={
            "audience": "external" if external else "internal",
            "format": fmt,
            "rows": len(table),
            "filters": asdict(filters),
        },
        request=request,
    )
    return content


def export_table(table: pd.DataFrame, *, external: bool, fmt: str, title: str) -> tuple[bytes, str]:
    """The table as CSV or XLSX bytes, with its content type. External exports suppress every
    count below the threshold (see `analytics.external_table`) and say so in a note."""
    if external:
        table = analytics.external_table(table)
        note = _(
            "Disclosure control: counts from 1 to 4 are suppressed (empty), with a second "
            "cell where needed so a suppressed count cannot be worked out from a total."
        )
    else:
        note = _("Internal: not for release outside the authority (cells are not suppressed).")
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "figures"
        sheet.append(row_safe([str(title)]))
        sheet.append(row_safe([str(note)]))
        sheet.append([])
        sheet.append(row_safe(list(table.columns)))
        for row in table.itertuples(index=False):
            sheet.append(
                row_safe(
                    None
                    if v is None or (isinstance(v, float) and pd.isna(v))
                    else (v.item() if hasattr(v, "item") else v)
                    for v in row
                )
            )
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue(), (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    text = io.StringIO()  # plain CSV for machines: the *_suppressed columns carry the note
    safe = table.rename(columns=cell_safe)
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            # (a list, not Series.map, which would turn whole numbers beside None into floats)
            safe[column] = pd.Series(
                [cell_safe(v) for v in safe[column]], index=safe.index, dtype=object
            )
    safe.to_csv(text, index=False)
    return text.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
