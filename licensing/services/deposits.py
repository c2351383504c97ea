"""Guarantee deposits: officers record top-ups and workers' claims, decide the claims, and a
paid claim that leaves the balance below the country's rule suspends the licence (through
`licence_suspend`). Every change is idempotent (a submission key or the claim's status, under a
row lock) and writes an audit event. Amounts are Decimal."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.cases import actor_role, require
from portal.lifecycle import DocumentStatus, reason_required
from portal.policy import can

from ..models import Deposit, DepositClaim, DepositRule, DepositTopUp, Licence
from ..permissions import LicensingPermission as P
from .licences import licence_suspend

ERROR_AMOUNT = _("Enter an amount greater than zero.")
ERROR_CLAIM_DECIDED = _("This claim has already been decided.")
REASON_BELOW_RULE = _("The guarantee deposit is below the required amount.")


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(ERROR_AMOUNT) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError(ERROR_AMOUNT)
    return amount


def deposit_rule_for(licence: Licence) -> DepositRule | None:
    """The rule of the licence's country (None: the country requires no deposit)."""
    return DepositRule.objects.filter(country_id=licence.country_id).first()


def deposit_is_complete(licence: Licence) -> bool | None:
    """True when the deposit holds at least the rule's amount; None when no rule applies."""
    rule = deposit_rule_for(licence)
    if rule is None:
        return None
    deposit = Deposit.objects.filter(licence=licence).first()
    return deposit is not None and deposit.balance >= rule.amount


def _audit(obj, *, by, licence, action, changes, reason=""):
    audit_record(
        actor=by,
        action=action,
        obj=obj,
        role=actor_role(by, licence),
        organisation=licence.agency,
        reason=reason,
        changes=changes,
        country=licence.country_id,
    )


def _deposit_locked(licence: Licence, by) -> Deposit:
    """The licence's deposit, locked (created empty in the rule's currency if missing)."""
    require(can(by, P.LICENCE_MANAGE, licence))
    rule = deposit_rule_for(licence)
    deposit, _created = Deposit.objects.get_or_create(
        licence=licence, defaults={"currency": rule.currency if rule else ""}
    )
    return Deposit.objects.select_for_update().get(pk=deposit.pk)


@transaction.atomic
def deposit_top_up(*, licence: Licence, by, amount, submission_key) -> DepositTopUp:
    """Record money paid into the licence's deposit; the same key records it once."""
    amount = _amount(amount)
    deposit = _deposit_locked(licence, by)
    existing = DepositTopUp.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    old = deposit.balance
    deposit.balance = old + amount
    deposit.save(update_fields=["balance"])
    top_up = DepositTopUp.objects.create(
        deposit=deposit, amount=amount, recorded_by=by, submission_key=submission_key
    )
    _audit(
        deposit,
        by=by,
        licence=licence,
        action="deposit.top_up",
        changes={"balance": [str(old), str(deposit.balance)]},
    )
    return top_up


@transaction.atomic
def deposit_claim_record(
    *, licence: Licence, by, kind: str, claimant: str, amount, submission_key
) -> DepositClaim:
    """Record a worker's claim on the deposit (pending until an officer decides it)."""
    amount = _amount(amount)
    deposit = _deposit_locked(licence, by)
    existing = DepositClaim.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    claim = DepositClaim(
        deposit=deposit,
        kind=kind,
        claimant=claimant.strip(),
        amount=amount,
        recorded_by=by,
        submission_key=submission_key,
    )
    claim.full_clean()
    claim.save()
    _audit(
        claim,
        by=by,
        licence=licence,
        action="deposit.claim_record",
        changes={"kind": [None, kind], "amount": [None, str(amount)]},
    )
    return claim


def _claim_locked(claim: DepositClaim, by) -> tuple[DepositClaim, Licence]:
    licence = claim.deposit.licence
    require(can(by, P.LICENCE_MANAGE, licence))
    claim = DepositClaim.objects.select_for_update().get(pk=claim.pk)
    return claim, licence


@transaction.atomic
def deposit_claim_pay(*, claim: DepositClaim, by) -> DepositClaim:
    """Approve a claim and pay it from the deposit, once: a second submission finds it paid.
    If the balance then falls below the rule, the active licence is suspended."""
    claim, licence = _claim_locked(claim, by)
    if claim.status == DepositClaim.Status.PAID:
        return claim
    if claim.status != DepositClaim.Status.PENDING:
        raise ValidationError(ERROR_CLAIM_DECIDED)
    deposit = _deposit_locked(licence, by)
    old = deposit.balance
    deposit.balance = old - claim.amount
    deposit.save(update_fields=["balance"])
    claim.status = DepositClaim.Status.PAID
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "decided_by", "decided_at"])
    _audit(
        claim,
        by=by,
        licence=licence,
        action="deposit.claim_pay",
        changes={"status": ["pending", "paid"], "balance": [str(old), str(deposit.balance)]},
    )
    rule = deposit_rule_for(licence)
    licence.refresh_from_db()
    if rule and deposit.balance < rule.amount and licence.status == DocumentStatus.ACTIVE:
        licence_suspend(licence=licence, by=by, reason=str(REASON_BELOW_RULE))
    return claim


@transaction.atomic
def deposit_claim_refuse(*, claim: DepositClaim, by, reason: str) -> DepositClaim:
    """Refuse a claim with a reason; nothing is paid."""
    claim, licence = _claim_locked(claim, by)
    if claim.status != DepositClaim.Status.PENDING:
        raise ValidationError(ERROR_CLAIM_DECIDED)
    claim.reason = reason_required(reason)
    claim.status = DepositClaim.Status.REFUSED
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    _audit(
        claim,
        by=by,
        licence=licence,
        action="deposit.claim_refuse",
        reason=claim.reason,
        changes={"status": ["pending", "refused"]},
    )
    return claim
