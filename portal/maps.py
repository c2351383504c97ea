"""Maps drawn on the server as SVG: no JavaScript, no tile server, nothing fetched by the reader.

Two kinds, both from the public-domain Natural Earth boundaries shipped in
`portal/fixtures/geo/boundaries.json` (see `build.py` there):

- `region_map_svg`: a choropleth of the ISO 3166-2 regions of the five origin countries, each
  region shaded by its value, with a legend; the caller shows the same figures in a table.
- `point_map_svg`: places (resource centres, embassies…) as numbered markers on the countries
  from Iceland to Japan, each marker a link when it has one.

The projection is equirectangular, scaled by the cosine of the map's middle latitude, which is
close enough at these latitudes for a reader to recognise the countries.
"""

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BOUNDARIES = Path(__file__).resolve().parent / "fixtures" / "geo" / "boundaries.json"
ATTRIBUTION = "Natural Earth"
#: ColorBrewer "Blues" (colour-blind safe), light to dark; the darkest steps carry white text.
SEQUENTIAL = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
#: ColorBrewer "RdBu" for values on both sides of zero (e.g. demand minus supply).
DIVERGING = ("#b2182b", "#ef8a62", "#f7f7f7", "#67a9cf", "#2166ac")
NO_DATA = "#ffffff"
BORDER = "#4d4d4d"
LAND = "#f0f0f0"
SEA = "#e3eef8"


@dataclass(frozen=True)
class MapPoint:
    """A place on a point map; `url` makes the marker a link."""

    lon: float
    lat: float
    label: str
    url: str = ""


@cache
def boundaries() -> dict:
    """The shipped boundaries, read once per process."""
    return json.loads(BOUNDARIES.read_text(encoding="utf-8"))


def drawn_within(code: str) -> str | None:
    """For a region newer than the boundaries (e.g. KZ-10), the code of the shape it lies in."""
    return boundaries()["within"].get(code)


