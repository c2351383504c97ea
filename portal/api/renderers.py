"""CSV beside JSON for list endpoints (`?format=csv` or `Accept: text/csv`)."""

import csv
import io

from rest_framework.renderers import BaseRenderer

from portal.exports import cell_safe


def _flat(row: dict, prefix: str = "") -> dict:
    """Nested objects become dotted columns; lists become `; `-joined text."""
    out = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, f"{name}."))
        elif isinstance(value, list):
            out[name] = "; ".join(str(v) for v in value)
        else:
            out[name] = "" if value is None else value
    return out


class CSVRenderer(BaseRenderer):
    """One row per result (the `results` of a page); the header is the union of the keys in
    first-seen order. Paging travels in the `Link` header."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = data.get("results", [data]) if isinstance(data, dict) else list(data)
        rows = [_flat(r) if isinstance(r, dict) else {"value": r} for r in rows]
        header: list[str] = []
        for row in rows:
            header.extend(k for k in row if k not in header)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([cell_safe(name) for name in header])
        writer.writerows([cell_safe(row.get(name, "")) for name in header] for row in rows)
        return buffer.getvalue().encode(self.charset)
