"""Payment orders move money: only the patent's holder orders them, and ordering is idempotent
(a repeat, or twenty parallel requests, give one order per patent and period)."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client

from licensing.permits import services
from licensing.permits.models import PaymentOrder
from portal.models import AuditEvent, Region, User
from tests.conftest import give_totp, requires_postgres
from tests.permits.test_quotas import flushable_audit_log  # noqa: F401 - a fixture

from .conftest import under_review


def _patent(pm):
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


@pytest.fixture
def patent(pm):
    return _patent(pm)


def _pay_url(patent):
    return f"/en/permits/patent/{patent.number}/pay/"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["officer", "senior_officer", "agency_admin", "superuser"])
def test_only_the_holder_may_order_fees(pm, patent, who):
    user = (
        User.objects.create_superuser(email="root@example.org", password="x" * 12)
        if who == "superuser"
        else pm[who]
    )
    with pytest.raises(PermissionDenied):
        services.payment_order_create(patent=patent, by=user, months=1)
    assert not PaymentOrder.objects.exists()


@pytest.mark.django_db
def test_an_officer_posting_the_pay_form_is_refused_and_nothing_is_created(client, pm, patent):
    officer = pm["officer"]
    give_totp(officer)
    client.force_login(officer)
    page = client.get(_pay_url(patent))
    assert page.status_code == 200 and 'name="months"' not in page.content.decode()
    response = client.post(_pay_url(patent), {"months": "1"})
    assert response.status_code == 403
    assert "holder can order its fees" in response.content.decode()
    assert not PaymentOrder.objects.exists()
    assert not AuditEvent.objects.filter(action="payment_order.create").exists()


@pytest.mark.django_db
def test_ordering_again_returns_the_pending_order_of_the_period(client, pm, patent):
    first = services.payment_order_create(patent=patent, by=pm["worker"], months=1)
    assert services.payment_order_create(patent=patent, by=pm["worker"], months=1) == first
    assert AuditEvent.objects.filter(action="payment_order.create").count() == 1
    with pytest.raises(ValidationError) as exc:  # other months: pay the waiting order first
        services.payment_order_create(patent=patent, by=pm["worker"], months=2)
    assert first.reference in " ".join(exc.value.messages)
    client.force_login(pm["worker"])
    again = client.post(_pay_url(patent), {"months": "1"})
    assert again.status_code == 302 and again["Location"].endswith(f"/{first.reference}/")
    assert PaymentOrder.objects.count() == 1
    # Once paid, the next period can be ordered.
    services.payment_order_confirm_manually(order=first, by=pm["officer"], reason="Bank line 3")
    second = services.payment_order_create(patent=patent, by=pm["worker"], months=2)
    first.refresh_from_db()
    assert second.period_from == first.covered_until + timedelta(days=1)
    assert PaymentOrder.objects.count() == 2


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_identical_orders_give_one(flushable_audit_log, orgs, people):  # noqa: F811
    patent = _patent({**orgs, **people})
    barrier = threading.Barrier(20)
    locations, errors = [], []

    def post():
        try:
            client = Client()
            client.force_login(people["worker"])
            barrier.wait()
            response = client.post(_pay_url(patent), {"months": "1"})
            locations.append((response.status_code, response.get("Location")))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    order = PaymentOrder.objects.get()
    assert set(locations) == {(302, f"/en/permits/payment/{order.reference}/")}
    assert AuditEvent.objects.filter(action="payment_order.create").count() == 1
