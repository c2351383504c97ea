"""Patent fees: payment orders, their confirmation by an officer or by the payment gateway's
signed webhook (each event once)."""

import json
import secrets
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.cases import actor_role, require
from portal.lifecycle import DocumentStatus, InvalidTransition, reason_required
from portal.notifications import notify
from portal.policy import can

from .. import selectors
from ..cases import applicants
from ..models import Patent, PaymentOrder, PaymentWebhookEvent, PermitKind
from ..permissions import PermitPermission

ERROR_NO_FEE = _("No fee is set for this region; the authority must publish one first.")
ERROR_PAYMENT_MONTHS = _("Pay for between 1 and %(max)s months.")
ERROR_BEYOND_TERM = _("This payment would go beyond the patent's maximum term (until %(until)s).")
ERROR_PATENT_NOT_PAYABLE = _("Fees can be paid only for an active or lapsed patent.")
ERROR_ORDER_PENDING = _(
    "An order for this period is already waiting for payment: %(reference)s. Pay that one first."
)
ERROR_PAYMENT_NOT_PENDING = _("This payment order is not waiting for payment.")
D = DocumentStatus


def _payment_extension(patent: Patent, months: int, today: date) -> tuple[date, date, date, int]:
    """(covered_from, paid_until, period_start, paid_months) after paying `months` today.

    An unbroken run counts whole months from its first day, so 31 January + 1 month covers to
    27/28 February and + 2 months to 30 March (no drift across short months). A payment after a
    lapse starts a new run on the day of payment (or the patent's first day, if later).
    """
    if patent.paid_until is not None and patent.paid_until + timedelta(days=1) >= today:
        start, total = patent.paid_period_start, patent.paid_months + months
        covered_from = patent.paid_until + timedelta(days=1)
    else:
        start, total = max(today, patent.valid_from), months
        covered_from = start
    paid_until = min(selectors.months_end(start, total), patent.valid_until)
    return covered_from, paid_until, start, total


@transaction.atomic
def payment_order_create(*, patent: Patent, by, months: int) -> PaymentOrder:
    """The holder orders `months` of patent fees at the schedule's monthly rate.

    Only the holder: nobody else may put a debt in their name. Ordering is idempotent: while
    an order for the same period waits for payment, ordering the same months again returns
    it (a double tap, a retry, twenty parallel requests: one order), and ordering other
    months is refused with its reference. The patent's row lock serialises the requests; the
    partial unique constraint on pending orders holds even without it.
    """
    patent = (
        Patent.objects.select_for_update(of=("self",))
        .select_related("application", "authority")
        .get(pk=patent.pk)
    )
    require(can(by, PermitPermission.PAYMENT_ORDER, patent))
    today = timezone.localdate()
    if selectors.patent_effective_status(patent, today) not in (D.ACTIVE, selectors.LAPSED):
        raise ValidationError(ERROR_PATENT_NOT_PAYABLE)
    limit = selectors.permit_settings(authority=patent.authority).patent_max_months
    if not 1 <= months <= limit:
        raise ValidationError(ERROR_PAYMENT_MONTHS, params={"max": limit})
    covered_from, _until, start, total = _payment_extension(patent, months, today)
    pending = _pending_order(patent, covered_from, months)
    if pending is not None:
        return pending
    if (
        covered_from > patent.valid_until
        or selectors.months_end(start, total - 1) >= patent.valid_until
    ):
        raise ValidationError(
            ERROR_BEYOND_TERM, params={"until": patent.valid_until.strftime("%d.%m.%Y")}
        )
    fee = selectors.fee_for(
        authority=patent.authority,
        kind=PermitKind.PATENT,
        region_id=patent.region_id,
        on=today,
        nationality=patent.application.nationality_id,
    )
    if fee is None:
        raise ValidationError(ERROR_NO_FEE)
    try:
        with transaction.atomic():
            order = PaymentOrder.objects.create(
                reference="PAY-" + secrets.token_hex(6).upper(),
                patent=patent,
                months=months,
                amount=fee.amount * months,
                currency=fee.currency,
                created_by=by,
                period_from=covered_from,
            )
    except IntegrityError:
        pending = _pending_order(patent, covered_from, months)
        if pending is None:
            raise
        return pending
    audit_record(
        actor=by,
        action="payment_order.create",
        obj=order,
        role="holder",
        organisation=patent.authority,
        to_state=PaymentOrder.Status.PENDING,
        changes={
            "patent": [None, patent.number],
            "months": [None, months],
            "amount": [None, str(order.amount)],
            "currency": [None, order.currency],
        },
        country=patent.country_id,
    )
    return order


