"""The payment webhook trusts only a configured secret (issue 17, finding 10): without
KARAVAN_PAYMENT_WEBHOOK_SECRET it answers 503 problem+json and confirms nothing — in particular
not an event signed with a key derived from the default development SECRET_KEY. It lives
outside the language prefixes: a wrong path there is a plain 404, not a redirect to /ru/."""

import hashlib
import hmac
import json
from datetime import date
from decimal import Decimal

import pytest

from licensing.permits import services
from licensing.permits.models import PaymentWebhookEvent
from portal.models import Region

from .conftest import under_review

pytestmark = pytest.mark.django_db
URL = "/payments/webhook/"


@pytest.fixture
def order(pm):
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
    patent = services.permit_application_approve(
        application=under_review(pm["worker"], pm["officer"], kind="PT"), by=pm["officer"]
    )
    return services.payment_order_create(patent=patent, by=pm["worker"], months=1)


def _paid(order) -> bytes:
    return json.dumps(
        {
            "event_id": "evt-forged",
            "reference": order.reference,
            "status": "paid",
            "amount": str(order.amount),
            "currency": order.currency,
        }
    ).encode()


def _signed(body: bytes, key: bytes) -> str:
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def test_without_a_secret_the_webhook_refuses_with_503_and_confirms_nothing(
    client, settings, order
):
    settings.KARAVAN_PAYMENT_WEBHOOK_SECRET = ""
    body = _paid(order)
    # What an attacker would sign with on an instance left on development settings.
    derived = hashlib.sha256(("karavan-payment-webhook:" + settings.SECRET_KEY).encode())
    for key in (derived.hexdigest().encode(), b""):
        response = client.post(
            URL,
            body,
            content_type="application/json",
            HTTP_X_KARAVAN_SIGNATURE=_signed(body, key),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 503
        assert response["Content-Type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == 503 and problem["code"] == "webhook_not_configured"
        assert "secret" in problem["detail"]
    order.refresh_from_db()
    assert order.status == "pending"
    assert not PaymentWebhookEvent.objects.exists()


def test_with_the_secret_only_its_signature_confirms(client, settings, order):
    settings.KARAVAN_PAYMENT_WEBHOOK_SECRET = "gateway-shared-secret-0123456789"
    body = _paid(order)
    wrong = client.post(
        URL,
        body,
        content_type="application/json",
        HTTP_X_KARAVAN_SIGNATURE=_signed(body, b"another-secret"),
    )
    assert wrong.status_code == 403
    right = client.post(
        URL,
        body,
        content_type="application/json",
        HTTP_X_KARAVAN_SIGNATURE=_signed(body, b"gateway-shared-secret-0123456789"),
    )
    assert right.status_code == 200 and right.json() == {"outcome": "confirmed"}


@pytest.mark.parametrize("path", ["/payments/webhook/x/", "/payments/", "/payments/hook"])
def test_a_wrong_path_under_the_webhook_is_a_plain_404(client, path):
    for response in (client.get(path), client.post(path, b"{}", content_type="application/json")):
        assert response.status_code == 404
        assert "Location" not in response


def test_the_webhook_has_no_language_prefixed_twin(client, order):
    body = _paid(order)
    response = client.post(
        "/ru/permits/payments/webhook/",
        body,
        content_type="application/json",
        HTTP_X_KARAVAN_SIGNATURE=services.webhook_signature(body),
    )
    assert response.status_code in (404, 405)
    order.refresh_from_db()
    assert order.status == "pending"
