"""Back-office pages for analysts: the supply–demand dashboard with exports, assessment
imports and match runs. Views translate HTTP to service calls; the figures come from
`matching.reports`, the rules from `matching.policy`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from matching.permissions import MatchingPermission
from portal.choices import Sex
from portal.maps import region_map_svg
from portal.models import Country
from portal.policy import can

from . import charts, reports, selectors, services
from .analytics import SEX_NAMES, SEXES
from .forms import AssessmentUploadForm, DashboardFilterForm, MatchRunForm
from .models import AssessmentImport, MatchRun


class AnalystView(WagtailAdminTemplateMixin, TemplateView):
    """An analyst page: refused unless the user may see figures of at least one country."""

    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, MatchingPermission.ANALYTICS_VIEW, None):
            raise PermissionDenied
        self.countries = selectors.analyst_countries(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


def _display_columns(table, split_sex: bool) -> list[tuple[str, str]]:
    names = {
        "region": _("Region"),
        "region_name": _("Region name"),
        "country": _("Country"),
        "area": _("Area"),
        "isco": _("ISCO-08"),
        "occupation_group": _("Occupation group"),
        "supply": _("Workers"),
        "matchable": _("Matchable workers"),
        "demand_positions": _("Open positions"),
        "demand_assessed": _("Assessed demand"),
        "demand": _("Demand"),
        "gap": _("Gap"),
        "month": _("Month"),
    }
    for figure in ("supply", "matchable"):
        for sex in SEXES:
            key = f"{figure}_{SEX_NAMES[sex]}"
            names[key] = f"{names[figure]}: {Sex(sex).label}"
    return [(c, names.get(c, c)) for c in table.columns]


class DashboardView(AnalystView):
    """Supply, matchable supply, demand and gap by geography × occupation group, split by sex
    unless the analyst removes the split; CSV/XLSX export, suppressed when external."""

    template_name = "matching/admin/dashboard.html"
    page_title = gettext_lazy("Skills supply and demand")

    def get(self, request, *args, **kwargs):
        form = DashboardFilterForm(request.GET, countries=self.countries)
        if not self.countries or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, data=None))
        d = form.cleaned_data
        if not can(request.user, MatchingPermission.ANALYTICS_VIEW, d["country"]):
            raise PermissionDenied
        filters = reports.DashboardFilters(
            country=d["country"],
            year=d["year"],
            month=d["month"],
            level=d["level"],
            geography=d["geography"],
            split_sex=d["sex"] == "split",
            threshold=d["threshold"],
        )
        data = reports.supply_demand(filters)
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return self.export(
                data["table"], filters, export, external=request.GET.get("audience") != "internal"
            )
        context = self.get_context_data(form=form, data=data, filters=filters)
        context.update(self.presentation(data, filters))
        context["quotas"] = reports.quota_uptake(
            user=request.user, year=filters.year, country=filters.country
        ).to_dict("records")
        return self.render_to_response(context)

    def export(self, table, filters, fmt, *, external):
        if not external and not can(
            self.request.user, MatchingPermission.ANALYTICS_EXPORT_INTERNAL, filters.country
        ):
            raise PermissionDenied
        title = _("Skills supply and demand, %(country)s, %(period)s") % {
            "country": filters.country,
            "period": filters.periods[0] if filters.month else filters.year,
        }
        content, content_type = reports.export_recorded(
            table,
            by=self.request.user,
            filters=filters,
            external=external,
            fmt=fmt,
            title=title,
            request=self.request,
        )
        name = (
            f"karavan-supply-demand-{filters.country}-{filters.year}"
            f"{f'-{filters.month:02d}' if filters.month else ''}"
            f"-{'external' if external else 'internal'}.{fmt}"
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def presentation(self, data, filters) -> dict:
        table, monthly = data["table"], data["monthly"]
        split = filters.split_sex
        by_group = (
            table.groupby(["isco", "occupation_group"], as_index=False)
            .sum(numeric_only=True)
            .sort_values("demand", ascending=False)
            .head(12)
            if not table.empty
            else table
        )

        def worker_bar(row, figure, name):
            if split:
                return charts.Bar(
                    name, [(str(Sex(s).label), int(row[f"{figure}_{SEX_NAMES[s]}"])) for s in SEXES]
                )
            return charts.Bar(name, [(name, int(row[figure]))])

        groups = [
            (
                f"{r['isco']} {r['occupation_group']}",
                [
                    worker_bar(r, "supply", _("Workers")),
                    worker_bar(r, "matchable", _("Matchable")),
                    charts.Bar(_("Demand"), [(_("Demand"), int(r["demand"]))]),
                ],
            )
            for _i, r in by_group.iterrows()
        ]
        chart = charts.readable_bar_chart(
            title=_("Workers, matchable workers and demand by occupation group"),
            description=_(
                "Bars per ISCO-08 group; worker bars are split by sex. The table "
                "below gives every figure."
            ),
            groups=groups,
        )
        month_groups = (
            [
                (
                    r["month"],
                    [
                        charts.Bar(_("Matchable"), [(_("Matchable"), int(r["matchable"]))]),
                        charts.Bar(_("Demand"), [(_("Demand"), int(r["demand"]))]),
                    ],
                )
                for _i, r in monthly.iterrows()
            ]
            if not monthly.empty
            else []
        )
        month_chart = (
            charts.readable_bar_chart(
                title=_("Matchable workers and demand by month"),
                description=_(
                    "Two bars per month of the year; the table beside gives the figures."
                ),
                groups=month_groups,
            )
            if month_groups
            else None
        )
        s = data["summary"]
        country = Country.objects.filter(code=filters.country).first()
        country_name = country.local if country else filters.country
        if s["largest_gap"]:
            key, gap = s["largest_gap"]
            summary = _(
                "In %(country)s, %(supply)s workers are available, %(matchable)s of them "
                "match a vacancy well, against a demand of %(demand)s; the largest unmet "
                "demand is %(gap)s in %(where)s."
            ) % {
                "country": country_name,
                "supply": s["supply"],
                "matchable": s["matchable"],
                "demand": s["demand"],
                "gap": gap,
                "where": _place(table, key),
            }
        else:
            summary = _(
                "In %(country)s, %(supply)s workers are available, %(matchable)s of them "
                "match a vacancy well, against a demand of %(demand)s; no group has unmet "
                "demand."
            ) % {
                "country": country_name,
                "supply": s["supply"],
                "matchable": s["matchable"],
                "demand": s["demand"],
            }
        surplus = _largest_surplus(table)
        if surplus:
            summary += " " + _(
                "A negative gap means more matchable workers than positions: the "
                "largest surplus is %(count)s workers in %(where)s."
            ) % {"count": -surplus[1], "where": _place(table, surplus[0])}
        region_map = None
        if filters.geography == "region" and not table.empty:
            by_region = table.groupby("region")["gap"].sum()
            names = dict(zip(table["region"], table["region_name"], strict=False))
            region_map = region_map_svg(
                values={r: int(v) for r, v in by_region.items() if r},
                names=names,
                fmt=lambda v: f"{v:+g}",
                title=_("Gap (demand minus matchable workers) by region"),
                description=_(
                    "Blue: more demand than matchable workers; red: more matchable "
                    "workers than demand. The table below gives every figure."
                ),
            )
        query = self.request.GET.copy()
        query.pop("export", None)
        query.pop("audience", None)
        return {
            "chart": chart,
            "month_chart": month_chart,
            "summary": summary,
            "region_map": region_map,
            "columns": _display_columns(table, split),
            "rows": table.itertuples(index=False, name=None),
            "text_columns": sum(
                c in ("region", "region_name", "country", "area", "isco", "occupation_group")
                for c in table.columns
            ),
            "chart_rows": by_group.to_dict("records"),
            "month_rows": monthly.to_dict("records") if not monthly.empty else [],
            "needs": data["needs"].to_dict("records"),
            "query": query.urlencode(),
            "may_export_internal": can(
                self.request.user, MatchingPermission.ANALYTICS_EXPORT_INTERNAL, filters.country
            ),
        }


class ImportListView(AnalystView):
    """Upload a regional labour-market assessment; earlier imports listed."""

    template_name = "matching/admin/imports.html"
    page_title = gettext_lazy("Labour-market assessments")

    def get(self, request, *args, **kwargs):
        form = AssessmentUploadForm(countries=self._import_countries())
        return self.render_to_response(self.get_context_data(form=form))

    def _import_countries(self):
        return [
            c
            for c in self.countries
            if can(self.request.user, MatchingPermission.ASSESSMENT_IMPORT, c)
        ]

    def post(self, request, *args, **kwargs):
        form = AssessmentUploadForm(request.POST, request.FILES, countries=self._import_countries())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        record = services.assessment_import_validate(
            by=request.user,
            country=form.cleaned_data["country"],
            uploaded=form.cleaned_data["file"],
        )
        return redirect("matching_admin:import_detail", pk=record.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            imports=selectors.assessment_imports_for(user=self.request.user)[:50], **kwargs
        )


class ImportDetailView(AnalystView):
    """The errors of a checked file (nothing saved yet), or its import progress."""

    template_name = "matching/admin/import_detail.html"
    page_title = gettext_lazy("Assessment import")

    def _record(self, pk):
        record = get_object_or_404(selectors.assessment_imports_for(user=self.request.user), pk=pk)
        return record

    def get(self, request, pk, *args, **kwargs):
        record = self._record(pk)
        return self.render_to_response(
            self.get_context_data(
                record=record, refresh=record.status == AssessmentImport.Status.IMPORTING
            )
        )

    def post(self, request, pk, *args, **kwargs):
        record = self._record(pk)
        try:
            services.assessment_import_commit(assessment_import=record, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("matching_admin:import_detail", pk=record.pk)


class RunListView(AnalystView):
    """Start a match run; earlier runs with their status and progress."""

    template_name = "matching/admin/runs.html"
    page_title = gettext_lazy("Match runs")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(form=MatchRunForm(countries=self._run_countries()))
        )

    def _run_countries(self):
        return [
            c for c in self.countries if can(self.request.user, MatchingPermission.RUN_START, c)
        ]

    def post(self, request, *args, **kwargs):
        form = MatchRunForm(request.POST, countries=self._run_countries())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        run = services.match_run_start(
            by=request.user,
            country=form.cleaned_data["country"],
            k=form.cleaned_data["k"],
            chunk_size=form.cleaned_data["chunk_size"],
        )
        return redirect("matching_admin:run_detail", pk=run.pk)

    def get_context_data(self, **kwargs):
        runs = selectors.match_runs_for(user=self.request.user).select_related("created_by")
        return super().get_context_data(runs=runs[:50], **kwargs)


class RunDetailView(AnalystView):
    """A run's progress; the page reloads itself (no JavaScript) until the run is done."""

    template_name = "matching/admin/run_detail.html"
    page_title = gettext_lazy("Match run")

    def get(self, request, pk, *args, **kwargs):
        run = MatchRun.objects.filter(pk=pk).select_related("created_by").first()
        if run is None or not can(request.user, MatchingPermission.RUN_VIEW, run):
            raise Http404
        active = run.status in (MatchRun.Status.QUEUED, MatchRun.Status.RUNNING)
        return self.render_to_response(
            self.get_context_data(
                run=run,
                refresh=active,
                chunks=run.chunks.all(),
                self_url=reverse("matching_admin:run_detail", args=[run.pk]),
            )
        )


def _place(table, key) -> str:
    """A (region or country, ISCO group) key of the supply–demand table in words."""
    parts = []
    for code in key:
        label = None
        for code_col, name_col in (("region", "region_name"), ("isco", "occupation_group")):
            if code_col in table.columns and name_col in table.columns:
                match = table.loc[table[code_col] == code, name_col]
                if len(match):
                    label = str(match.iloc[0])
                    break
        parts.append(label or str(code))
    return ", ".join(parts)


def _largest_surplus(table):
    """The (dimensions, gap) with the most negative gap, or None when no gap is negative."""
    if table.empty:
        return None
    dims = [c for c in table.columns if c in ("region", "country", "area", "isco")]
    by = table.groupby(dims)[["demand", "matchable"]].sum()
    gaps = by["demand"] - by["matchable"]
    key = gaps.idxmin()
    if gaps[key] >= 0:
        return None
    return (key if isinstance(key, tuple) else (key,)), int(gaps[key])
