"""Overstay cases: opened by the daily check, reviewed and closed by an officer of the
destination, closed by themselves when the worker returns."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from licensing.permits.selectors import working_days_add
from portal.audit import audit_record
from portal.cases import case_transition
from portal.notifications import notify

from ..cases import destination_officers
from ..models import OverstayCase, OverstayOutcome, OverstayStatus, Stay
from .stays import _country_name, _day, stay_overstay_flag

#: Working days an officer has to review a new overstay case.
REVIEW_WORKING_DAYS = 10


@transaction.atomic
def overstay_case_open(*, stay: Stay, today: date | None = None) -> OverstayCase:
    """Flag the stay as overstaying, open the officer's case and tell the worker and the
    destination's officers (SYSTEM: the daily check)."""
    today = today or timezone.localdate()
    stay = stay_overstay_flag(stay=stay, today=today)
    case = OverstayCase.objects.create(
        stay=stay,
        lawful_until=stay.lawful_until,
        respond_by=working_days_add(
            country_id=stay.destination_country_id, start=today, days=REVIEW_WORKING_DAYS
        ),
    )
    audit_record(
        actor=None,
        action="overstay_case.open",
        obj=case,
        role="system",
        to_state=case.status,
        changes={
            "status": [None, case.status],
            "lawful_until": [None, str(case.lawful_until)],
            "respond_by": [None, str(case.respond_by)],
        },
        country=stay.destination_country_id,
    )
    notify(
        event="stay.overstay",
        recipients=[stay.worker],
        context={"country": _country_name(stay), "until": _day(stay.lawful_until)},
    )
    notify(
        event="overstay_case.open",
        recipients=destination_officers(case),
        context={
            "until": _day(stay.lawful_until),
            "due": _day(case.respond_by),
            "path": _officer_path(case),
        },
    )
    return case


def _officer_path(case) -> str:  # noqa: N802  (a constant-like hook)
    from ..cases import OVERSTAY_CASE

    return OVERSTAY_CASE.officer_path(case)


def overstay_case_review_start(*, case: OverstayCase, by) -> OverstayCase:
    return case_transition(case=case, to=OverstayStatus.UNDER_REVIEW, by=by)


def overstay_case_close(
    *, case: OverstayCase, by, reason: str, outcome: str = OverstayOutcome.OTHER
) -> OverstayCase:
    """The officer closes the case with an outcome and a reason the worker reads."""

    def set_outcome(c):
        c.outcome = OverstayOutcome(outcome)
        return {"outcome": [None, c.outcome]}

    return case_transition(
        case=case, to=OverstayStatus.CLOSED, by=by, reason=reason, effect=set_outcome
    )


def overstay_case_close_on_return(*, case: OverstayCase) -> OverstayCase:
    """The worker's return closes the case (SYSTEM)."""

    def set_outcome(c):
        c.outcome = OverstayOutcome.RETURNED
        return {"outcome": [None, c.outcome]}

    return case_transition(
        case=case, to=OverstayStatus.WORKER_RETURNED, by=None, effect=set_outcome
    )