def _pending_order(patent: Patent, period_from: date, months: int) -> PaymentOrder | None:
    """The order already waiting for payment for this period, if it is for the same months;
    an order for other months is refused, naming the one to pay."""
    pending = PaymentOrder.objects.filter(
        patent=patent, period_from=period_from, status=PaymentOrder.Status.PENDING
    ).first()
    if pending is not None and pending.months != months:
        raise ValidationError(ERROR_ORDER_PENDING, params={"reference": pending.reference})
    return pending


def _payment_order_confirm(
    order: PaymentOrder,
    *,
    by,
    source: str,
    event_id: str | None = None,
    reason: str = "",
    request=None,
) -> PaymentOrder:
    """Mark a locked, pending order paid and extend its patent; one audit event."""
    patent = (
        Patent.objects.select_for_update(of=("self",))
        .select_related("authority")
        .get(pk=order.patent_id)
    )
    today = timezone.localdate()
    old_until = patent.paid_until
    covered_from, paid_until, start, total = _payment_extension(patent, order.months, today)
    patent.paid_period_start, patent.paid_months, patent.paid_until = start, total, paid_until
    patent.save(update_fields=["paid_period_start", "paid_months", "paid_until"])
    order.status = PaymentOrder.Status.CONFIRMED
    order.confirmed_at = timezone.now()
    order.confirmed_by = by if getattr(by, "is_authenticated", False) else None
    order.confirmation_source = source
    order.gateway_event_id = event_id
    order.covered_from, order.covered_until = covered_from, paid_until
    order.save()
    audit_record(
        actor=by or "payment gateway",
        action="payment_order.confirm",
        obj=order,
        role=actor_role(by, country=patent.country_id) if by else "gateway",
        organisation=patent.authority,
        from_state=PaymentOrder.Status.PENDING,
        to_state=PaymentOrder.Status.CONFIRMED,
        reason=reason,
        changes={
            "status": [PaymentOrder.Status.PENDING, PaymentOrder.Status.CONFIRMED],
            "source": [None, source],
            "gateway_event_id": [None, event_id],
            "patent_paid_until": [str(old_until) if old_until else None, str(paid_until)],
        },
        country=patent.country_id,
        request=request,
    )
    notify(
        event="payment_order.confirm",
        recipients=applicants(patent.application),
        context={
            "number": patent.number,
            "date": paid_until,
            "path": reverse("permits:application_detail", kwargs={"pk": patent.application_id}),
        },
    )
    return order


@transaction.atomic
def payment_order_confirm_manually(
    *, order: PaymentOrder, by, reason: str, request=None
) -> PaymentOrder:
    """An officer confirms a payment seen on the bank statement (reason required, audited)."""
    order = PaymentOrder.objects.select_for_update(of=("self",)).get(pk=order.pk)
    require(can(by, PermitPermission.PAYMENT_CONFIRM, order))
    reason = reason_required(reason)
    if order.status != PaymentOrder.Status.PENDING:
        raise InvalidTransition(ERROR_PAYMENT_NOT_PENDING)
    return _payment_order_confirm(
        order, by=by, source=PaymentOrder.Source.OFFICER, reason=reason, request=request
    )


# --- payment gateway webhook -----------------------------------------------------------------

