"""Imports of regional labour-market assessments: validation before saving, idempotence."""

import io

import openpyxl
import pandas as pd
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from matching import imports, services
from matching.models import AssessmentImport, DemandAssessment
from portal.models import AuditEvent

pytestmark = pytest.mark.django_db

GOOD = (
    b"region,isco_code,period,demand,source\n"
    b"KZ-75,9211,2026-04,120,Almaty akimat survey 2026\n"
    b"KZ-75,7212,2026-05,30,Almaty akimat survey 2026\n"
    b"KZ-71,8332,2026-04-01,15,Astana employers' survey\n"
)


def upload(content=GOOD, name="assessment.csv"):
    return SimpleUploadedFile(name, content)


def validate(people, content=GOOD, name="assessment.csv"):
    return services.assessment_import_validate(
        by=people["analyst"], country="KZ", uploaded=upload(content, name)
    )


def commit(people, record, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_import_commit(assessment_import=record, by=people["analyst"])
    record.refresh_from_db()
    return record


def test_valid_file_is_checked_then_imported_with_progress(
    people, django_capture_on_commit_callbacks
):
    record = validate(people)
    assert (record.status, record.row_count, record.errors) == ("validated", 3, [])
    assert DemandAssessment.objects.count() == 0  # nothing saved before the analyst commits
    record = commit(people, record, django_capture_on_commit_callbacks)
    assert (record.status, record.progress, record.rows_saved) == ("committed", 100, 3)
    row = DemandAssessment.objects.get(region_id="KZ-71")
    assert (row.isco_id, str(row.period), row.demand) == ("8332", "2026-04-01", 15)
    actions = list(
        AuditEvent.objects.filter(object_type="matching.assessmentimport")
        .order_by("id")
        .values_list("action", "to_state")
    )
    assert actions == [
        ("matching.assessment_import.validate", "validated"),
        ("matching.assessment_import.commit", "importing"),
        ("matching.assessment_import.committed", "committed"),
    ]


def test_reimporting_the_same_file_changes_nothing(people, django_capture_on_commit_callbacks):
    commit(people, validate(people), django_capture_on_commit_callbacks)
    before = list(DemandAssessment.objects.order_by("pk").values())
    again = validate(people)
    assert again.status == "invalid"
    assert "imported already" in again.errors[0]["message"]
    with pytest.raises(ValidationError):
        services.assessment_import_commit(assessment_import=again, by=people["analyst"])
    assert list(DemandAssessment.objects.order_by("pk").values()) == before


def test_a_newer_file_replaces_the_same_figure(people, django_capture_on_commit_callbacks):
    commit(people, validate(people), django_capture_on_commit_callbacks)
    newer = GOOD.replace(b"120", b"140")
    commit(people, validate(people, newer), django_capture_on_commit_callbacks)
    assert DemandAssessment.objects.count() == 3
    assert DemandAssessment.objects.get(isco_id="9211").demand == 140


def test_xlsx_is_read_like_csv(people):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Region", "ISCO_code", "Period", "Demand", "Source"])
    sheet.append(["KZ-75", 9211, "2026-04", 12, "survey"])
    buffer = io.BytesIO()
    book.save(buffer)
    record = validate(people, buffer.getvalue(), "assessment.xlsx")
    assert (record.status, record.row_count) == ("validated", 1)


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        (b"XX-99,9211,2026-04,1,s", "region", "Unknown region code"),
        (b"KG-C,9211,2026-04,1,s", "region", "outside your jurisdiction"),
        (b"KZ-75,9999,2026-04,1,s", "isco_code", "Unknown ISCO-08 code"),
        (b"KZ-75,9211,April 2026,1,s", "period", "is not a month"),
        (b"KZ-75,9211,2026-13,1,s", "period", "is not a month"),
        (b"KZ-75,9211,2026-04,-3,s", "demand", "not a whole number"),
        (b"KZ-75,9211,2026-04,2.5,s", "demand", "not a whole number"),
        (b"KZ-75,9211,2026-04,many,s", "demand", "not a whole number"),
        (b"KZ-75,9211,2026-04,1,", "source", "source is empty"),
    ],
)
def test_row_errors_are_listed_and_nothing_is_saved(people, line, column, message):
    content = b"region,isco_code,period,demand,source\nKZ-75,9211,2026-04,5,ok\n" + line + b"\n"
    record = validate(people, content)
    assert record.status == "invalid"
    assert [(e["row"], e["column"]) for e in record.errors] == [(3, column)]
    assert message in record.errors[0]["message"]
    assert DemandAssessment.objects.count() == 0


def test_duplicate_rows_and_missing_columns(people):
    dup = validate(people, GOOD + b"KZ-75,9211,2026-04,99,Almaty akimat survey 2026\n")
    assert dup.errors[0]["row"] == 5 and "row 2" in dup.errors[0]["message"]
    cols = validate(people, b"region,period,demand\nKZ-75,2026-04,5\n")
    assert "isco_code" in cols.errors[0]["message"] and "source" in cols.errors[0]["message"]
    empty = validate(people, b"region,isco_code,period,demand,source\n")
    assert empty.errors[0]["message"] == imports.ERROR_EMPTY


def test_wrong_format_and_unreadable_files(people):
    assert "Upload a .csv or .xlsx" in validate(people, b"x", "notes.txt").errors[0]["message"]
    broken = validate(people, b"not a zip", "broken.xlsx")
    assert broken.status == "invalid" and "could not be read" in broken.errors[0]["message"]


def test_only_analysts_of_the_country_import(people):
    with pytest.raises(PermissionDenied):
        services.assessment_import_validate(by=people["officer"], country="KZ", uploaded=upload())
    with pytest.raises(PermissionDenied):
        services.assessment_import_validate(by=people["analyst"], country="KG", uploaded=upload())
    assert AssessmentImport.objects.count() == 0


def test_validation_is_pure_pandas():
    table = pd.DataFrame(
        {
            "region": ["KZ-75"],
            "isco_code": ["9211.0"],
            "period": ["2026-04"],
            "demand": ["1 200"],
            "source": ["s"],
        }
    )
    parsed = imports.validate_assessment(
        table, regions={"KZ-75": "KZ"}, isco_codes={"9211"}, countries=None
    )
    assert parsed.errors == []
    assert parsed.rows.to_dict("records") == [
        {"region": "KZ-75", "isco": "9211", "period": "2026-04-01", "demand": 1200, "source": "s"}
    ]
