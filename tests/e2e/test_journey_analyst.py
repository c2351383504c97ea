"""Journey 4: an analyst, signed in with password and authenticator code, imports a regional
labour-market assessment (a bad CSV first: row errors, nothing saved; then a good XLSX), starts
a match run and follows it to 100 %, reads the supply–demand gap split by sex (chart and
table), and downloads the XLSX export, which opens with the same figures.

Preconditions built directly: a KZ ministry with an analyst, two published vacancies of a
licensed agency and four workers (two women, two men; three consent to agencies).
"""

import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from matching.models import AssessmentImport, DemandAssessment, MatchResult, MatchRun
from portal.models import AuditEvent, Organisation, Role
from tests.conftest import make_user

from .helpers import (  # noqa: F401
    authority,
    desk,
    page_kept_on_failure,
    staff_sign_in,
    uploads_in_tmp,
)

pytestmark = pytest.mark.usefixtures("uploads_in_tmp")
#: The vacancies' season (tests.matching.conftest) starts in 60 days: the assessment and the
#: dashboard look at that month and year.
SEASON = timezone.localdate() + timedelta(days=60)
YEAR, MONTH = SEASON.year, f"{SEASON:%Y-%m}"


@pytest.fixture(autouse=True)
def assessment_files_in_tmp(tmp_path):
    """Uploaded assessment files go to a temporary directory, never into the working tree."""
    from django.core.files.storage import FileSystemStorage

    field = AssessmentImport._meta.get_field("file")
    saved = field.storage
    field.storage = FileSystemStorage(location=tmp_path / "assessments", base_url=None)
    yield
    field.storage = saved


@pytest.fixture
def labour_market(transactional_db):
    from tests.matching.conftest import licence_issue, profile_for, published_job_order

    ministry = authority("KZ", "KZ Ministry of Labour")
    analyst = make_user("analyst@example.org", role=Role.ANALYST, organisation=ministry)
    agency = Organisation.objects.create(
        name="Silk Road Test Recruitment", kind="agency", country_id="KG"
    )
    licence_issue(agency, authority("KG"))
    from vacancies.models import Scheme

    w = {
        "agency": agency,
        "agency_admin": make_user("agency@example.org"),
        "employer": Organisation.objects.create(
            name="Almaty Agro", kind="employer", country_id="KZ"
        ),
        "scheme": Scheme.objects.create(
            name="KG→KZ agriculture",
            origin_country_id="KG",
            destination_country_id="KZ",
            vetting_country_id="KZ",
            legal_basis="Agreement 2025",
            season_start_month=3,
            season_end_month=11,
            max_stay_months=9,
        ),
    }
    published_job_order(
        w,
        title="Apple picker",
        occupation="9211",
        essential=["harvest crops", "prune trees"],
        positions=12,
    )
    published_job_order(
        w,
        title="Welder",
        occupation="7212",
        essential=["weld metal", "read blueprints"],
        positions=3,
    )
    profile_for(
        make_user("aida@example.org"), sex="F", skill_labels=["harvest crops", "prune trees"]
    )
    profile_for(
        make_user("nurgul@example.org"),
        sex="F",
        skill_labels=["harvest crops", "prune trees"],
        consent=False,
    )
    profile_for(
        make_user("bakyt@example.org"),
        sex="M",
        occupations=["7212"],
        skill_labels=["weld metal", "read blueprints"],
    )
    profile_for(make_user("timur@example.org"), sex="M", skill_labels=["harvest crops"])
    return {"analyst": analyst}


def test_analyst_imports_matches_reads_the_gap_and_exports(
    desk,
    labour_market,  # noqa: F811
    tmp_path,
):
    with page_kept_on_failure(desk, "analyst"):
        journey(desk, labour_market["analyst"], tmp_path)


