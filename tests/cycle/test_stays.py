"""A stay abroad (issue 22): departure, arrival with the registration deadline of the corridor
rule, registration (late flagged), return; the daily run's reminders, late flags and overstay
cases; every move one audit event."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from portal.corridors import registration_due_date
from portal.lifecycle import InvalidTransition
from portal.models import AuditEvent
from tests.conftest import make_user
from vacancies.cycle import services
from vacancies.cycle.models import OverstayCase, OverstayOutcome, OverstayStatus, Stay, StayStatus
from vacancies.cycle.services.stays import (
    ERROR_ALREADY_ABROAD,
    ERROR_BEFORE_DEPARTURE,
    ERROR_FUTURE_DATE,
)

pytestmark = pytest.mark.django_db


def _events(obj):
    return list(
        AuditEvent.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).order_by("pk")
    )


def depart(cy, days_ago=40, **kw):
    return services.stay_departure_record(
        worker=cy["worker"],
        by=kw.pop("by", cy["worker"]),
        destination_id="KZ",
        departed_on=timezone.localdate() - timedelta(days=days_ago),
        scheme=cy["scheme"],
        **kw,
    )


def test_departure_opens_a_stay_with_one_audit_event_and_a_notice(cy, committed):
    with committed():
        stay = depart(cy)
    assert stay.status == StayStatus.DEPARTED
    assert (stay.origin_country_id, stay.destination_country_id, stay.sex) == ("TJ", "KZ", "F")
    assert stay.departure_source == "worker"
    [event] = _events(stay)
    assert event.action == "stay.departure_record"
    assert event.actor == cy["worker"] and event.role == "worker"
    assert event.to_state == "departed" and event.country == "KZ"
    assert event.changes == {
        "status": [None, "departed"],
        "destination_country": [None, "KZ"],
        "departed_on": [None, str(stay.departed_on)],
        "departure_source": [None, "worker"],
    }
    assert mail.outbox[-1].to == [cy["worker"].email]
    assert "safe journey" in mail.outbox[-1].subject


def test_one_open_stay_at_a_time_and_no_future_dates(cy):
    depart(cy)
    with pytest.raises(ValidationError) as exc:
        depart(cy)
    assert exc.value.messages == [str(ERROR_ALREADY_ABROAD)]
    Stay.objects.all().delete()
    with pytest.raises(ValidationError) as exc:
        depart(cy, days_ago=-1)
    assert exc.value.messages == [str(ERROR_FUTURE_DATE)]


def test_a_double_submit_records_the_departure_once(cy):
    import uuid

    key = uuid.uuid4()
    first = depart(cy, submission_key=key)
    assert depart(cy, submission_key=key) == first
    assert Stay.objects.count() == 1


def test_a_stranger_or_an_officer_of_a_third_country_may_not_record(cy, orgs):
    from portal.models import Organisation, Role

    uz = Organisation.objects.create(name="UZ Ministry", kind="authority", country_id="UZ")
    for stranger in (
        make_user("stranger@example.org"),
        make_user("uzofficer@example.org", role=Role.OFFICER, organisation=uz),
    ):
        with pytest.raises(PermissionDenied):
            depart(cy, by=stranger)
    assert depart(cy, by=cy["officer"]).created_by == cy["officer"]  # destination's officer


def test_arrival_sets_the_registration_deadline_in_working_days_and_the_lawful_stay(cy, committed):
    stay = depart(cy)
    friday = timezone.localdate() - timedelta(days=30)
    while friday.weekday() != 4:
        friday -= timedelta(days=1)
    with committed():
        stay = services.stay_arrive(stay=stay, by=cy["worker"], arrived_on=friday)
    # TJ → KZ: register within 3 working days (corridor rule): a Friday arrival skips the weekend.
    assert stay.registration_due == registration_due_date(
        origin="TJ", destination="KZ", arrival=friday
    )
    assert (stay.registration_due - friday).days >= 5
    # The scheme's six months bound the stay.
    assert stay.lawful_until == date(
        friday.year + (friday.month + 5) // 12, (friday.month + 5) % 12 + 1, friday.day
    ) - timedelta(days=1)
    event = _events(stay)[-1]
    assert (event.action, event.from_state, event.to_state) == (
        "stay.arrive",
        "departed",
        "arrived",
    )
    assert event.changes["registration_due"] == [None, str(stay.registration_due)]
    assert "register your stay by" in mail.outbox[-1].subject.lower()


def test_arrival_before_departure_is_refused(cy):
    stay = depart(cy, days_ago=5)
    with pytest.raises(ValidationError) as exc:
        services.stay_arrive(
            stay=stay, by=cy["worker"], arrived_on=timezone.localdate() - timedelta(days=9)
        )
    assert exc.value.messages == [str(ERROR_BEFORE_DEPARTURE)]


def test_a_late_registration_is_flagged(cy):
    stay = depart(cy, days_ago=30)
    arrived = timezone.localdate() - timedelta(days=29)
    stay = services.stay_arrive(stay=stay, by=cy["worker"], arrived_on=arrived)
    stay = services.stay_register(
        stay=stay, by=cy["worker"], registered_on=stay.registration_due + timedelta(days=1)
    )
    assert stay.status == StayStatus.REGISTERED and stay.registration_late is True
    assert _events(stay)[-1].changes["registration_late"] == [None, True]


def test_a_move_not_in_the_table_is_impossible(cy):
    stay = depart(cy)
    with pytest.raises(InvalidTransition):
        services.stay_register(stay=stay, by=cy["worker"], registered_on=timezone.localdate())


def test_daily_reminds_once_then_flags_a_late_registration(cy, committed):
    stay = depart(cy, days_ago=3)
    stay = services.stay_arrive(
        stay=stay, by=cy["worker"], arrived_on=timezone.localdate() - timedelta(days=2)
    )
    due = stay.registration_due
    sent = len(mail.outbox)
    with committed():
        assert services.cycle_daily(today=due - timedelta(days=1))["reminders"] == 1
        assert services.cycle_daily(today=due)["reminders"] == 0  # once
    assert len(mail.outbox) == sent + 1
    with committed():
        result = services.cycle_daily(today=due + timedelta(days=1))
    assert result["late_registrations"] == 1
    stay.refresh_from_db()
    assert stay.registration_late is True and stay.status == StayStatus.ARRIVED
    assert _events(stay)[-1].action == "stay.registration_late"
    assert "not registered in time" in mail.outbox[-1].subject
    assert services.cycle_daily(today=due + timedelta(days=2))["late_registrations"] == 0


def test_overstay_opens_a_case_the_return_closes(cy, committed):
    stay = depart(cy, days_ago=200)
    stay = services.stay_arrive(
        stay=stay, by=cy["worker"], arrived_on=timezone.localdate() - timedelta(days=199)
    )
    stay = services.stay_register(stay=stay, by=cy["worker"], registered_on=stay.registration_due)
    assert stay.lawful_until < timezone.localdate()
    outbox = len(mail.outbox)
    with committed():
        assert services.cycle_daily()["overstays"] == 1
        assert services.cycle_daily()["overstays"] == 0
    stay.refresh_from_db()
    assert stay.status == StayStatus.OVERSTAYING
    assert stay.overstay_from == stay.lawful_until + timedelta(days=1)
    case = OverstayCase.objects.get(stay=stay)
    assert case.status == OverstayStatus.OPEN and case.respond_by > timezone.localdate()
    told = [m.to for m in mail.outbox[outbox:]]
    assert [cy["worker"].email] in told  # the worker
    assert [cy["officer"].email] in told  # the destination's officers
    assert [a.action for a in _events(case)] == ["overstay_case.open"]
    stay = services.stay_return_record(stay=stay, by=cy["worker"], returned_on=timezone.localdate())
    assert stay.status == StayStatus.RETURNED and stay.returned_on_time is False
    case.refresh_from_db()
    assert (case.status, case.outcome) == (OverstayStatus.WORKER_RETURNED, OverstayOutcome.RETURNED)
    assert cy["worker"].worker_profile.past_seasons.count() == 1


def test_an_officer_of_the_destination_closes_an_overstay_case_with_a_reason(cy, committed):
    stay = depart(cy, days_ago=200)
    services.stay_arrive(
        stay=stay, by=cy["worker"], arrived_on=timezone.localdate() - timedelta(days=199)
    )
    services.cycle_daily()
    case = OverstayCase.objects.get()
    with pytest.raises(PermissionDenied):
        services.overstay_case_review_start(case=case, by=cy["kg_officer"])
    case = services.overstay_case_review_start(case=case, by=cy["officer"])
    with pytest.raises(InvalidTransition):
        services.overstay_case_close(case=case, by=cy["officer"], reason=" ")
    with committed():
        case = services.overstay_case_close(
            case=case, by=cy["officer"], reason="Patent extended.", outcome=OverstayOutcome.EXTENDED
        )
    assert (case.status, case.outcome, case.decided_by) == ("closed", "extended", cy["officer"])
    event = _events(case)[-1]
    assert (event.action, event.reason, event.role) == (
        "overstay_case.close",
        "Patent extended.",
        "officer",
    )
    assert "closed" in mail.outbox[-1].subject


def test_a_timely_return_counts_as_on_time(cy):
    stay = depart(cy, days_ago=20)
    stay = services.stay_arrive(
        stay=stay, by=cy["worker"], arrived_on=timezone.localdate() - timedelta(days=19)
    )
    stay = services.stay_return_record(stay=stay, by=cy["worker"], returned_on=timezone.localdate())
    assert stay.returned_on_time is True
    assert _events(stay)[-1].changes["returned_on_time"] == [None, True]
