"""Quotas, fee schedules and an authority's permit settings (reasons required, audited)."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record, field_changes
from portal.cases import actor_role, require
from portal.lifecycle import reason_required
from portal.models import Organisation
from portal.policy import can

from ..models import FeeSchedule, PermitSettings, Quota
from ..permissions import PermitPermission
from .gender_impact import gender_impact_note
from .permit_applications import ERROR_REGION_COUNTRY

ERROR_QUOTA_BELOW_USED = _("The limit cannot be lower than the %(used)s documents already issued.")


@transaction.atomic
def quota_create(
    *,
    by,
    country_id: str,
    year: int,
    kind: str,
    limit: int,
    reason: str,
    region=None,
    occupation_group=None,
) -> Quota:
    """Open a quota (reason required, audited)."""
    reason = reason_required(reason)
    quota = Quota(
        country_id=country_id,
        year=year,
        kind=kind,
        limit=limit,
        region=region,
        occupation_group=occupation_group,
    )
    require(can(by, PermitPermission.QUOTA_MANAGE, quota))
    if region is not None and region.country_id != country_id:
        raise ValidationError(ERROR_REGION_COUNTRY)
    quota.full_clean()
    quota.gender_impact = gender_impact_note(
        country_id=country_id,
        occupation_code=quota.occupation_group_id,
        places_before=0,
        places_after=limit,
    )
    quota.save()
    audit_record(
        actor=by,
        action="quota.create",
        obj=quota,
        role=actor_role(by, country=country_id),
        reason=reason,
        changes={"limit": [None, limit]},
        country=country_id,
    )
    return quota


@transaction.atomic
def quota_change(*, quota: Quota, by, limit: int, reason: str) -> Quota:
    """Raise or lower a quota's limit (never below what is already issued); reason required."""
    quota = Quota.objects.select_for_update(of=("self",)).get(pk=quota.pk)
    require(can(by, PermitPermission.QUOTA_MANAGE, quota))
    reason = reason_required(reason)
    if limit < quota.used:
        raise ValidationError(ERROR_QUOTA_BELOW_USED, params={"used": quota.used})
    old = quota.limit
    quota.limit = limit
    quota.gender_impact = gender_impact_note(
        country_id=quota.country_id,
        occupation_code=quota.occupation_group_id,
        places_before=old,
        places_after=limit,
    )
    quota.save(update_fields=["limit", "gender_impact"])
    audit_record(
        actor=by,
        action="quota.change",
        obj=quota,
        role=actor_role(by, country=quota.country_id),
        reason=reason,
        changes={"limit": [old, limit]},
        country=quota.country_id,
    )
    return quota


@transaction.atomic
def fee_schedule_set(
    *,
    by,
    authority: Organisation,
    kind: str,
    amount: Decimal,
    currency: str,
    effective_from: date,
    region=None,
    reason: str = "",
) -> FeeSchedule:
    """Publish a fee from `effective_from`; the previous open-ended row of the same authority,
    kind and region ends the day before. Audited."""
    fee = FeeSchedule(
        authority=authority,
        kind=kind,
        region=region,
        amount=amount,
        currency=currency.upper(),
        effective_from=effective_from,
    )
    require(can(by, PermitPermission.FEE_MANAGE, fee))
    if region is not None and region.country_id != authority.country_id:
        raise ValidationError(ERROR_REGION_COUNTRY)
    previous = list(
        FeeSchedule.objects.select_for_update(of=("self",))
        .filter(
            authority=authority,
            kind=kind,
            region=region,
            effective_until__isnull=True,
            effective_from__lt=effective_from,
        )
        .order_by("pk")
    )
    for row in previous:
        row.effective_until = effective_from - timedelta(days=1)
        row.save(update_fields=["effective_until"])
    fee.full_clean()
    fee.save()
    audit_record(
        actor=by,
        action="fee_schedule.set",
        obj=fee,
        role=actor_role(by, country=authority.country_id),
        organisation=authority,
        reason=reason.strip(),
        changes={
            "amount": [str(previous[0].amount) if previous else None, str(amount)],
            "currency": [None, fee.currency],
            "effective_from": [None, str(effective_from)],
        },
        country=authority.country_id,
    )
    return fee


SETTINGS_FIELDS = [
    "fast_track_working_days",
    "standard_working_days",
    "patent_max_months",
    "permit_max_months",
    "fast_track_documents",
    "standard_documents",
    "patent_documents",
    "highly_skilled_groups",
    "low_skilled_groups",
]


@transaction.atomic
def permit_settings_update(*, authority: Organisation, by, data: dict) -> PermitSettings:
    """An authority sets its deadlines, document lists and category rule; audited field by field."""
    require(can(by, PermitPermission.SETTINGS_MANAGE, authority))
    current, _created = PermitSettings.objects.select_for_update().get_or_create(
        authority=authority
    )
    before = {name: getattr(current, name) for name in SETTINGS_FIELDS}
    for name in SETTINGS_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    current.full_clean()
    current.save()
    changes = field_changes(before, {name: getattr(current, name) for name in SETTINGS_FIELDS})
    if changes:
        audit_record(
            actor=by,
            action="permit_settings.update",
            obj=current,
            role=actor_role(by, country=authority.country_id),
            organisation=authority,
            changes=changes,
            country=authority.country_id,
        )
    return current
