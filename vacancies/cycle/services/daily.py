"""The daily run of the migration cycle (`manage.py cycle_daily`, a systemd timer):
registration reminders, late registrations flagged, overstays opened."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from portal.audit import audit_record
from portal.notifications import notify

from ..models import Stay, StayStatus
from .overstays import overstay_case_open
from .stays import _country_name, _day, stay_lawful_until

#: Days before the registration deadline on which the worker is reminded (once).
REMINDER_DAYS = 2


def _registration_reminders(today: date) -> int:
    due = Stay.objects.filter(
        status=StayStatus.ARRIVED,
        registration_due__isnull=False,
        registration_reminded_on__isnull=True,
        registration_due__gte=today,
        registration_due__lte=today + timedelta(days=REMINDER_DAYS),
    )
    sent = 0
    for stay in due.select_related("worker", "destination_country"):
        with transaction.atomic():
            # Claim the reminder first: two overlapping runs send it once.
            if not Stay.objects.filter(pk=stay.pk, registration_reminded_on__isnull=True).update(
                registration_reminded_on=today
            ):
                continue
            notify(
                event="stay.registration_reminder",
                recipients=[stay.worker],
                context={"country": _country_name(stay), "due": _day(stay.registration_due)},
            )
            sent += 1
    return sent


def _late_registrations(today: date) -> int:
    late = Stay.objects.filter(
        status=StayStatus.ARRIVED, registration_due__lt=today, registration_late__isnull=True
    )
    flagged = 0
    for stay in late.select_related("worker", "destination_country"):
        with transaction.atomic():
            if not Stay.objects.filter(pk=stay.pk, registration_late__isnull=True).update(
                registration_late=True
            ):
                continue
            audit_record(
                actor=None,
                action="stay.registration_late",
                obj=stay,
                role="system",
                from_state=stay.status,
                to_state=stay.status,
                changes={"registration_late": [None, True]},
                country=stay.destination_country_id,
            )
            notify(
                event="stay.registration_late",
                recipients=[stay.worker],
                context={"country": _country_name(stay), "due": _day(stay.registration_due)},
            )
            flagged += 1
    return flagged


def _overstays(today: date) -> int:
    """Stays past their lawful end. A patent paid further since the arrival moves the end,
    so it is worked out again before a case is opened."""
    opened = 0
    candidates = Stay.objects.filter(
        status__in=[StayStatus.DEPARTED, StayStatus.ARRIVED, StayStatus.REGISTERED],
        lawful_until__lt=today,
    ).select_related("scheme", "work_permit", "patent", "worker")
    for stay in candidates:
        start = stay.arrived_on or stay.departed_on
        fresh = stay_lawful_until(stay=stay, arrived_on=start) if start else stay.lawful_until
        if fresh and fresh >= today:
            Stay.objects.filter(pk=stay.pk).update(lawful_until=fresh)
            continue
        overstay_case_open(stay=stay, today=today)
        opened += 1
    return opened


def cycle_daily(*, today: date | None = None) -> dict:
    """Once a day: remind, flag late registrations, open overstay cases. Returns the counts."""
    today = today or timezone.localdate()
    return {
        "reminders": _registration_reminders(today),
        "late_registrations": _late_registrations(today),
        "overstays": _overstays(today),
    }
