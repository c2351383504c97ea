"""What the public statistics page and its downloads show, built from the indicator registry
(`matching.indicators`): for each indicator a first-dimension table (drawn as a chart, with a
one-sentence summary), the detailed table, and the region map. Every table here went
through `indicators.disclose`; nothing unsuppressed is returned."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pandas as pd
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from portal.exports import cell_safe, row_safe
from portal.maps import region_map_svg

from . import indicators as registry
from .charts import Bar, readable_bar_chart
from .indicators import SUFFIXES, THRESHOLD, Indicator

TABLES = ("summary", "detail")


def sex_label(suffix: str) -> str:
    return {"female": _("Women"), "male": _("Men"), "unspecified": _("Not stated")}[suffix]


@dataclass
class Column:
    """A column of a rendered table: its machine name (CSV header) and heading."""

    name: str
    heading: str
    is_rate: bool = False


@dataclass
class PublicTable:
    """A disclosure-controlled table, ready for a template or an export."""

    indicator: Indicator
    kind: str
    frame: pd.DataFrame
    dimensions: list = field(default_factory=list)
    names: dict = field(default_factory=dict)

    def columns(self) -> list[Column]:
        cols = []
        total = _("total")  # (not inside the f-strings below: makemessages would miss it)
        for m in self.indicator.measures:
            if m.by_sex:
                cols += [Column(f"{m.name}_{s}", f"{m.label}: {sex_label(s)}") for s in SUFFIXES]
                cols.append(Column(m.name, f"{m.label}: {total}"))
            else:
                cols.append(Column(m.name, str(m.label)))
        for d in self.indicator.derived:
            if self.indicator._by_sex(d):
                cols += [
                    Column(f"{d.name}_{s}", f"{d.label}: {sex_label(s)}", d.op == "ratio")
                    for s in SUFFIXES
                ]
            cols.append(
                Column(
                    d.name,
                    f"{d.label}: {total}" if self.indicator._by_sex(d) else str(d.label),
                    d.op == "ratio",
                )
            )
        return cols

    def rows(self) -> list[dict]:
        """Rows for a template: each dimension as its name, each cell as value or None with
        its suppressed flag."""
        out = []
        cols = self.columns()
        for record in self.frame.to_dict(orient="records"):
            out.append(
                {
                    "labels": [
                        self.names[d.name].get(record[d.name], str(record[d.name]) or "—")
                        for d in self.dimensions
                    ],
                    "cells": [
                        {
                            "text": _text(_plain(record[c.name]), c.is_rate),
                            "suppressed": bool(record.get(f"{c.name}_suppressed")),
                        }
                        for c in cols
                    ],
                }
            )
        return out


def _text(value, is_rate: bool) -> str:
    if value is None:
        return ""
    if is_rate:
        return f"{number_format(round(100 * value))} %"
    return number_format(value, force_grouping=True)


def _plain(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def build_table(indicator: Indicator, records: pd.DataFrame, kind: str) -> PublicTable:
    dims = indicator.dimensions[:1] if kind == "summary" else list(indicator.dimensions)
    frame = registry.public_table(indicator, records, [d.name for d in dims])
    names = {d.name: d.names(set(frame[d.name])) if len(frame) else {} for d in dims}
    return PublicTable(indicator=indicator, kind=kind, frame=frame, dimensions=dims, names=names)


def chart(table: PublicTable, summary: str):
    """The summary table as bars: one group per first-dimension value, a bar per sex and the
    total for the first measure split by sex, else a bar per measure."""
    ind = table.indicator
    first = ind.measures[0]
    groups = []
    for row in table.frame.to_dict(orient="records"):
        dim = ind.dimensions[0]
        label = table.names[dim.name].get(row[dim.name], str(row[dim.name]) or "—")
        if first.by_sex:
            series = [(sex_label(s), f"{first.name}_{s}") for s in SUFFIXES]
            series.append((_("Total"), first.name))
        else:
            series = [(str(m.label), m.name) for m in ind.measures]
        bars = [
            Bar(name=name, segments=[(name, int(row[col]))])
            for name, col in series
            if _plain(row[col]) is not None
        ]
        if bars and any(b.total for b in bars):
            groups.append((label, bars))
    if not groups:
        return None
    return readable_bar_chart(title=str(ind.title), description=summary, groups=groups[:15])


def region_map(table: PublicTable):
    """A choropleth of the first measure's total by region, when the first dimension is a
    region; suppressed regions are drawn as "no data"."""
    ind = table.indicator
    dim = ind.dimensions[0]
    if not dim.is_region or table.frame.empty:
        return None
    measure = ind.measures[0].name
    values = {
        row[dim.name]: _plain(row[measure])
        for row in table.frame.to_dict("records")
        if row[dim.name]
    }
    return region_map_svg(
        values=values,
        names=table.names[dim.name],
        title=_("%(figure)s by region") % {"figure": ind.measures[0].label},
        description=_(
            "Map of the regions shaded by %(figure)s; the same figures are in the table below."
        )
        % {"figure": ind.measures[0].label},
    )


def section(indicator: Indicator, *, year: int, country: str | None) -> dict:
    """Everything the page shows for one indicator."""
    records = indicator.read(year=year, country=country)
    summary_table = build_table(indicator, records, "summary")
    detail = build_table(indicator, records, "detail") if len(indicator.dimensions) > 1 else None
    sentence = str(indicator.summary(summary_table.frame, indicator))
    return {
        "indicator": indicator,
        "summary": summary_table,
        "detail": detail,
        "sentence": sentence,
        "chart": chart(summary_table, sentence),
        "map": region_map(summary_table),
    }


# --- downloads -------------------------------------------------------------------------------


def export_rows(table: PublicTable) -> tuple[list[str], list[list]]:
    """Header and rows of a download: each dimension's code and name, every figure, and a
    `<figure>_suppressed` flag beside each (machine-readable, stable names)."""
    cols = table.columns()
    header = []
    for d in table.dimensions:
        header += [d.name, f"{d.name}_name"]
    for c in cols:
        header += [c.name, f"{c.name}_suppressed"]
    rows = []
    for record in table.frame.to_dict(orient="records"):
        row = []
        for d in table.dimensions:
            code = record[d.name]
            row += [code, table.names[d.name].get(code, "")]
        for c in cols:
            row += [_plain(record[c.name]), bool(record.get(f"{c.name}_suppressed"))]
        rows.append(row)
    return header, rows


def note() -> str:
    return _(
        "Disclosure control: counts from 1 to %(limit)s are not published (empty), with a "
        "second cell where needed so a hidden count cannot be worked out from a total."
    ) % {"limit": THRESHOLD - 1}


def export(table: PublicTable, fmt: str, *, year: int) -> tuple[bytes, str]:
    header, rows = export_rows(table)
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = table.indicator.slug[:30]
        sheet.append(row_safe([f"{table.indicator.title} — {year}"]))
        sheet.append(row_safe([str(table.indicator.definition)]))
        sheet.append(row_safe([note()]))
        sheet.append([])
        sheet.append(row_safe(header))
        for row in rows:
            sheet.append(row_safe(row))
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue(), (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    import csv

    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                ""
                if v is None
                else ("true" if v is True else "false" if v is False else cell_safe(v))
                for v in row
            ]
        )
    return ("\ufeff" + text.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
