"""Departures, arrivals and returns from border data (a CSV export of the border service).

One row per crossing: `event` (departure, arrival or return), `date` (YYYY-MM-DD or
DD.MM.YYYY), and the worker, found by the number of their work permit or patent
(`document_number`) or by their passport (`nationality` and `passport_number`, matched against
the keyed hash the permit applications keep — the number itself is never stored or echoed).
A departure row also names the `destination` (ISO code). Each row is recorded on its own
(source "border data", the importing officer as the actor): a bad row is reported with its
line number and the reason, and the other rows still count.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from licensing.permits.models import Patent, PermitApplication, WorkPermit
from licensing.permits.personal_data import passport_hash
from portal.cases import require
from portal.lifecycle import InvalidTransition
from portal.policy import can

from ..models import ABROAD_STATES, RecordSource, Stay, StayStatus
from ..permissions import CyclePermission as P
from .stays import stay_arrive, stay_departure_record, stay_return_record

EVENTS = ("departure", "arrival", "return")
COLUMNS = ("event", "date", "document_number", "nationality", "passport_number", "destination")
ERROR_COLUMNS = _(
    "The file needs the columns event and date, and document_number or "
    "nationality and passport_number."
)
ERROR_EVENT = _("The event must be departure, arrival or return.")
ERROR_DATE = _("The date must be written as YYYY-MM-DD or DD.MM.YYYY.")
ERROR_WORKER = _("No worker in Karavan matches this document or passport.")
ERROR_DESTINATION = _("A departure needs the destination country (ISO code).")
ERROR_NO_STAY = _("No open stay abroad for this worker.")
ERROR_ENCODING = _("The file must be a CSV file in UTF-8.")


@dataclass
class BorderImportReport:
    """What an import did: rows recorded per event, and one (line, message) per bad row."""

    recorded: dict = field(default_factory=lambda: dict.fromkeys(EVENTS, 0))
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.recorded.values())


def _date(value: str) -> date:
    value = (value or "").strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValidationError(ERROR_DATE)


def _worker_and_document(row: dict):
    """(worker, work permit, patent) for the row, or ValidationError."""
    number = (row.get("document_number") or "").strip().upper()
    if number:
        permit = WorkPermit.objects.filter(number=number).select_related("holder").first()
        if permit:
            return permit.holder, permit, None
        patent = Patent.objects.filter(number=number).select_related("holder").first()
        if patent:
            return patent.holder, None, patent
        raise ValidationError(ERROR_WORKER)
    nationality = (row.get("nationality") or "").strip().upper()
    passport = (row.get("passport_number") or "").strip()
    if nationality and passport:
        application = (
            PermitApplication.objects.filter(
                passport_hash=passport_hash(nationality=nationality, number=passport)
            )
            .select_related("worker")
            .order_by("-pk")
            .first()
        )
        if application:
            issued = (
                getattr(application, "workpermit", None),
                getattr(application, "patent", None),
            )
            return application.worker, *issued
    raise ValidationError(ERROR_WORKER)


def _record(row: dict, *, by, country: str) -> str:
    event = (row.get("event") or "").strip().lower()
    if event not in EVENTS:
        raise ValidationError(ERROR_EVENT)
    when = _date(row.get("date"))
    worker, permit, patent = _worker_and_document(row)
    border = RecordSource.BORDER
    if event == "departure":
        destination = (row.get("destination") or "").strip().upper()
        if len(destination) != 2:
            raise ValidationError(ERROR_DESTINATION)
        stay_departure_record(
            worker=worker,
            by=by,
            destination_id=destination,
            departed_on=when,
            source=border,
            work_permit=permit,
            patent=patent,
        )
        return event
    open_stay = Stay.objects.filter(worker=worker, status__in=ABROAD_STATES).order_by("-pk").first()
    if event == "arrival":
        if open_stay is None:  # entered without a recorded departure
            open_stay = stay_departure_record(
                worker=worker,
                by=by,
                destination_id=country,
                departed_on=None,
                source=border,
                work_permit=permit,
                patent=patent,
            )
        if open_stay.status != StayStatus.DEPARTED:
            raise ValidationError(ERROR_NO_STAY)
        stay_arrive(stay=open_stay, by=by, arrived_on=when, source=border)
        return event
    if open_stay is None:
        raise ValidationError(ERROR_NO_STAY)
    stay_return_record(stay=open_stay, by=by, returned_on=when, source=border)
    return event


def border_import(*, by, country: str, rows) -> BorderImportReport:
    """Record each row (a dict of the columns above) seen at the borders of `country`."""
    require(can(by, P.BORDER_IMPORT, country))
    report = BorderImportReport()
    for line, row in rows:
        try:
            with transaction.atomic():
                report.recorded[_record(row, by=by, country=country)] += 1
        except (ValidationError, InvalidTransition, PermissionDenied) as exc:
            messages = getattr(exc, "messages", None) or [str(exc)]
            report.errors.append((line, " ".join(str(m) for m in messages)))
    return report


def border_import_csv(*, by, country: str, data: bytes) -> BorderImportReport:
    """Import a CSV file (UTF-8, comma or semicolon separated, header row first)."""
    require(can(by, P.BORDER_IMPORT, country))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(ERROR_ENCODING) from None
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = {(name or "").strip().lower() for name in reader.fieldnames or []}
    if not (
        {"event", "date"} <= header
        and ("document_number" in header or {"nationality", "passport_number"} <= header)
    ):
        raise ValidationError(_g(str(ERROR_COLUMNS)))
    rows = (
        ((line + 2), {(k or "").strip().lower(): v for k, v in row.items()})
        for line, row in enumerate(reader)
    )
    return border_import(by=by, country=country.upper(), rows=rows)
