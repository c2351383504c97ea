"""Server-rendered SVG bar charts: no JavaScript, no inline style (CSP-safe), readable by
screen readers (`role="img"`, a `<title>` and `<desc>`, a `<title>` on every bar). The data
table is always rendered beside the chart by the template."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: Colour-blind-safe palette (Okabe–Ito); each series also carries its name as text.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
_ids = count(1)


@dataclass
class Bar:
    """One bar of a group: stacked segments (label, value), drawn left to right."""

    name: str
    segments: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(v for _l, v in self.segments)


def bar_chart(
    *, title: str, description: str, groups: list[tuple[str, list[Bar]]], unit: str = ""
) -> SafeString:
    """Horizontal grouped (optionally stacked) bars, one block of bars per group label."""
    chart_id = f"chart{next(_ids)}"
    series = []
    for _label, bars in groups:
        for bar in bars:
            for name, _v in bar.segments:
                if name not in series:
                    series.append(name)
    colour = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    largest = max([b.total for _l, bars in groups for b in bars] + [1])
    label_w, bar_h, gap, plot_w = 190, 16, 10, 420
    legend_h = 24 * ((len(series) + 2) // 3)
    height = legend_h + sum(18 + len(bars) * (bar_h + 3) + gap for _l, bars in groups) + 10
    width = label_w + plot_w + 70
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="matching-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for i, name in enumerate(series):  # legend
        x, y = (i % 3) * 220, (i // 3) * 24
        out.append(
            f'<rect x="{x}" y="{y + 4}" width="14" height="14" fill="{colour[name]}"/>'
            f'<text x="{x + 20}" y="{y + 16}" font-size="13">{escape(name)}</text>'
        )
    y = legend_h
    for label, bars in groups:
        out.append(
            f'<text x="0" y="{y + 13}" font-size="13" font-weight="bold">'
            f"{escape(_short(label, 70))}</text>"
        )
        y += 18
        for bar in bars:
            x = label_w
            out.append(
                f'<text x="{label_w - 6}" y="{y + bar_h - 4}" font-size="11" '
                f'text-anchor="end">{escape(bar.name)}</text>'
            )
            for name, value in bar.segments:
                w = round(plot_w * value / largest, 1)
                if w > 0:
                    out.append(
                        f'<rect x="{x}" y="{y}" width="{w}" height="{bar_h}" '
                        f'fill="{colour[name]}"><title>{escape(label)} — '
                        f"{escape(name)}: {value}{escape(unit)}</title></rect>"
                    )
                x += w
            out.append(f'<text x="{x + 4}" y="{y + bar_h - 3}" font-size="12">{bar.total}</text>')
            y += bar_h + 3
        y += gap
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — every text node above is escaped


def _short(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def readable_bar_chart(
    *, title: str, description: str, groups: list[tuple[str, list[Bar]]], unit: str = ""
) -> SafeString:
    """Horizontal bars sized to be read on a 360 px phone: the drawing is 400 units wide, so
    shown at full width its 14-unit text is about 13 px, and the page caps it at 40 rem so it
    never grows into a poster. Each group's label sits on its own line above its bars (long
    region names are not cut), each bar's name left of it and its value right of it. Bars
    with no published value are left out (the table beside the chart says why)."""
    chart_id = f"chart{next(_ids)}"
    series = []
    for _label, bars in groups:
        for bar in bars:
            for name, _v in bar.segments:
                if name not in series:
                    series.append(name)
    colour = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    largest = max([b.total for _l, bars in groups for b in bars] + [1])
    width, name_w, plot_w, bar_h = 400, 110, 230, 20
    height = sum(24 + len(bars) * (bar_h + 4) + 8 for _l, bars in groups) + 4
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="readable-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    y = 0
    for label, bars in groups:
        out.append(
            f'<text x="0" y="{y + 17}" font-size="15" font-weight="bold">'
            f"{escape(_short(label, 46))}</text>"
        )
        y += 24
        for bar in bars:
            out.append(
                f'<text x="{name_w - 6}" y="{y + bar_h - 5}" font-size="14" '
                f'text-anchor="end">{escape(_short(bar.name, 14))}</text>'
            )
            x = name_w
            for name, value in bar.segments:
                w = round(plot_w * value / largest, 1)
                if w > 0:
                    # A stacked bar's segments say what they are (women, men), not only the bar.
                    what = bar.name if name == bar.name else f"{bar.name}, {name}"
                    out.append(
                        f'<rect x="{x}" y="{y}" width="{w}" height="{bar_h}" '
                        f'fill="{colour[name]}"><title>{escape(label)} — '
                        f"{escape(what)}: {value}{escape(unit)}</title></rect>"
                    )
                x += w
            out.append(f'<text x="{x + 5}" y="{y + bar_h - 5}" font-size="14">{bar.total}</text>')
            y += bar_h + 4
        y += 8
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — every text node above is escaped
