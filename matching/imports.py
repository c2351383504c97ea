"""Reading and checking a regional labour-market assessment file (CSV or XLSX).

Pure pandas: the service passes in the region and ISCO codes that exist, gets back the clean
rows and a list of row errors, and saves nothing until the analyst has seen them. The format
is described in `docs/analytics.md`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pandas as pd
from django.utils.translation import gettext as _

REQUIRED_COLUMNS = ("region", "isco_code", "period", "demand", "source")
MAX_ROWS = 500_000
MAX_BYTES = 50 * 1024 * 1024
PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?$")

# Error messages are constants so tests (and translators) see the same text.
ERROR_FORMAT = "Upload a .csv or .xlsx file."
ERROR_UNREADABLE = "The file could not be read as a table: {detail}"
ERROR_TOO_LARGE = "The file is too large (at most {limit} rows and 50 MB)."
ERROR_EMPTY = "The file has no data rows."
ERROR_COLUMNS = "Missing column(s): {columns}. The first row must name: {required}."
ERROR_REGION = "Unknown region code “{value}” (use ISO 3166-2, e.g. KZ-75)."
ERROR_REGION_OUTSIDE = "Region “{value}” is outside your jurisdiction ({country})."
ERROR_ISCO = "Unknown ISCO-08 code “{value}” (1 to 4 digits, e.g. 7212)."
ERROR_PERIOD = "Period “{value}” is not a month written YYYY-MM (e.g. 2026-04)."
ERROR_DEMAND = "Demand “{value}” is not a whole number of 0 or more."
ERROR_SOURCE = "The source is empty or longer than 200 characters."
ERROR_DUPLICATE = "The same region, ISCO code, period and source also appear in row {first}."


@dataclass
class ParsedAssessment:
    """Clean rows (``region, isco, period, demand, source``) and errors found in the file."""

    rows: pd.DataFrame
    errors: list[dict] = field(default_factory=list)
    row_count: int = 0


def _error(row, column, message) -> dict:
    return {"row": row, "column": column, "message": message}


def read_table(content: bytes, filename: str) -> pd.DataFrame:
    """The file as a DataFrame of strings (header row normalised to lower case).

    Raises ValueError with a message for the analyst when the file cannot be used.
    """
    if len(content) > MAX_BYTES:
        raise ValueError(_(ERROR_TOO_LARGE).format(limit=MAX_ROWS))
    name = filename.lower()
    try:
        if name.endswith(".csv"):
            text = content.decode("utf-8-sig")
            table = pd.read_csv(
                io.StringIO(text), dtype=str, keep_default_na=False, sep=None, engine="python"
            )
        elif name.endswith(".xlsx"):
            table = pd.read_excel(
                io.BytesIO(content), dtype=str, engine="openpyxl", keep_default_na=False
            )
        else:
            raise ValueError(_(ERROR_FORMAT))
    except ValueError:
        raise
    except Exception as exc:  # pandas and openpyxl raise many kinds; the analyst needs one
        raise ValueError(_(ERROR_UNREADABLE).format(detail=str(exc)[:200])) from exc
    table.columns = [str(c).strip().lower() for c in table.columns]
    return table


def validate_assessment(
    table: pd.DataFrame,
    *,
    regions: dict[str, str],
    isco_codes: set[str],
    countries: set[str] | None,
) -> ParsedAssessment:
    """Check every row; return the clean rows and the errors.

    ``regions`` maps region code → country code; ``countries`` are those the importer may
    write (None: any). Row numbers in errors are the spreadsheet's (the header is row 1).
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        return ParsedAssessment(
            pd.DataFrame(),
            [
                _error(
                    1,
                    ", ".join(missing),
                    _(ERROR_COLUMNS).format(
                        columns=", ".join(missing), required=", ".join(REQUIRED_COLUMNS)
                    ),
                )
            ],
        )
    if table.empty:
        return ParsedAssessment(pd.DataFrame(), [_error(2, "", _(ERROR_EMPTY))])
    if len(table) > MAX_ROWS:
        return ParsedAssessment(
            pd.DataFrame(),
            [_error(1, "", _(ERROR_TOO_LARGE).format(limit=MAX_ROWS))],
            row_count=len(table),
        )
    errors: list[dict] = []
    clean = []
    seen: dict[tuple, int] = {}
    frame = table[list(REQUIRED_COLUMNS)].astype(str).apply(lambda s: s.str.strip())
    for offset, (region, isco, period, demand, source) in enumerate(
        frame.itertuples(index=False, name=None)
    ):
        row = offset + 2
        before = len(errors)
        region = region.upper()
        if region not in regions:
            errors.append(_error(row, "region", _(ERROR_REGION).format(value=region)))
        elif countries is not None and regions[region] not in countries:
            errors.append(
                _error(
                    row,
                    "region",
                    _(ERROR_REGION_OUTSIDE).format(
                        value=region, country=", ".join(sorted(countries))
                    ),
                )
            )
        if isco.endswith(".0"):  # a spreadsheet that stored the code as a number
            isco = isco[:-2]
        if isco not in isco_codes:
            errors.append(_error(row, "isco_code", _(ERROR_ISCO).format(value=isco)))
        match = PERIOD_RE.match(period)
        if not match or not 1 <= int(match.group(2)) <= 12:
            errors.append(_error(row, "period", _(ERROR_PERIOD).format(value=period)))
        try:
            number = float(demand.replace(" ", "").replace("\u00a0", ""))
            valid = number >= 0 and number == int(number)
        except ValueError:
            valid = False
        if not valid:
            errors.append(_error(row, "demand", _(ERROR_DEMAND).format(value=demand)))
        if not source or len(source) > 200:
            errors.append(_error(row, "source", _(ERROR_SOURCE)))
        if len(errors) > before:
            continue
        month = f"{match.group(1)}-{match.group(2)}-01"
        key = (region, isco, month, source)
        if key in seen:
            errors.append(_error(row, "", _(ERROR_DUPLICATE).format(first=seen[key])))
            continue
        seen[key] = row
        clean.append(
            {
                "region": region,
                "isco": isco,
                "period": month,
                "demand": int(number),
                "source": source,
            }
        )
    rows = pd.DataFrame(clean, columns=["region", "isco", "period", "demand", "source"])
    return ParsedAssessment(rows, errors, row_count=len(table))
