"""A stay abroad: departure, arrival, registration of the stay, return.

Each function checks `STAY_RECORD` (the worker, their agency, officers of the origin or the
destination; border imports act as an officer), changes the stay in one transaction through
the case kernel (one audit event) and tells the worker in their language.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.cases import actor_role, case_transition, require
from portal.corridors import registration_due_date, stay_limit_date
from portal.notifications import notify
from portal.policy import can
from portal.submissions import create_once
from vacancies.models import PastSeason

from ..models import ABROAD_STATES, RecordSource, Stay, StayStatus
from ..permissions import CyclePermission as P

S = StayStatus

ERROR_ALREADY_ABROAD = _("A stay abroad is already open for this worker: record its return first.")
ERROR_FUTURE_DATE = _("The date cannot be in the future.")
ERROR_BEFORE_DEPARTURE = _("The date cannot be before the departure.")
ERROR_BEFORE_ARRIVAL = _("The registration cannot be before the arrival.")
ERROR_NO_ORIGIN = _("The worker's nationality is not known: complete the profile first.")
ERROR_SAME_COUNTRY = _("The destination must be another country than the worker's own.")


def _day(value: date) -> dict:
    """A date in a notification's context: rendered in the reader's language and format."""
    return value or ""


def _country_name(stay: Stay) -> str:
    with translation.override(stay.worker.preferred_language or translation.get_language()):
        return stay.destination_country.local


def _check_past(value: date, *, today: date | None = None) -> None:
    if value > (today or timezone.localdate()):
        raise ValidationError(ERROR_FUTURE_DATE)


def stay_lawful_until(*, stay: Stay, arrived_on: date) -> date | None:
    """Last day of lawful stay for a worker who arrived on `arrived_on`: the earliest of the
    scheme's maximum stay and the end of the permit (a patent: the end of what is paid); with
    neither, the corridor rule's longest stay (None when nothing limits it on record)."""
    limits = []
    if stay.scheme_id:
        limits.append(
            arrived_on + relativedelta(months=stay.scheme.max_stay_months) - timedelta(days=1)
        )
    if stay.work_permit_id:
        limits.append(stay.work_permit.valid_until)
    if stay.patent_id:
        patent = stay.patent
        limits.append(
            min(d for d in (patent.paid_until, patent.valid_until) if d)
            if patent.paid_until
            else patent.valid_until
        )
    if limits:
        return min(limits)
    return stay_limit_date(
        origin=stay.origin_country_id, destination=stay.destination_country_id, arrival=arrived_on
    )


def _origin_of(worker) -> tuple[str, str, object]:
    """(nationality, sex, occupation) from the worker's profile, if they have one."""
    profile = getattr(worker, "worker_profile", None)
    if profile is None:
        return "", "X", None
    return profile.origin_country_id, profile.sex, None


def stay_departure_record(
    *,
    worker,
    by,
    destination_id: str,
    departed_on: date | None,
    source: str = RecordSource.WORKER,
    origin_id: str = "",
    scheme=None,
    vacancy_application=None,
    work_permit=None,
    patent=None,
    occupation=None,
    submission_key=None,
    request=None,
) -> Stay:
    """Open a stay: the worker left (or, from border data, entered the destination without a
    recorded departure: `departed_on` None). One open stay per worker; a double submit of the
    same form records it once."""
    profile_origin, sex, _occ = _origin_of(worker)
    origin_id = (origin_id or profile_origin or "").upper()
    if not origin_id:
        raise ValidationError(ERROR_NO_ORIGIN)
    if origin_id == destination_id.upper():
        raise ValidationError(ERROR_SAME_COUNTRY)
    if departed_on:
        _check_past(departed_on)
    if vacancy_application is not None:
        job_order = vacancy_application.job_order
        scheme = scheme or job_order.scheme
        occupation = occupation or job_order.occupation
    document = work_permit or patent
    if document is not None:
        occupation = occupation or document.occupation
    stay = Stay(
        worker=worker,
        origin_country_id=origin_id,
        destination_country_id=destination_id.upper(),
        scheme=scheme,
        vacancy_application=vacancy_application,
        work_permit=work_permit,
        patent=patent,
        agency=vacancy_application.job_order.agency if vacancy_application else None,
        occupation=occupation,
        sex=sex,
        departed_on=departed_on,
        departure_source=source if departed_on else "",
        created_by=by if getattr(by, "is_authenticated", False) else None,
        submission_key=submission_key,
    )
    require(can(by, P.STAY_RECORD, stay))

    def create():
        if (
            Stay.objects.select_for_update()
            .filter(worker=worker, status__in=ABROAD_STATES)
            .exists()
        ):
            raise ValidationError(ERROR_ALREADY_ABROAD)
        stay.full_clean(exclude=["submission_key"])
        stay.save()
        audit_record(
            actor=by,
            action="stay.departure_record",
            obj=stay,
            role=actor_role(by, stay),
            organisation=stay.agency,
            to_state=stay.status,
            changes={
                "status": [None, stay.status],
                "destination_country": [None, stay.destination_country_id],
                "departed_on": [None, str(departed_on) if departed_on else None],
                "departure_source": [None, stay.departure_source or None],
            },
            country=stay.destination_country_id,
            request=request,
        )
        if departed_on:
            notify(
                event="stay.departure",
                recipients=[worker],
                context={"country": _country_name(stay), "date": _day(departed_on)},
            )
        return stay

    def mine(row):
        require(row.worker_id == worker.pk)

    return create_once(Stay, submission_key, create, check=mine)