WEBHOOK_OK = "confirmed"
WEBHOOK_DUPLICATE = "duplicate"
WEBHOOK_BAD_SIGNATURE = "bad_signature"
WEBHOOK_MALFORMED = "malformed"
WEBHOOK_UNKNOWN_REFERENCE = "unknown_reference"
WEBHOOK_AMOUNT_MISMATCH = "amount_mismatch"
WEBHOOK_NOT_PENDING = "not_pending"
WEBHOOK_IGNORED = "ignored"
WEBHOOK_NOT_CONFIGURED = "not_configured"


def webhook_secret() -> bytes | None:
    """KARAVAN_PAYMENT_WEBHOOK_SECRET, or None when it is not set.

    Never derived from anything else: a key derived from SECRET_KEY would be known to anyone
    who knows an instance's (default) development key, and would let them confirm payments.
    """
    secret = settings.KARAVAN_PAYMENT_WEBHOOK_SECRET
    return secret.encode() if secret else None


def webhook_signature(body: bytes) -> str:
    """The header value a gateway sends: "sha256=" + hex HMAC-SHA256 of the raw body."""
    import hashlib
    import hmac

    secret = webhook_secret()
    if secret is None:
        raise ImproperlyConfigured("KARAVAN_PAYMENT_WEBHOOK_SECRET is not set.")
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def payment_webhook_receive(*, body: bytes, signature: str) -> str:
    """Check the signature, then confirm the order the event names, once.

    Returns one of the WEBHOOK_* outcomes: WEBHOOK_NOT_CONFIGURED without a secret (nothing
    can be trusted then). A bad signature or a replayed event id changes nothing; every
    correctly signed event is recorded by its id.
    """
    import hmac

    if webhook_secret() is None:
        return WEBHOOK_NOT_CONFIGURED
    if not hmac.compare_digest(webhook_signature(body), (signature or "").strip()):
        return WEBHOOK_BAD_SIGNATURE
    return payment_gateway_event_apply(body=body)


def payment_gateway_event_apply(*, body: bytes) -> str:
    """Confirm the order a gateway event names, once, after its origin is established (the
    webhook's signature; the demo loader's own events)."""
    try:
        event = json.loads(body.decode("utf-8"))
        event_id = str(event["event_id"])[:100]
        reference = str(event["reference"])[:24]
        status = str(event.get("status", ""))
        amount = Decimal(str(event["amount"]))
        currency = str(event.get("currency", "")).upper()
    except (ValueError, KeyError, TypeError, ArithmeticError, AttributeError):
        return WEBHOOK_MALFORMED
    # A NUL is refused by PostgreSQL and NaN/Infinity compare as no amount: a signed event
    # carrying them is malformed, never a server error.
    if not amount.is_finite() or "\x00" in event_id + reference + status + currency:
        return WEBHOOK_MALFORMED
    try:
        with transaction.atomic():
            return _payment_webhook_apply(
                event_id=event_id,
                reference=reference,
                status=status,
                amount=amount,
                currency=currency,
            )
    except IntegrityError:
        return WEBHOOK_DUPLICATE  # the same event arrived twice at the same moment


def _payment_webhook_apply(*, event_id, reference, status, amount, currency) -> str:
    if PaymentWebhookEvent.objects.filter(event_id=event_id).exists():
        return WEBHOOK_DUPLICATE
    order = (
        PaymentOrder.objects.select_for_update(of=("self",))
        .filter(reference=reference)
        .order_by("pk")
        .first()
    )
    if order is None:
        outcome = WEBHOOK_UNKNOWN_REFERENCE
    elif status != "paid":
        outcome = WEBHOOK_IGNORED
    elif order.status != PaymentOrder.Status.PENDING:
        outcome = WEBHOOK_NOT_PENDING
    elif amount != order.amount or currency != order.currency:
        outcome = WEBHOOK_AMOUNT_MISMATCH
    else:
        outcome = WEBHOOK_OK
    PaymentWebhookEvent.objects.create(event_id=event_id, reference=reference, outcome=outcome)
    if outcome == WEBHOOK_OK:
        _payment_order_confirm(
            order, by=None, source=PaymentOrder.Source.GATEWAY, event_id=event_id
        )
    return outcome
