"""The daily run of permits and patents (`manage.py permits_daily`, a systemd timer): work
permits and patents past the end of their term become *expired* as stored state (the
document lifecycle's SYSTEM move, one audit event each), and each patent holder is told once,
seven days ahead, that the prepaid fees run out (a patent whose fees do not cover today stays
*lapsed* as derived state: paying again makes it active with no officer involved)."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from portal.cases import case_transition
from portal.lifecycle import DocumentStatus
from portal.notifications import notify

from ..models import Patent, WorkPermit

#: Days before the prepaid fees run out on which the holder is reminded (once per paid period).
LAPSE_REMINDER_DAYS = 7


def documents_expire(*, today: date) -> int:
    """active or suspended → expired for every permit and patent past `valid_until`."""
    expired = 0
    for model in (WorkPermit, Patent):
        overdue = model.objects.filter(
            status__in=[DocumentStatus.ACTIVE, DocumentStatus.SUSPENDED], valid_until__lt=today
        )
        for document in overdue:
            case_transition(case=document, to=DocumentStatus.EXPIRED, by=None)
            expired += 1
    return expired


def patent_lapse_reminders(*, today: date) -> int:
    """Tell each holder once, `LAPSE_REMINDER_DAYS` ahead, that their fees run out."""
    due = (
        Patent.objects.filter(
            status=DocumentStatus.ACTIVE,
            paid_until__gte=today,
            paid_until__lte=today + timedelta(days=LAPSE_REMINDER_DAYS),
            valid_until__gt=F("paid_until"),
        )
        .filter(Q(lapse_reminded_for__isnull=True) | ~Q(lapse_reminded_for=F("paid_until")))
        .select_related("holder")
    )
    sent = 0
    for patent in due:
        with transaction.atomic():
            # Claimed first, so two overlapping runs tell the holder once.
            if (
                not Patent.objects.filter(pk=patent.pk, paid_until=patent.paid_until)
                .exclude(lapse_reminded_for=patent.paid_until)
                .update(lapse_reminded_for=patent.paid_until)
            ):
                continue
            notify(
                event="patent.lapse_reminder",
                recipients=[patent.holder],
                context={"number": patent.number, "date": patent.paid_until},
            )
            sent += 1
    return sent


def permits_daily(*, today: date | None = None) -> dict:
    """Once a day: expire documents past their term, remind patent holders before a lapse."""
    today = today or timezone.localdate()
    return {
        "expired": documents_expire(today=today),
        "lapse_reminders": patent_lapse_reminders(today=today),
    }
