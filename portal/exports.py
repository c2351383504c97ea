"""Cells of every CSV and XLSX export: text a spreadsheet would run as a formula is escaped.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula (or becomes
one) in Excel, LibreOffice and Google Sheets: `=HYPERLINK("http://…")` in an agency name
would run on an officer's computer. Such text gets a leading apostrophe, shown as text.
Plain numbers ("-12.5") and non-text values are left alone.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def cell_safe(value):
    """The value, with a leading apostrophe if it is text a spreadsheet would evaluate."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def row_safe(values) -> list:
    return [cell_safe(value) for value in values]


def wagtail_exports_escape() -> None:
    """Wagtail's own CSV/XLSX exports (reports, listings) go through the same rule: its XLSX
    already stores formulas as text, its CSV does not. Called once from PortalConfig.ready."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "karavan_safe", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return cell_safe(original(self, field, value, export_format))

    preprocess_field_value.karavan_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