class _Projection:
    def __init__(self, rings: Sequence[Sequence[Sequence[float]]], width: int, pad: int = 8):
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        self.lon0, self.lat1 = min(lons), max(lats)
        self.k = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span_x = (max(lons) - self.lon0) * self.k
        self.scale = (width - 2 * pad) / span_x
        self.pad = pad
        self.width = width
        self.height = round((self.lat1 - min(lats)) * self.scale + 2 * pad)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            round(self.pad + (lon - self.lon0) * self.k * self.scale, 1),
            round(self.pad + (self.lat1 - lat) * self.scale, 1),
        )

    def path(self, rings) -> str:
        parts = []
        for ring in rings:
            points = [self.xy(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
        return "".join(parts)


def _classes(values: Sequence[float]) -> tuple[tuple[str, ...], list[float]]:
    """Palette and the upper bounds of its classes: equal steps from 0 (or ±max) to the max."""
    top = max((abs(v) for v in values), default=0) or 1
    if any(v < 0 for v in values):
        step = 2 * top / len(DIVERGING)
        return DIVERGING, [-top + step * (i + 1) for i in range(len(DIVERGING))]
    step = top / len(SEQUENTIAL)
    return SEQUENTIAL, [step * (i + 1) for i in range(len(SEQUENTIAL))]


def _colour(value: float, palette, bounds) -> str:
    for colour, upper in zip(palette, bounds, strict=True):
        if value <= upper + 1e-9:
            return colour
    return palette[-1]


def _svg(width: int, height: int, title: str, description: str, body: str) -> SafeString:
    ident = f"map-{abs(hash((title, description))) % 10**8}"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-labelledby="{i}-t {i}-d" focusable="false">'
        '<title id="{i}-t">{t}</title><desc id="{i}-d">{d}</desc>{b}</svg>',
        w=width,
        h=height,
        i=ident,
        t=title,
        d=description,
        b=mark_safe(body),  # noqa: S308
    )


def region_map_svg(
    *,
    values: Mapping[str, float | None],
    title: str,
    description: str,
    names: Mapping[str, str] | None = None,
    fmt: Callable[[float], str] = lambda v: f"{v:g}",
    countries: Sequence[str] = ("KZ", "KG", "TJ", "TM", "UZ"),
    width: int = 720,
) -> SafeString:
    """A choropleth of the origin countries' regions, with a legend below the land.

    `values` maps ISO 3166-2 codes to figures; a missing or None value (suppressed, no data)
    is drawn white and said so in the legend. `names` gives each region's label in the reader's
    language for the tooltip; `fmt` formats a figure the way the page's table does.
    """
    names = names or {}
    regions = [r for r in boundaries()["regions"] if r["country"] in countries]
    projection = _Projection([ring for r in regions for ring in r["rings"]], width)
    known = [v for v in values.values() if v is not None]
    palette, bounds = _classes(known)
    shapes = []
    for region in regions:
        value = values.get(region["code"])
        fill = NO_DATA if value is None else _colour(value, palette, bounds)
        label = names.get(region["code"], region["code"])
        text = (
            _("%(region)s: no data") % {"region": label}
            if value is None
            else f"{label}: {fmt(value)}"
        )
        shapes.append(
            format_html(
                '<path d="{}" fill="{}" stroke="{}" stroke-width="0.6"><title>{}</title></path>',
                projection.path(region["rings"]),
                fill,
                BORDER,
                text,
            )
        )
    legend_y = projection.height + 6
    lower = [(-bounds[-1] if palette is DIVERGING else 0)] + bounds[:-1]
    items = [
        (colour, f"{fmt(lo)} – {fmt(hi)}")
        for colour, lo, hi in zip(palette, lower, bounds, strict=True)
    ]
    items.append((NO_DATA, _("no data or fewer than the publication threshold")))
    legend = format_html_join(
        "",
        (
            '<g transform="translate(8,{})"><rect width="14" height="14" fill="{}" stroke="{}"/>'
            '<text x="20" y="11" font-size="12">{}</text></g>'
        ),
        ((legend_y + 18 * i, colour, BORDER, text) for i, (colour, text) in enumerate(items)),
    )
    source = format_html(
        '<text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>',
        width - 8,
        legend_y + 18 * len(items),
        ATTRIBUTION,
    )
    body = "".join(shapes) + legend + source
    return _svg(width, legend_y + 18 * len(items) + 6, title, description, body)


def point_map_svg(
    *, points: Sequence[MapPoint], title: str, description: str, width: int = 720
) -> SafeString:
    """Numbered markers on the countries around them (numbers match the list beside the map)."""
    world = boundaries()["countries"]
    if points:
        lons = [p.lon for p in points]
        lats = [p.lat for p in points]
        box = [[[min(lons) - 4, min(lats) - 3], [max(lons) + 4, max(lats) + 3]]]
    else:
        box = [[[46, 35], [88, 56]]]
    projection = _Projection(box, width)
    (west, south), (east, north) = box[0]
    near = [
        c
        for c in world
        if any(
            west - 15 <= lon <= east + 15 and south - 10 <= lat <= north + 10
            for ring in c["rings"]
            for lon, lat in ring
        )
    ]
    land = "".join(
        format_html(
            '<path d="{}" fill="{}" stroke="{}" stroke-width="0.5"/>',
            projection.path(c["rings"]),
            LAND,
            BORDER,
        )
        for c in near
    )
    markers = []
    for number, point in enumerate(points, start=1):
        x, y = projection.xy(point.lon, point.lat)
        marker = format_html(
            '<circle cx="{x}" cy="{y}" r="9" fill="#08519c" stroke="#fff" stroke-width="1.5"/>'
            '<text x="{x}" y="{ty}" font-size="11" fill="#fff" text-anchor="middle">{n}</text>'
            "<title>{label}</title>",
            x=x,
            y=y,
            ty=round(y + 4, 1),
            n=number,
            label=point.label,
        )
        if point.url:
            marker = format_html('<a href="{}">{}</a>', point.url, marker)
        markers.append(format_html("<g>{}</g>", marker))
    clip = format_html(
        '<clipPath id="land-clip"><rect width="{}" height="{}"/></clipPath>',
        width,
        projection.height,
    )
    sea = format_html('<rect width="{}" height="{}" fill="{}"/>', width, projection.height, SEA)
    body = (
        clip
        + sea
        + f'<g clip-path="url(#land-clip)">{land}</g>'
        + "".join(markers)
        + format_html(
            '<text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>',
            width - 8,
            projection.height - 4,
            escape(ATTRIBUTION),
        )
    )
    return _svg(width, projection.height, title, description, body)