def stay_arrive(
    *, stay: Stay, by, arrived_on: date, source: str = RecordSource.WORKER, request=None
) -> Stay:
    """The worker entered the destination: fix the registration deadline (the corridor rule
    in force on that day, in working days where the law counts them so) and the last day of
    lawful stay, and tell the worker both."""
    _check_past(arrived_on)

    def fix_dates(case):
        if case.departed_on and arrived_on < case.departed_on:
            raise ValidationError(ERROR_BEFORE_DEPARTURE)
        case.arrived_on, case.arrival_source = arrived_on, source
        case.registration_due = registration_due_date(
            origin=case.origin_country_id,
            destination=case.destination_country_id,
            arrival=arrived_on,
        )
        case.lawful_until = stay_lawful_until(stay=case, arrived_on=arrived_on)
        return {
            "arrived_on": [None, str(arrived_on)],
            "arrival_source": [None, source],
            "registration_due": [None, str(case.registration_due or "") or None],
            "lawful_until": [None, str(case.lawful_until or "") or None],
        }

    stay = case_transition(case=stay, to=S.ARRIVED, by=by, effect=fix_dates, request=request)
    context = {
        "country": _country_name(stay),
        "date": _day(arrived_on),
        "due": _day(stay.registration_due),
        "until": _day(stay.lawful_until) or "—",
    }
    notify(
        event="stay.arrival" if stay.registration_due else "stay.arrival_no_registration",
        recipients=[stay.worker],
        context=context,
    )
    return stay


def stay_register(*, stay: Stay, by, registered_on: date, request=None) -> Stay:
    """The stay was registered with the destination's authorities; after the deadline it is
    marked late (the flag stays on the record)."""
    _check_past(registered_on)

    def mark(case):
        if case.arrived_on and registered_on < case.arrived_on:
            raise ValidationError(ERROR_BEFORE_ARRIVAL)
        case.registered_on = registered_on
        case.registration_late = bool(
            case.registration_due and registered_on > case.registration_due
        )
        return {
            "registered_on": [None, str(registered_on)],
            "registration_late": [None, case.registration_late],
        }

    return case_transition(case=stay, to=S.REGISTERED, by=by, effect=mark, request=request)


@transaction.atomic
def stay_return_record(
    *, stay: Stay, by, returned_on: date, source: str = RecordSource.WORKER, request=None
) -> Stay:
    """The worker came back: on time when by the last day of lawful stay. The season goes on
    the worker's profile and an open overstay case closes by itself."""
    _check_past(returned_on)

    def mark(case):
        start = case.arrived_on or case.departed_on
        if start and returned_on < start:
            raise ValidationError(ERROR_BEFORE_DEPARTURE)
        case.returned_on, case.return_source = returned_on, source
        case.returned_on_time = (returned_on <= case.lawful_until) if case.lawful_until else None
        return {
            "returned_on": [None, str(returned_on)],
            "return_source": [None, source],
            "returned_on_time": [None, case.returned_on_time],
        }

    stay = case_transition(case=stay, to=S.RETURNED, by=by, effect=mark, request=request)
    profile = getattr(stay.worker, "worker_profile", None)
    if profile is not None and stay.vacancy_application_id is None:
        # A season through a vacancy application is recorded by the agency's return record.
        PastSeason.objects.create(
            profile=profile,
            country_id=stay.destination_country_id,
            scheme=stay.scheme,
            occupation=stay.occupation,
            departed_on=stay.departed_on or stay.arrived_on or returned_on,
            returned_on=returned_on,
        )
    case = getattr(stay, "overstay_case", None)
    if case is not None and case.status in ("open", "under_review"):
        from .overstays import overstay_case_close_on_return

        overstay_case_close_on_return(case=case)
    notify(
        event="stay.return",
        recipients=[stay.worker],
        context={"date": _day(returned_on), "country": _country_name(stay)},
    )
    return stay


def stay_overstay_flag(*, stay: Stay, today: date | None = None) -> Stay:
    """The daily check: the stay ran past its lawful end (SYSTEM move)."""
    today = today or timezone.localdate()

    def mark(case):
        case.overstay_from = case.lawful_until + timedelta(days=1)
        return {"overstay_from": [None, str(case.overstay_from)]}

    return case_transition(case=stay, to=S.OVERSTAYING, by=None, effect=mark)
