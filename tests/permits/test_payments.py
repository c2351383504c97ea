"""Patent fees: fee schedules, payment orders, validity extended by the months paid (across
month ends), the signed webhook (replays and bad signatures change nothing), manual confirmation."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from licensing.permits import selectors, services
from licensing.permits.models import Patent, PaymentWebhookEvent
from portal.models import AuditEvent, Region

from .conftest import under_review

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 27)),
        (date(2026, 1, 31), 2, date(2026, 3, 30)),
        (date(2028, 1, 31), 1, date(2028, 2, 28)),  # leap year
        (date(2026, 1, 15), 1, date(2026, 2, 14)),
        (date(2026, 11, 30), 3, date(2027, 2, 27)),  # across the year end
        (date(2026, 12, 1), 12, date(2027, 11, 30)),
    ],
)
def test_months_end(start, months, end):
    assert selectors.months_end(start, months) == end


@pytest.fixture
def patent(pm):
    services.fee_schedule_set(
        by=pm["senior_officer"],
        authority=pm["kz_authority"],
        kind="PT",
        amount=Decimal("14000.00"),
        currency="KZT",
        effective_from=date(2025, 1, 1),
        region=Region.objects.get(pk="KZ-75"),
        reason="Budget law",
    )
    application = under_review(pm["worker"], pm["officer"], kind="PT")
    return services.permit_application_approve(application=application, by=pm["officer"])


def _pay(patent, by, months, today):
    """Create and confirm an order as the gateway would, on `today`."""
    order = services.payment_order_create(patent=patent, by=by, months=months)
    body = json.dumps(
        {
            "event_id": f"evt-{order.reference}",
            "reference": order.reference,
            "status": "paid",
            "amount": str(order.amount),
            "currency": order.currency,
        }
    ).encode()
    assert (
        services.payment_webhook_receive(body=body, signature=services.webhook_signature(body))
        == services.WEBHOOK_OK
    )
    patent.refresh_from_db()
    order.refresh_from_db()
    return order, body


def _at(monkeypatch, day: date):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)


def test_new_patent_is_lapsed_until_paid_and_payment_uses_the_fee_schedule(pm, patent):
    assert isinstance(patent, Patent)
    assert patent.number.startswith("KZ-PT-")
    assert selectors.patent_effective_status(patent) == selectors.LAPSED
    order = services.payment_order_create(patent=patent, by=pm["worker"], months=3)
    assert (order.amount, order.currency) == (Decimal("42000.00"), "KZT")


def test_payments_extend_validity_across_month_ends(pm, patent, monkeypatch):
    Patent.objects.filter(pk=patent.pk).update(
        valid_from=date(2026, 1, 31), valid_until=date(2027, 1, 30)
    )
    patent.refresh_from_db()
    _at(monkeypatch, date(2026, 1, 31))
    _pay(patent, pm["worker"], 1, None)
    assert (patent.paid_period_start, patent.paid_until) == (date(2026, 1, 31), date(2026, 2, 27))
    assert selectors.patent_effective_status(patent, date(2026, 2, 27)) == "active"
    assert selectors.patent_effective_status(patent, date(2026, 2, 28)) == selectors.LAPSED
    _at(monkeypatch, date(2026, 2, 20))  # paid before the end: the run continues, no drift
    order, _body = _pay(patent, pm["worker"], 2, None)
    assert patent.paid_until == date(2026, 4, 29)
    assert (order.covered_from, order.covered_until) == (date(2026, 2, 28), date(2026, 4, 29))
    _at(monkeypatch, date(2026, 6, 10))  # after a lapse a new run starts on the day of payment
    _pay(patent, pm["worker"], 1, None)
    assert (patent.paid_period_start, patent.paid_until) == (date(2026, 6, 10), date(2026, 7, 9))


def test_payment_never_goes_beyond_the_maximum_term(pm, patent):
    with pytest.raises(ValidationError) as exc:
        services.payment_order_create(patent=patent, by=pm["worker"], months=13)
    assert "12" in " ".join(exc.value.messages)
    _pay(patent, pm["worker"], 12, None)
    assert patent.paid_until == patent.valid_until
    with pytest.raises(ValidationError) as exc:
        services.payment_order_create(patent=patent, by=pm["worker"], months=1)
    assert "maximum term" in " ".join(exc.value.messages)


def test_replayed_webhook_changes_nothing(pm, patent):
    order, body = _pay(patent, pm["worker"], 1, None)
    paid_until, events = patent.paid_until, AuditEvent.objects.count()
    assert (
        services.payment_webhook_receive(body=body, signature=services.webhook_signature(body))
        == services.WEBHOOK_DUPLICATE
    )
    # The same order confirmed again under a new event id changes nothing either.
    again = body.replace(b"evt-", b"evt2-")
    assert (
        services.payment_webhook_receive(body=again, signature=services.webhook_signature(again))
        == services.WEBHOOK_NOT_PENDING
    )
    patent.refresh_from_db()
    assert patent.paid_until == paid_until and patent.paid_months == 1
    assert AuditEvent.objects.count() == events
    assert PaymentWebhookEvent.objects.filter(outcome="confirmed").count() == 1


@pytest.mark.parametrize("signature", ["", "sha256=" + "0" * 64, "md5=abc"])
def test_badly_signed_webhook_changes_nothing(pm, patent, signature):
    order = services.payment_order_create(patent=patent, by=pm["worker"], months=1)
    body = json.dumps(
        {
            "event_id": "evt-x",
            "reference": order.reference,
            "status": "paid",
            "amount": str(order.amount),
            "currency": "KZT",
        }
    ).encode()
    assert (
        services.payment_webhook_receive(body=body, signature=signature)
        == services.WEBHOOK_BAD_SIGNATURE
    )
    tampered = body.replace(b"14000", b"1")
    assert (
        services.payment_webhook_receive(body=tampered, signature=services.webhook_signature(body))
        == services.WEBHOOK_BAD_SIGNATURE
    )
    order.refresh_from_db()
    patent.refresh_from_db()
    assert order.status == "pending" and patent.paid_until is None
    assert not PaymentWebhookEvent.objects.exists()


def test_wrong_amount_is_recorded_but_not_confirmed(pm, patent):
    order = services.payment_order_create(patent=patent, by=pm["worker"], months=1)
    body = json.dumps(
        {
            "event_id": "evt-y",
            "reference": order.reference,
            "status": "paid",
            "amount": "1.00",
            "currency": "KZT",
        }
    ).encode()
    assert (
        services.payment_webhook_receive(body=body, signature=services.webhook_signature(body))
        == services.WEBHOOK_AMOUNT_MISMATCH
    )
    order.refresh_from_db()
    assert order.status == "pending"


def test_webhook_endpoint(client, pm, patent):
    order = services.payment_order_create(patent=patent, by=pm["worker"], months=1)
    body = json.dumps(
        {
            "event_id": "evt-z",
            "reference": order.reference,
            "status": "paid",
            "amount": str(order.amount),
            "currency": "KZT",
        }
    ).encode()
    url = "/payments/webhook/"  # the fixed address gateways are given
    bad = client.post(
        url, body, content_type="application/json", HTTP_X_KARAVAN_SIGNATURE="sha256=00"
    )
    assert bad.status_code == 403
    ok = client.post(
        url,
        body,
        content_type="application/json",
        HTTP_X_KARAVAN_SIGNATURE=services.webhook_signature(body),
    )
    assert ok.status_code == 200 and ok.json() == {"outcome": "confirmed"}
    replay = client.post(
        url,
        body,
        content_type="application/json",
        HTTP_X_KARAVAN_SIGNATURE=services.webhook_signature(body),
    )
    assert replay.json() == {"outcome": "duplicate"}


@pytest.mark.parametrize(
    "field, value",
    [
        ("amount", "NaN"),
        ("amount", "sNaN"),
        ("amount", "Infinity"),
        ("event_id", "evt\x00"),
        ("reference", "KZ\x00"),
        ("status", "pa\x00id"),
    ],
)
def test_a_signed_event_with_nonsense_values_is_refused_not_a_server_error(
    client, pm, patent, field, value
):
    order = services.payment_order_create(patent=patent, by=pm["worker"], months=1)
    event = {
        "event_id": "evt-n",
        "reference": order.reference,
        "status": "paid",
        "amount": str(order.amount),
        "currency": "KZT",
        field: value,
    }
    body = json.dumps(event).encode()
    response = client.post(
        "/payments/webhook/",
        body,
        content_type="application/json",
        HTTP_X_KARAVAN_SIGNATURE=services.webhook_signature(body),
    )
    assert response.status_code == 400 and response.json() == {"outcome": "malformed"}
    order.refresh_from_db()
    assert order.status == "pending" and not PaymentWebhookEvent.objects.exists()


def test_officer_confirms_manually_with_a_reason_and_an_audit_event(pm, patent):
    order = services.payment_order_create(patent=patent, by=pm["worker"], months=2)
    with pytest.raises(PermissionDenied):
        services.payment_order_confirm_manually(order=order, by=pm["kg_officer"], reason="bank")
    services.payment_order_confirm_manually(
        order=order, by=pm["officer"], reason="Bank statement 2026-11-30 line 14"
    )
    order.refresh_from_db()
    patent.refresh_from_db()
    assert order.status == "confirmed" and order.confirmation_source == "officer"
    assert order.confirmed_by == pm["officer"]
    assert patent.paid_until == selectors.months_end(timezone.localdate(), 2)
    event = AuditEvent.objects.get(action="payment_order.confirm")
    assert event.actor == pm["officer"] and event.to_state == "confirmed"
    assert event.changes["source"] == [None, "officer"]
    with pytest.raises(Exception):  # noqa: B017 - confirmed once only
        services.payment_order_confirm_manually(order=order, by=pm["officer2"], reason="again")


def test_fee_schedule_replaces_the_previous_fee_and_is_audited(pm):
    today = timezone.localdate()
    old = services.fee_schedule_set(
        by=pm["senior_officer"],
        authority=pm["kz_authority"],
        kind="WP",
        amount=Decimal("20000"),
        currency="kzt",
        effective_from=today - timedelta(days=100),
    )
    new = services.fee_schedule_set(
        by=pm["senior_officer"],
        authority=pm["kz_authority"],
        kind="WP",
        amount=Decimal("25000"),
        currency="KZT",
        effective_from=today + timedelta(days=10),
        reason="Indexation",
    )
    old.refresh_from_db()
    assert old.effective_until == today + timedelta(days=9)
    assert selectors.fee_for(authority=pm["kz_authority"], kind="WP", region_id="KZ-75") == old
    assert (
        selectors.fee_for(
            authority=pm["kz_authority"],
            kind="WP",
            region_id="KZ-75",
            on=today + timedelta(days=10),
        )
        == new
    )
    assert AuditEvent.objects.filter(action="fee_schedule.set").count() == 2
    with pytest.raises(PermissionDenied):
        services.fee_schedule_set(
            by=pm["officer"],
            authority=pm["kz_authority"],
            kind="WP",
            amount=Decimal("1"),
            currency="KZT",
            effective_from=today,
        )
