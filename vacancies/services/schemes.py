"""Bilateral schemes and regional minimum wages (back office reference data, audited)."""

from django.db import transaction

from portal.audit import audit_record, field_changes
from portal.cases import require
from portal.policy import can

from ..permissions import VacancyPermission


def _reference_snapshot(obj, names) -> dict:
    return {name: getattr(obj, obj._meta.get_field(name).attname) for name in names}


SCHEME_FIELDS = [
    "name",
    "origin_country",
    "destination_country",
    "vetting_country",
    "legal_basis",
    "season_start_month",
    "season_end_month",
    "max_stay_months",
    "reentry_priority",
    "return_grace_days",
    "quota_reference",
    "is_active",
]
MINIMUM_WAGE_FIELDS = ["country", "region", "monthly_amount", "currency", "valid_from", "source"]


@transaction.atomic
def scheme_save(*, scheme, by, sectors=None):
    """Create or change a bilateral scheme (authority administrators and senior officers)."""
    require(can(by, VacancyPermission.SCHEME_MANAGE, scheme))
    from ..models import Scheme

    before = (
        _reference_snapshot(Scheme.objects.select_for_update().get(pk=scheme.pk), SCHEME_FIELDS)
        if scheme.pk
        else {}
    )
    if scheme.pk:
        before["sectors"] = sorted(scheme.sectors.values_list("pk", flat=True))
    scheme.full_clean()
    scheme.save()
    if sectors is not None:
        scheme.sectors.set(sectors)
    after = _reference_snapshot(scheme, SCHEME_FIELDS)
    after["sectors"] = sorted(scheme.sectors.values_list("pk", flat=True))
    audit_record(
        actor=by,
        action="scheme.update" if before else "scheme.create",
        obj=scheme,
        changes=field_changes(before, after),
        country=scheme.vetting_country_id,
    )
    return scheme


@transaction.atomic
def minimum_wage_save(*, wage, by):
    """Record a regional (or national) minimum wage used by vetting."""
    require(can(by, VacancyPermission.MINIMUM_WAGE_MANAGE, wage))
    from ..models import RegionalMinimumWage

    before = (
        _reference_snapshot(
            RegionalMinimumWage.objects.select_for_update().get(pk=wage.pk), MINIMUM_WAGE_FIELDS
        )
        if wage.pk
        else {}
    )
    wage.currency = wage.currency.upper()
    wage.full_clean()
    wage.save()
    audit_record(
        actor=by,
        action="minimum_wage.update" if before else "minimum_wage.create",
        obj=wage,
        changes=field_changes(before, _reference_snapshot(wage, MINIMUM_WAGE_FIELDS)),
        country=wage.country_id,
    )
    return wage
