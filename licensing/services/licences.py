"""Issued licences: suspension, reinstatement, revocation by two officers, expiry and the
renewal reminders of the daily run."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.case_services import case_status_set
from portal.cases import actor_role, case_transition, case_type_of, require
from portal.lifecycle import DocumentStatus, InvalidTransition, reason_required
from portal.notifications import notify
from portal.policy import can

from .. import selectors
from ..models import Licence
from ..permissions import LicensingPermission as P

ERROR_SECOND_OFFICER = _("A second officer must confirm the revocation; you proposed it.")
ERROR_NO_REVOCATION_PROPOSED = _("No revocation has been proposed for this licence.")
ERROR_REVOCATION_PENDING = _("A revocation is already waiting for a second officer.")
ERROR_STILL_VALID = _("The licence is still valid.")
D = DocumentStatus


def licence_suspend(*, licence: Licence, by, reason: str) -> Licence:
    """active → suspended, with a reason shown in the registry."""
    return case_status_set(case=licence, to=D.SUSPENDED, by=by, reason=reason)


def licence_reinstate(*, licence: Licence, by, reason: str = "") -> Licence:
    """suspended → active (the grounds for suspension are resolved)."""

    def no_revocation_pending(licence):
        if licence.revocation_requested_by_id:
            raise InvalidTransition(ERROR_REVOCATION_PENDING)

    return case_status_set(
        case=licence, to=D.ACTIVE, by=by, reason=reason, check=no_revocation_pending
    )


def _locked_for_revocation(licence, by) -> Licence:
    licence = case_type_of(Licence).lock(licence)
    require(can(by, P.LICENCE_MANAGE, licence))
    return licence


def _revocation_audit(licence, *, by, action, reason, changes):
    audit_record(
        actor=by,
        action=action,
        obj=licence,
        role=actor_role(by, licence),
        organisation=licence.agency,
        from_state=licence.status,
        to_state=licence.status,
        reason=reason,
        changes=changes,
        country=licence.country_id,
    )


@transaction.atomic
def licence_revocation_propose(*, licence: Licence, by, reason: str) -> Licence:
    """First step of revocation: an officer proposes it with a reason; nothing changes yet."""
    licence = _locked_for_revocation(licence, by)
    case_type_of(Licence).lifecycle.move(
        licence.status, D.REVOKED, label=licence.get_status_display()
    )
    if licence.revocation_requested_by_id:
        raise InvalidTransition(ERROR_REVOCATION_PENDING)
    reason = reason_required(reason)
    licence.revocation_requested_by = by
    licence.revocation_requested_at = timezone.now()
    licence.revocation_reason = reason
    licence.save()
    _revocation_audit(
        licence,
        by=by,
        action="licence.revocation_propose",
        reason=reason,
        changes={"revocation_reason": ["", reason], "revocation_requested_by": [None, str(by)]},
    )
    return licence


def licence_revocation_confirm(*, licence: Licence, by) -> Licence:
    """Second step: another officer confirms; the licence is revoked with the proposed reason."""

    def revoke(licence):
        if not licence.revocation_requested_by_id:
            raise InvalidTransition(ERROR_NO_REVOCATION_PROPOSED)
        if licence.revocation_requested_by_id == by.pk:
            raise InvalidTransition(ERROR_SECOND_OFFICER)
        licence.status_reason = licence.revocation_reason
        return {"proposed_by": [None, str(licence.revocation_requested_by)]}

    fresh = Licence.objects.get(pk=licence.pk)
    return case_transition(
        case=licence, to=D.REVOKED, by=by, effect=revoke, reason=fresh.revocation_reason
    )


#: The lifecycle's revoke move, as the back office calls it.
licence_revoke = licence_revocation_confirm


@transaction.atomic
def licence_revocation_cancel(*, licence: Licence, by, reason: str) -> Licence:
    """The second officer (or the proposer) declines the proposed revocation."""
    licence = _locked_for_revocation(licence, by)
    if not licence.revocation_requested_by_id:
        raise InvalidTransition(ERROR_NO_REVOCATION_PROPOSED)
    reason = reason_required(reason)
    old = licence.revocation_reason
    licence.revocation_requested_by = None
    licence.revocation_requested_at = None
    licence.revocation_reason = ""
    licence.save()
    _revocation_audit(
        licence,
        by=by,
        action="licence.revocation_cancel",
        reason=reason,
        changes={"revocation_reason": [old, ""]},
    )
    return licence


def licence_expire(*, licence: Licence, today: date | None = None) -> Licence:
    """System move: active or suspended → expired once `valid_until` has passed."""
    today = today or timezone.localdate()

    def expire(licence):
        if licence.valid_until >= today:
            raise InvalidTransition(ERROR_STILL_VALID)
        licence.status_reason = ""

    return case_transition(case=licence, to=D.EXPIRED, by=None, effect=expire)


@transaction.atomic
def licence_reminder_send(*, licence: Licence, days: int, today: date) -> None:
    """E-mail the agency that its licence expires in about `days` days (60 or 30), once."""
    licence = case_type_of(Licence).lock(licence)
    field = "reminder_60_sent_on" if days == 60 else "reminder_30_sent_on"
    if getattr(licence, field):
        return
    setattr(licence, field, today)
    licence.save(update_fields=[field])
    audit_record(
        actor=None,
        action=f"licence.reminder_{days}",
        obj=licence,
        role="system",
        organisation=licence.agency,
        changes={field: [None, str(today)]},
        country=licence.country_id,
    )
    notify(
        event="licence.reminder",
        recipients=selectors.agency_contacts(agency=licence.agency),
        context={"number": licence.number, "date": licence.valid_until},
    )


def licences_daily(*, today: date | None = None) -> dict:
    """The daily run: expire overdue licences, then send 60- and 30-day reminders."""
    today = today or timezone.localdate()
    done = {"expired": 0, "reminded_60": 0, "reminded_30": 0}
    for licence in selectors.licences_overdue(today=today):
        licence_expire(licence=licence, today=today)
        done["expired"] += 1
    for days in (60, 30):
        for licence in selectors.licences_due_for_reminder(today=today, days=days):
            licence_reminder_send(licence=licence, days=days, today=today)
            done[f"reminded_{days}"] += 1
    return done
