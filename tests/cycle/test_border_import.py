"""Border data (issue 22): a CSV of crossings recorded row by row, bad rows reported with their
line number and never with the passport number."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.permits.conftest import draft
from vacancies.cycle.models import Stay, StayStatus
from vacancies.cycle.services import border_import_csv
from vacancies.cycle.services.border_import import ERROR_DATE, ERROR_EVENT, ERROR_WORKER

pytestmark = pytest.mark.django_db


def _csv(*rows) -> bytes:
    return (
        "event;date;nationality;passport_number;destination\n"
        + "\n".join(";".join(r) for r in rows)
    ).encode()


def test_rows_are_recorded_and_bad_rows_reported_by_line(cy):
    draft(cy["worker"], passport_number="TJ7654321")  # the permit application keeps the hash
    arrived = (timezone.localdate() - timedelta(days=10)).isoformat()
    back = timezone.localdate().strftime("%d.%m.%Y")
    data = _csv(
        ("arrival", arrived, "TJ", "TJ7654321", ""),
        ("landing", arrived, "TJ", "TJ7654321", ""),
        ("arrival", "10/11/2026", "TJ", "TJ7654321", ""),
        ("arrival", arrived, "TJ", "TJ0000001", ""),
        ("return", back, "TJ", "tj 765 4321", ""),
    )
    report = border_import_csv(by=cy["officer"], country="KZ", data=data)
    assert report.recorded == {"departure": 0, "arrival": 1, "return": 1}
    assert report.errors == [(3, str(ERROR_EVENT)), (4, str(ERROR_DATE)), (5, str(ERROR_WORKER))]
    assert not any("0000001" in message for _line, message in report.errors)
    stay = Stay.objects.get(worker=cy["worker"])
    assert stay.status == StayStatus.RETURNED
    assert (stay.arrival_source, stay.return_source) == ("border", "border")
    assert stay.departed_on is None and stay.registration_due is not None


def test_only_officers_of_the_country_import_and_the_header_is_checked(cy):
    with pytest.raises(PermissionDenied):
        border_import_csv(by=cy["kg_officer"], country="KZ", data=_csv())
    with pytest.raises(ValidationError):
        border_import_csv(by=cy["officer"], country="KZ", data=b"when,who\n1,2\n")
    with pytest.raises(ValidationError):
        border_import_csv(by=cy["officer"], country="KZ", data=b"\xff\xfe")


def test_the_command_prints_the_report(cy, tmp_path, capsys):
    path = tmp_path / "border.csv"
    path.write_bytes(_csv(("departure", timezone.localdate().isoformat(), "TJ", "TJ1", "")))
    call_command("cycle_import_border", str(path), country="KZ", by=cy["officer"].email)
    out = capsys.readouterr().out
    assert "recorded 0" in out and "line 2:" in out
    with pytest.raises(CommandError):
        call_command("cycle_import_border", str(path), country="KZ", by="nobody@example.org")


def test_the_daily_command_runs_the_job(cy, capsys):
    call_command("cycle_daily")
    assert "'overstays': 0" in capsys.readouterr().out
