"""/api/v1/partner/statistics/: aggregated figures by country × region × ISCO group × sex ×
month, disclosure-controlled with `matching.analytics.suppress_small_cells`.

The supply–demand figures come from `analytics.supply_demand_table` exactly as the analyst's
dashboard computes them; permits issued, patents active and vacancies are counted here with
small pandas functions (pure, testable without a database). Every count from 1 to 4 is
suppressed (null, with `<figure>_suppressed: true`), with secondary suppression across each
sex split so a hidden cell cannot be recovered from its total.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

import pandas as pd
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from portal.api.models import ApiScope
from portal.api.views import (
    PartnerApiView,
    PublicApiView,
    list_schema,
    partner_list_schema,
)
from portal.db_router import reads_from_replica

from . import analytics, frames, selectors

THRESHOLD = analytics.DEFAULT_SUPPRESSION_THRESHOLD
ERROR_OTHER_COUNTRY = _(
    "This token reads the figures of its own country (%(country)s) only; "
    "other countries need the statistics:read:regional scope."
)
DIMENSIONS = ["country", "region", "isco", "month"]
SEX_SPLIT = ("supply", "matchable", "permits_issued", "patents_active")
#: Every figure of a row, in output order (each also has `<figure>_suppressed`).
FIGURES = [
    *[
        f"{figure}{suffix}"
        for figure in ("permits_issued", "patents_active")
        for suffix in ("", "_female", "_male", "_unspecified")
    ],
    "vacancies",
    "positions",
    "demand_assessed",
    "demand",
    *[
        f"{figure}{suffix}"
        for figure in ("supply", "matchable")
        for suffix in ("", "_female", "_male", "_unspecified")
    ],
    "gap",
]
PERMIT_COLUMNS = ["region", "occupation", "sex", "issued_on"]
PATENT_COLUMNS = [
    "region",
    "occupation",
    "sex",
    "valid_from",
    "valid_until",
    "paid_from",
    "paid_until",
]


# --- pure pandas -----------------------------------------------------------------------------


def _month_bounds(period: str) -> tuple[date, date]:
    year, month = int(period[:4]), int(period[5:7])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _by_sex(long: pd.DataFrame, figure: str) -> pd.DataFrame:
    """Count rows of `long` (region, isco, month, sex) into `figure` and its sex split."""
    dims = ["region", "isco", "month"]
    if long.empty:
        return pd.DataFrame(
            columns=[
                *dims,
                figure,
                *[f"{figure}_{analytics.SEX_NAMES[s]}" for s in analytics.SEXES],
            ]
        )
    wide = (
        long.groupby([*dims, "sex"])
        .size()
        .unstack("sex")
        .reindex(columns=list(analytics.SEXES), fill_value=0)
        .fillna(0)
        .astype("int64")
    )
    wide.columns = [f"{figure}_{analytics.SEX_NAMES[s]}" for s in wide.columns]
    wide.insert(0, figure, wide.sum(axis=1))
    return wide.reset_index()


def permits_issued(permits: pd.DataFrame, *, periods: Sequence[str], level: int) -> pd.DataFrame:
    """Work permits issued per region × ISCO group × month of issue, split by sex."""
    if permits.empty:
        return _by_sex(pd.DataFrame(), "permits_issued")
    long = pd.DataFrame(
        {
            "region": permits["region"].fillna("").to_numpy(),
            "isco": [analytics.isco_group(c, level) or "?" for c in permits["occupation"]],
            "month": [d.strftime("%Y-%m") for d in permits["issued_on"]],
            "sex": permits["sex"].fillna("X").replace("", "X").to_numpy(),
        }
    )
    return _by_sex(long[long["month"].isin(set(periods))], "permits_issued")


def patents_active(patents: pd.DataFrame, *, periods: Sequence[str], level: int) -> pd.DataFrame:
    """Patents active in each month: inside their term and covered by prepaid fees on at least
    one day of the month. Split by sex."""
    rows = []
    for patent in patents.itertuples(index=False):
        for period in periods:
            first, last = _month_bounds(period)
            start = max(patent.valid_from, patent.paid_from or patent.valid_from)
            end = min(patent.valid_until, patent.paid_until) if patent.paid_until else None
            if end is not None and start <= last and end >= first:
                rows.append(
                    {
                        "region": patent.region or "",
                        "isco": analytics.isco_group(patent.occupation, level) or "?",
                        "month": period,
                        "sex": patent.sex or "X",
                    }
                )
    return _by_sex(pd.DataFrame(rows), "patents_active")


def vacancies_open(job_orders: pd.DataFrame, *, periods: Sequence[str], level: int) -> pd.DataFrame:
    """Published job orders (vacancies) and their positions per region × group × month of
    their season."""
    columns = ["region", "isco", "month", "vacancies", "positions"]
    if job_orders.empty:
        return pd.DataFrame(columns=columns)
    wanted = set(periods)
    long = (
        pd.DataFrame(
            {
                "region": job_orders["region"].fillna("").to_numpy(),
                "isco": [analytics.isco_group(c, level) or "?" for c in job_orders["occupation"]],
                "month": [
                    [m for m in analytics.months_between(s, e) if m in wanted]
                    for s, e in zip(
                        job_orders["season_start"], job_orders["season_end"], strict=True
                    )
                ],
                "positions": job_orders["positions"].astype("int64").to_numpy(),
            }
        )
        .explode("month")
        .dropna(subset=["month"])
    )
    if long.empty:
        return pd.DataFrame(columns=columns)
    return (
        long.groupby(["region", "isco", "month"], as_index=False).agg(
            vacancies=("positions", "size"), positions=("positions", "sum")
        )
    )[columns]


def statistics_table(
    *,
    country: str,
    supply_demand: pd.DataFrame,
    permits: pd.DataFrame,
    patents: pd.DataFrame,
    job_orders: pd.DataFrame,
    periods: Sequence[str],
    level: int,
    threshold: int = THRESHOLD,
) -> pd.DataFrame:
    """All figures in one table, one row per region × group × month, disclosure-controlled.

    ``supply_demand`` is `analytics.supply_demand_table(..., geography="region",
    split_sex=True, by_month=True)`. ``gap`` (demand − matchable) is published only where
    both of its terms are, and is itself suppressed from 1 to 4.
    """
    dims = ["region", "isco", "month"]
    parts = [
        permits_issued(permits, periods=periods, level=level),
        patents_active(patents, periods=periods, level=level),
        vacancies_open(job_orders, periods=periods, level=level),
    ]
    sd = supply_demand.rename(columns={"demand_positions": "_positions"})
    sd = sd[[c for c in sd.columns if c in dims or (c in FIGURES and c != "gap")]]
    parts.append(sd)
    indexed = [p.set_index(dims) for p in parts if not p.empty]
    if not indexed:
        return pd.DataFrame(
            columns=[*DIMENSIONS, *[c for f in FIGURES for c in (f, f"{f}_suppressed")]]
        )
    table = pd.concat(indexed, axis=1).reindex(columns=FIGURES).fillna(0).astype("int64")
    table["gap"] = table["demand"] - table["matchable"]
    table = table.reset_index().sort_values(dims).reset_index(drop=True)
    table.insert(0, "country", country)
    counts = [f for f in FIGURES if f != "gap"]
    groups = analytics.sex_groups(SEX_SPLIT) + [["positions", "demand_assessed", "demand"]]
    out = analytics.suppress_small_cells(table, counts, threshold=threshold, groups=groups)
    hidden = out["demand_suppressed"] | out["matchable_suppressed"]
    out["gap"] = out["gap"].astype(object).where(~hidden, None)
    out = analytics.suppress_small_cells(out, ["gap"], threshold=threshold)
    out["gap_suppressed"] = out["gap_suppressed"] | hidden
    return out[[*DIMENSIONS, *[c for f in FIGURES for c in (f, f"{f}_suppressed")]]]


# --- database reads → frames -----------------------------------------------------------------


def _permits_frame(*, country: str, year: int) -> pd.DataFrame:
    from licensing.permits.models import WorkPermit

    rows = WorkPermit.objects.filter(
        authority__country_id=country, issued_at__year=year
    ).values_list("region_id", "occupation_id", "application__sex", "issued_at")
    return pd.DataFrame(
        [(r, o, s, timezone.localdate(t)) for r, o, s, t in rows], columns=PERMIT_COLUMNS
    )


def _patents_frame(*, country: str, year: int) -> pd.DataFrame:
    from licensing.permits.models import Patent
    from portal.lifecycle import DocumentStatus

    rows = (
        Patent.objects.filter(
            authority__country_id=country, valid_from__year__lte=year, valid_until__year__gte=year
        )
        .exclude(status=DocumentStatus.REVOKED)
        .values_list(
            "region_id",
            "occupation_id",
            "application__sex",
            "valid_from",
            "valid_until",
            "paid_period_start",
            "paid_until",
        )
    )
    return pd.DataFrame(list(rows), columns=PATENT_COLUMNS)


@reads_from_replica
def country_statistics(
    *, country: str, year: int, month: int | None = None, level: int = 1
) -> pd.DataFrame:
    """The disclosure-controlled statistics table of `country` for a year (or one month)."""
    periods = [f"{year}-{month:02d}"] if month else analytics.year_months(year)
    profiles = frames.profiles_frame(selectors.analysis_profiles(country=country))
    job_orders = frames.job_orders_frame(selectors.analysis_job_orders(country=country))
    assessments = frames.assessments_frame(selectors.analysis_assessments(country=country))
    run = selectors.latest_completed_run(country=country)
    scores = analytics.best_scores(frames.results_frame(selectors.run_worker_results(run=run)))
    supply_demand = analytics.supply_demand_table(
        profiles,
        job_orders,
        assessments,
        scores,
        periods=periods,
        level=level,
        geography="region",
        split_sex=True,
        by_month=True,
    )
    return statistics_table(
        country=country,
        supply_demand=supply_demand,
        permits=_permits_frame(country=country, year=year),
        patents=_patents_frame(country=country, year=year),
        job_orders=job_orders,
        periods=periods,
        level=level,
    )


# --- HTTP ------------------------------------------------------------------------------------


class StatisticsQuerySerializer(serializers.Serializer):
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$",
        required=False,
        help_text="ISO 3166-1 alpha-2; default: the token "
        "organisation's country. Another country "
        "needs the statistics:read:regional scope.",
    )
    year = serializers.IntegerField(
        required=False, min_value=2000, max_value=2100, help_text="Default: the current year."
    )
    month = serializers.IntegerField(required=False, min_value=1, max_value=12)
    level = serializers.ChoiceField(
        choices=[1, 2],
        required=False,
        default=1,
        help_text="ISCO-08 level: 1 major group, 2 sub-major.",
    )


def _row_serializer():
    fields = {name: serializers.CharField() for name in DIMENSIONS}
    fields["region"] = serializers.CharField(
        allow_blank=True, help_text="ISO 3166-2; empty when not given."
    )
    fields["isco"] = serializers.CharField(help_text="ISCO-08 group; ? when not given.")
    fields["month"] = serializers.CharField(help_text="YYYY-MM")
    for figure in FIGURES:
        fields[figure] = serializers.IntegerField(allow_null=True)
        fields[f"{figure}_suppressed"] = serializers.BooleanField()
    return type(
        "StatisticsRowSerializer",
        (serializers.Serializer,),
        {**fields, "__doc__": "One cell row; null figures are suppressed (1–4)."},
    )


StatisticsRowSerializer = _row_serializer()


def table_records(table: pd.DataFrame) -> list[dict]:
    """Rows as plain Python values (None for suppressed cells)."""
    records = []
    for row in table.to_dict(orient="records"):
        records.append(
            {
                k: (
                    None
                    if v is None or (isinstance(v, float) and pd.isna(v))
                    else v.item()
                    if hasattr(v, "item")
                    else v
                )
                for k, v in row.items()
            }
        )
    return records


class Statistics(PartnerApiView):
    """Permits issued, patents active, vacancies and positions, assessed demand, supply,
    matchable supply and gaps, by region × ISCO group × month, split by sex where the figure
    counts people. Counts from 1 to 4 are suppressed and marked."""

    required_scope = ApiScope.STATISTICS_READ
    serializer_class = StatisticsRowSerializer

    @partner_list_schema(
        StatisticsQuerySerializer, StatisticsRowSerializer, "partner_statistics_list"
    )
    def get(self, request):
        q = self.checked_query(StatisticsQuerySerializer).validated_data
        own = request.auth.organisation.country_id
        country = (q.get("country") or own).upper()
        if country != own and ApiScope.STATISTICS_READ_REGIONAL not in request.auth.scopes:
            raise PermissionDenied(ERROR_OTHER_COUNTRY % {"country": own})
        table = country_statistics(
            country=country,
            year=q.get("year") or timezone.localdate().year,
            month=q.get("month"),
            level=int(q["level"]),
        )
        page = self.paginate_queryset(table_records(table))
        response = self.get_paginated_response(page)
        response["X-Suppression-Threshold"] = str(THRESHOLD)
        return response


# --- open statistics (no token: every table is disclosure-controlled) -----------------------


class OpenStatisticsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Calendar year; default: the current year.",
    )
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$", required=False, help_text="ISO 3166-1 alpha-2; default: every country."
    )


class OpenTableQuerySerializer(OpenStatisticsQuerySerializer):
    table = serializers.ChoiceField(
        choices=["summary", "detail"],
        required=False,
        default="detail",
        help_text="summary: by the first dimension only.",
    )


class SdmxQuerySerializer(OpenStatisticsQuerySerializer):
    format = serializers.ChoiceField(
        choices=["sdmx-csv", "sdmx-json"],
        required=False,
        help_text="SDMX-CSV 2.0 (default) or SDMX-JSON 1.0, or send the media type in Accept.",
    )


class IndicatorSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    definition = serializers.CharField()
    dimensions = serializers.ListField(child=serializers.CharField())
    measures = serializers.ListField(
        child=serializers.CharField(),
        help_text="Figures; those split by sex also come as <measure>_female, _male, _unspecified.",
    )
    split_by_sex = serializers.ListField(child=serializers.CharField())
    derived = serializers.ListField(child=serializers.CharField())


class StatisticsTableSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    year = serializers.IntegerField()
    country = serializers.CharField(allow_null=True)
    suppression_threshold = serializers.IntegerField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(
        child=serializers.DictField(),
        help_text="One object per row; a suppressed figure is null with <figure>_suppressed true.",
    )


def _indicator_or_404(slug: str):
    from django.http import Http404

    from . import indicators

    indicator = indicators.get(slug)
    if indicator is None:
        raise Http404
    return indicator


def _year_country(q) -> tuple[int, str | None]:
    country = q.get("country")
    return q.get("year") or timezone.localdate().year, country.upper() if country else None


class OpenIndicatorList(PublicApiView):
    """The public indicators (the same as /<lang>/statistics/), with their definitions."""

    serializer_class = IndicatorSerializer
    pagination_class = None

    @list_schema(
        operation_id="statistics_indicators_list",
        responses=IndicatorSerializer(many=True),
        tags=["public"],
    )
    def get(self, request):
        from . import indicators

        return Response(
            [
                {
                    "slug": i.slug,
                    "title": str(i.title),
                    "definition": str(i.definition),
                    "dimensions": i.dimension_names,
                    "measures": [m.name for m in i.measures],
                    "split_by_sex": [m.name for m in i.measures if m.by_sex],
                    "derived": [d.name for d in i.derived],
                }
                for i in indicators.indicators()
            ]
        )


class OpenIndicatorTable(PublicApiView):
    """One indicator's disclosure-controlled table: the figures of the statistics page (and
    its CSV download), as JSON."""

    serializer_class = StatisticsTableSerializer
    pagination_class = None

    @list_schema(
        parameters=[OpenTableQuerySerializer],
        operation_id="statistics_table",
        responses=StatisticsTableSerializer,
        tags=["public"],
    )
    def get(self, request, slug: str):
        from . import public_statistics

        indicator = _indicator_or_404(slug)
        q = self.checked_query(OpenTableQuerySerializer).validated_data
        year, country = _year_country(q)
        table = public_statistics.build_table(
            indicator, indicator.read(year=year, country=country), q["table"]
        )
        header, rows = public_statistics.export_rows(table)
        return Response(
            {
                "indicator": indicator.slug,
                "year": year,
                "country": country,
                "suppression_threshold": THRESHOLD,
                "columns": header,
                "rows": [dict(zip(header, row, strict=True)) for row in rows],
            }
        )


class SdmxCsvRenderer(BaseRenderer):
    media_type = "application/vnd.sdmx.data+csv"
    format = "sdmx-csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        from . import sdmx

        return sdmx.to_csv(data["observations"])


class SdmxJsonRenderer(BaseRenderer):
    media_type = "application/vnd.sdmx.data+json"
    format = "sdmx-json"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        from . import sdmx

        return sdmx.to_json(data["observations"], name=data["name"], message_id=data["id"])


class SdmxData(PublicApiView):
    """An SDMX data message of one indicator: SDMX-CSV 2.0 (default) or SDMX-JSON 1.0, with
    the data structure `sdmx/structure/`. Suppressed counts have no OBS_VALUE and
    CONF_STATUS C."""

    renderer_classes = [SdmxCsvRenderer, SdmxJsonRenderer]
    serializer_class = None

    @list_schema(
        parameters=[SdmxQuerySerializer],
        operation_id="statistics_sdmx_data",
        responses={
            (200, "application/vnd.sdmx.data+csv"): OpenApiTypes.STR,
            (200, "application/vnd.sdmx.data+json"): OpenApiTypes.OBJECT,
        },
        tags=["public"],
    )
    def get(self, request, slug: str):
        from . import sdmx

        indicator = _indicator_or_404(slug)
        q = self.checked_query(SdmxQuerySerializer).validated_data
        year, country = _year_country(q)
        observations = sdmx.observations(
            indicator, indicator.read(year=year, country=country), year=year, country=country
        )
        return Response(
            {
                "observations": observations,
                "name": str(indicator.title),
                "id": f"{indicator.slug}-{year}{'-' + country if country else ''}",
            }
        )


class SdmxStructureRenderer(BaseRenderer):
    media_type = "application/vnd.sdmx.structure+xml"
    format = "sdmx-ml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class SdmxStructure(PublicApiView):
    """The data structure definition of every SDMX data message, with its code lists
    (areas: ISO 3166; occupations: ISCO-08), as an SDMX-ML 2.1 structure message."""

    renderer_classes = [SdmxStructureRenderer]
    serializer_class = None

    @list_schema(
        operation_id="statistics_sdmx_structure",
        responses={(200, "application/vnd.sdmx.structure+xml"): OpenApiTypes.STR},
        tags=["public"],
    )
    def get(self, request):
        from portal.models import Country, IscoGroup, Region

        from . import sdmx

        areas = {c: n for c, n in Country.objects.values_list("code", "name")}
        areas.update(Region.objects.values_list("code", "name"))
        occupations = dict(IscoGroup.objects.values_list("code", "label"))
        return Response(sdmx.structure_xml(areas=areas, occupations=occupations))


# --- receiving figures from partner countries ------------------------------------------------


def _country_codes() -> list[str]:
    from portal.reference import DESTINATION_COUNTRIES, ORIGIN_COUNTRIES, OTHER_NATIONALITIES

    return sorted(set(ORIGIN_COUNTRIES) | set(DESTINATION_COUNTRIES) | set(OTHER_NATIONALITIES))


def _isco_codes() -> list[str]:
    import csv as csv_module
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "portal" / "fixtures" / "isco08.csv"
    with path.open(encoding="utf-8") as handle:
        return [row["code"] for row in csv_module.DictReader(handle)]


# One choice set for both ends of a corridor; the schema names it once (ENUM_NAME_OVERRIDES).
COUNTRY_CODES = _country_codes()


class PartnerFigureSerializer(serializers.Serializer):
    origin = serializers.ChoiceField(choices=COUNTRY_CODES, help_text="ISO 3166-1 alpha-2.")
    destination = serializers.ChoiceField(choices=COUNTRY_CODES, help_text="ISO 3166-1 alpha-2.")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    isco = serializers.ChoiceField(
        choices=_isco_codes(),
        required=False,
        allow_null=True,
        help_text="ISCO-08 group; omit for every occupation.",
    )
    sex = serializers.ChoiceField(choices=["F", "M", "_U", "_T"], help_text="SDMX sex code.")
    measure = serializers.ChoiceField(
        choices=["departures", "arrivals", "returns", "placements", "demand"]
    )
    value = serializers.IntegerField(min_value=0, max_value=10**9)


class PartnerReportSerializer(serializers.Serializer):
    key = serializers.RegexField(
        r"^[A-Za-z0-9._:-]{1,64}$",
        help_text="Your identifier of this batch; re-sending the same key and rows is harmless.",
    )
    rows = serializers.ListField(child=PartnerFigureSerializer(), min_length=1, max_length=5000)


class PartnerReportReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    rows = serializers.IntegerField()
    disagreeing = serializers.IntegerField(
        help_text="Figures that differ from the other corridor country's report."
    )
    created = serializers.BooleanField(help_text="False when this was a re-send.")


class PartnerReports(PartnerApiView):
    """Aggregated flows and assessed demand sent by a partner country's statistics office.
    Errors name the row and field (`rows.3.value`) in a problem+json body; a re-send with
    the same key and rows answers 200 with the first receipt; every batch is audited, and
    figures the other country of a corridor reported differently are flagged for analysts."""

    required_scope = ApiScope.STATISTICS_WRITE
    serializer_class = PartnerReportSerializer
    renderer_classes = [JSONRenderer]

    @list_schema(
        request=PartnerReportSerializer,
        operation_id="partner_reports_create",
        responses={
            201: PartnerReportReceiptSerializer,
            200: PartnerReportReceiptSerializer,
            409: OpenApiResponse(
                description="The key was already used for other rows (problem+json)."
            ),
        },
        tags=["partner"],
    )
    def post(self, request):
        from rest_framework.exceptions import APIException

        from . import partner_reports

        body = PartnerReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rows = [dict(r) for r in body.validated_data["rows"]]
        try:
            report, created = partner_reports.partner_report_receive(
                token=request.auth,
                key=body.validated_data["key"],
                rows=rows,
                request=request._request,
            )
        except partner_reports.KeyReused:
            conflict = APIException(partner_reports.ERROR_KEY_REUSED)
            conflict.status_code = 409
            conflict.default_code = "conflict"
            raise conflict from None
        receipt = {
            "id": report.pk,
            "key": report.key,
            "rows": report.figures.count(),
            "disagreeing": report.figures.filter(disagrees=True).count(),
            "created": created,
        }
        return Response(receipt, status=201 if created else 200)
