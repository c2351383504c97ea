"""Oversight of agencies: inspections, sanctions, and the authority's own licensing settings."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record, field_changes
from portal.cases import actor_role, require
from portal.lifecycle import DocumentStatus, InvalidTransition, reason_required
from portal.models import Organisation, Role
from portal.permissions import CorePermission
from portal.policy import can

from .. import selectors
from ..models import Complaint, Inspection, Licence, Sanction
from ..permissions import LicensingPermission
from .licences import licence_revocation_propose, licence_suspend

ERROR_FINE_AMOUNT = _("A fine needs an amount.")
ERROR_NO_LICENCE = _("The agency has no licence that this sanction could act on.")
ERROR_INSPECTION_STATE = _("Only a planned inspection can be completed or cancelled.")
D = DocumentStatus


@transaction.atomic
def inspection_plan(
    *,
    agency: Organisation,
    by,
    scheduled_for: date,
    kind: str = Inspection.Kind.PLANNED,
    complaint: Complaint | None = None,
    inspector=None,
) -> Inspection:
    """Plan a (planned or ad hoc) inspection of an agency in the officer's jurisdiction."""
    require(can(by, LicensingPermission.OVERSIGHT_MANAGE, agency))
    authority = selectors.licensing_authority_for(country_id=agency.country_id)
    inspection = Inspection(
        agency=agency,
        authority=authority,
        kind=kind,
        complaint=complaint,
        scheduled_for=scheduled_for,
        inspector=inspector or by,
    )
    inspection.full_clean()
    inspection.save()
    audit_record(
        actor=by,
        action="inspection.plan",
        obj=inspection,
        role=actor_role(by, country=agency.country_id),
        organisation=agency,
        to_state=inspection.status,
        changes={
            "status": [None, inspection.status],
            "kind": [None, kind],
            "scheduled_for": [None, str(scheduled_for)],
        },
        country=agency.country_id,
    )
    return inspection


def _inspection_close(
    inspection: Inspection,
    *,
    by,
    to: str,
    action: str,
    reason: str,
    carried_out_on: date | None = None,
) -> Inspection:
    """planned → `to` (completed or cancelled), with the findings or the reason, audited."""
    inspection = (
        Inspection.objects.select_for_update().select_related("agency").get(pk=inspection.pk)
    )
    require(can(by, LicensingPermission.OVERSIGHT_MANAGE, inspection.agency))
    if inspection.status != Inspection.Status.PLANNED:
        raise InvalidTransition(ERROR_INSPECTION_STATE)
    reason = reason_required(reason)
    inspection.status = to
    changes = {"status": [Inspection.Status.PLANNED, inspection.status]}
    if to == Inspection.Status.COMPLETED:
        inspection.carried_out_on = carried_out_on
        inspection.findings = reason
        changes["carried_out_on"] = [None, str(carried_out_on)]
    inspection.save()
    audit_record(
        actor=by,
        action=action,
        obj=inspection,
        role=actor_role(by, country=inspection.agency.country_id),
        organisation=inspection.agency,
        from_state=Inspection.Status.PLANNED,
        to_state=inspection.status,
        reason=reason,
        changes=changes,
        country=inspection.agency.country_id,
    )
    return inspection


@transaction.atomic
def inspection_complete(
    *, inspection: Inspection, by, carried_out_on: date, findings: str
) -> Inspection:
    """planned → completed, recording the findings."""
    return _inspection_close(
        inspection,
        by=by,
        to=Inspection.Status.COMPLETED,
        action="inspection.complete",
        reason=findings,
        carried_out_on=carried_out_on,
    )


@transaction.atomic
def inspection_cancel(*, inspection: Inspection, by, reason: str) -> Inspection:
    """planned → cancelled, with a reason."""
    return _inspection_close(
        inspection, by=by, to=Inspection.Status.CANCELLED, action="inspection.cancel", reason=reason
    )


@transaction.atomic
def sanction_impose(
    *,
    agency: Organisation,
    by,
    kind: str,
    reason: str,
    amount=None,
    inspection: Inspection | None = None,
    complaint: Complaint | None = None,
) -> Sanction:
    """Impose a warning, fine, suspension or revocation. A suspension suspends the current
    licence; a revocation proposes it (a second officer must still confirm)."""
    require(can(by, LicensingPermission.OVERSIGHT_MANAGE, agency))
    reason = reason_required(reason)
    if kind == Sanction.Kind.FINE and not amount:
        raise ValidationError(ERROR_FINE_AMOUNT)
    licence = (
        Licence.objects.filter(agency=agency, status__in=[D.ACTIVE, D.SUSPENDED])
        .order_by("-valid_from")
        .first()
    )
    if kind in (Sanction.Kind.SUSPENSION, Sanction.Kind.REVOCATION) and licence is None:
        raise ValidationError(ERROR_NO_LICENCE)
    sanction = Sanction(
        agency=agency,
        authority=selectors.licensing_authority_for(country_id=agency.country_id),
        licence=licence,
        inspection=inspection,
        complaint=complaint,
        kind=kind,
        amount=amount if kind == Sanction.Kind.FINE else None,
        reason=reason,
        imposed_by=by,
        imposed_on=timezone.localdate(),
    )
    sanction.full_clean()
    sanction.save()
    audit_record(
        actor=by,
        action="sanction.impose",
        obj=sanction,
        role=actor_role(by, country=agency.country_id),
        organisation=agency,
        reason=reason,
        changes={"kind": [None, kind], "amount": [None, str(amount) if amount else None]},
        country=agency.country_id,
    )
    if kind == Sanction.Kind.SUSPENSION:
        licence_suspend(licence=licence, by=by, reason=reason)
    elif kind == Sanction.Kind.REVOCATION:
        licence_revocation_propose(licence=licence, by=by, reason=reason)
    return sanction


@transaction.atomic
def authority_settings_update(
    *,
    authority: Organisation,
    by,
    licence_validity_years: int,
    decision_period_days: int,
    complaint_period_days: int,
):
    """An authority administrator sets licence validity and handling periods."""
    from ..models import AuthorityLicensingSettings

    require(can(by, CorePermission.ORGANISATION_MANAGE, authority))
    current, _created = AuthorityLicensingSettings.objects.select_for_update().get_or_create(
        authority=authority
    )
    before = {
        f: getattr(current, f)
        for f in ("licence_validity_years", "decision_period_days", "complaint_period_days")
    }
    current.licence_validity_years = licence_validity_years
    current.decision_period_days = decision_period_days
    current.complaint_period_days = complaint_period_days
    current.full_clean()
    current.save()
    audit_record(
        actor=by,
        action="licensing_settings.update",
        obj=current,
        role=Role.AUTHORITY_ADMIN,
        organisation=authority,
        changes=field_changes(before, {f: getattr(current, f) for f in before}),
        country=authority.country_id,
    )
    return current