def journey(page, analyst, tmp_path):
    staff_sign_in(page, analyst)

    # 1. A bad CSV: every row error is listed, with its row number; nothing is saved.
    bad = tmp_path / "akimat-draft.csv"
    bad.write_text(
        "region,isco_code,period,demand,source\n"
        f"KZ-75,9211,{MONTH},many,Almaty akimat\n"
        f"KZ-99,9211,{MONTH},10,Almaty akimat\n",
        encoding="utf-8",
    )
    page.goto("/admin/analytics/assessments/")
    page.get_by_label("Assessment file (CSV or XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="2 problems — nothing was saved")).to_be_visible()
    errors = page.get_by_role("row").filter(has_text="not a whole number")
    expect(errors).to_have_count(1)
    expect(errors.get_by_role("cell").first).to_have_text("2")  # the spreadsheet's row 2
    expect(page.get_by_role("button", name="Import these rows")).to_have_count(0)
    assert DemandAssessment.objects.count() == 0

    # 2. A good XLSX: checked, then imported on request.
    good = tmp_path / "akimat-2026.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Region", "ISCO_code", "Period", "Demand", "Source"])
    book.active.append(["KZ-75", "9211", MONTH, 40, "Almaty akimat"])
    book.active.append(["KZ-75", "7212", MONTH, 6, "Almaty akimat"])
    book.save(good)
    page.get_by_role("link", name="Upload").click()
    page.get_by_label("Assessment file (CSV or XLSX)").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("No errors found. Nothing has been saved yet.")).to_be_visible()
    assert DemandAssessment.objects.count() == 0
    page.get_by_role("button", name="Import these rows").click()
    expect(page.get_by_text(re.compile(r"2 rows imported on"))).to_be_visible()
    assert sorted(DemandAssessment.objects.values_list("isco_id", "demand")) == [
        ("7212", 6),
        ("9211", 40),
    ]

    # 3. A match run, started from its page, reaches 100 %.
    page.goto("/admin/analytics/runs/")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name=re.compile(r"Match run #\d+"))).to_be_visible()
    expect(page.locator("#run-progress")).to_have_attribute("value", "100")
    expect(page.get_by_text("Completed", exact=True)).to_be_visible()
    run = MatchRun.objects.get()
    assert run.status == "completed" and run.progress == 100 and run.worker_count == 3
    assert MatchResult.objects.filter(run=run).exists()

    # 4. The gap, national, split by sex: the chart's bars and the table show women and men.
    page.get_by_role("link", name="See supply and demand with these results").click()
    page.get_by_role("spinbutton", name="Year").fill(str(YEAR))
    page.get_by_label("Break down by").select_option("none")
    page.get_by_role("button", name="Show").click()
    chart = page.locator("figure svg[role=img]").first
    expect(chart).to_be_visible()
    # Bars per group: workers (women, men), matchable workers (women, men), demand.
    titles = [t for t in chart.locator("rect title").all_text_contents() if t.startswith("9 ")]
    assert titles[:2] == [
        "9 Elementary occupations — Workers, Female: 2",
        "9 Elementary occupations — Workers, Male: 1",
    ], titles
    assert titles[-1] == "9 Elementary occupations — Demand: 52", titles
    table = page.get_by_role("table", name="Supply and demand")
    headers = table.get_by_role("columnheader").all_text_contents()
    assert "Workers: Female" in headers and "Workers: Male" in headers, headers
    row = table.get_by_role("row").filter(has_text="Elementary")
    cells = dict(zip(headers, row.get_by_role("cell").all_text_contents(), strict=True))
    assert (cells["Workers: Female"], cells["Workers: Male"]) == ("2", "1"), cells
    assert cells["Demand"] == str(12 + 40), cells  # 12 open positions + 40 assessed

    # 5. The internal XLSX export opens with the same figures.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX, internal").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-internal.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[3])
    elementary = next(
        e for e in (dict(zip(header, r, strict=True)) for r in rows[4:]) if e["isco"] == "9"
    )
    assert (elementary["supply_female"], elementary["supply_male"]) == (2, 1), elementary
    assert elementary["demand"] == 52 and elementary["gap"] == 52 - elementary["matchable"]
    export = AuditEvent.objects.get(action="matching.analytics.export")
    assert export.actor == analyst
