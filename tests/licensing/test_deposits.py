"""Guarantee deposits: the rule per country, top-ups, a claim paid once on a double submit,
suspension when the balance falls below the rule, and the registry showing completeness."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from licensing import services
from licensing.models import Deposit, DepositClaim, DepositRule
from portal.models import AuditEvent

from .factories import issued_licence

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(lic):
    DepositRule.objects.create(country_id="KZ", amount=Decimal("1000000.00"), currency="KZT")
    return issued_licence(lic)


def test_rule_and_top_up_is_recorded_once(lic, licence):
    assert services.deposit_is_complete(licence) is False
    key = uuid.uuid4()
    for _ in range(2):
        services.deposit_top_up(
            licence=licence, by=lic["officer"], amount="600000", submission_key=key
        )
    assert Deposit.objects.get(licence=licence).balance == Decimal("600000.00")
    assert services.deposit_is_complete(licence) is False
    services.deposit_top_up(
        licence=licence, by=lic["officer"], amount=Decimal("400000"), submission_key=uuid.uuid4()
    )
    deposit = Deposit.objects.get(licence=licence)
    assert deposit.balance == Decimal("1000000.00") and deposit.currency == "KZT"
    assert services.deposit_is_complete(licence) is True
    assert AuditEvent.objects.filter(action="deposit.top_up").count() == 2


def test_top_up_checks_owner_and_amount(lic, licence):
    with pytest.raises(PermissionDenied):
        services.deposit_top_up(
            licence=licence, by=lic["kg_officer"], amount="1", submission_key=uuid.uuid4()
        )
    with pytest.raises(PermissionDenied):
        services.deposit_top_up(
            licence=licence, by=lic["kz_admin"], amount="1", submission_key=uuid.uuid4()
        )
    for bad in ("0", "-5", "abc", "NaN"):
        with pytest.raises(ValidationError):
            services.deposit_top_up(
                licence=licence, by=lic["officer"], amount=bad, submission_key=uuid.uuid4()
            )


def test_claim_paid_once_and_suspends_below_rule(lic, licence):
    services.deposit_top_up(
        licence=licence, by=lic["officer"], amount="1000000", submission_key=uuid.uuid4()
    )
    key = uuid.uuid4()
    claim = services.deposit_claim_record(
        licence=licence,
        by=lic["officer"],
        kind="illegal_fee",
        claimant="A. Worker",
        amount="150000",
        submission_key=key,
    )
    again = services.deposit_claim_record(
        licence=licence,
        by=lic["officer"],
        kind="illegal_fee",
        claimant="A. Worker",
        amount="150000",
        submission_key=key,
    )
    assert again.pk == claim.pk and DepositClaim.objects.count() == 1
    with pytest.raises(PermissionDenied):
        services.deposit_claim_pay(claim=claim, by=lic["kg_officer"])
    services.deposit_claim_pay(claim=claim, by=lic["officer"])
    services.deposit_claim_pay(claim=claim, by=lic["officer"])  # double submit
    assert Deposit.objects.get(licence=licence).balance == Decimal("850000.00")
    assert AuditEvent.objects.filter(action="deposit.claim_pay").count() == 1
    licence.refresh_from_db()
    assert licence.status == "suspended"
    assert AuditEvent.objects.filter(action="licence.suspend").count() == 1
    with pytest.raises(ValidationError):
        services.deposit_claim_refuse(claim=claim, by=lic["officer"], reason="late")


def test_refused_claim_pays_nothing(lic, licence):
    services.deposit_top_up(
        licence=licence, by=lic["officer"], amount="1000000", submission_key=uuid.uuid4()
    )
    claim = services.deposit_claim_record(
        licence=licence,
        by=lic["officer"],
        kind="repatriation",
        claimant="B. Worker",
        amount="50000",
        submission_key=uuid.uuid4(),
    )
    services.deposit_claim_refuse(claim=claim, by=lic["officer"], reason="No evidence")
    with pytest.raises(ValidationError):
        services.deposit_claim_pay(claim=claim, by=lic["officer"])
    assert Deposit.objects.get(licence=licence).balance == Decimal("1000000.00")
    licence.refresh_from_db()
    assert licence.status == "active"


def test_registry_shows_deposit_completeness(client, lic, licence):
    url = f"/en/registry/{lic['kz_agency'].pk}/"
    assert "Deposit: incomplete" in client.get(url).content.decode()
    services.deposit_top_up(
        licence=licence, by=lic["officer"], amount="1000000", submission_key=uuid.uuid4()
    )
    assert "Deposit: complete" in client.get(url).content.decode()


def test_back_office_lists_deposits_and_claims_in_jurisdiction(client, lic, licence, give_totp_to):
    services.deposit_top_up(
        licence=licence, by=lic["officer"], amount="1000", submission_key=uuid.uuid4()
    )
    services.deposit_claim_record(
        licence=licence,
        by=lic["officer"],
        kind="repatriation",
        claimant="C. Worker",
        amount="10",
        submission_key=uuid.uuid4(),
    )
    give_totp_to(lic["officer"], lic["kg_officer"])
    client.force_login(lic["officer"])
    page = client.get("/admin/licensing/deposits/")
    assert page.status_code == 200 and licence.number in page.content.decode()
    assert client.get("/admin/licensing/deposit-claims/").status_code == 200
    client.force_login(lic["kg_officer"])
    page = client.get("/admin/licensing/deposits/")
    assert licence.number not in page.content.decode()


def test_demo_deposits_are_complete_and_idempotent(lic):
    from licensing.demo import _demo_deposits

    licence = issued_licence(lic)
    _demo_deposits({"KZ": lic["officer"]})
    _demo_deposits({"KZ": lic["officer"]})
    assert DepositRule.objects.count() == 4
    assert Deposit.objects.get(licence=licence).balance == Decimal("1000000.00")
    assert services.deposit_is_complete(licence) is True
    assert AuditEvent.objects.filter(action="deposit.top_up").count() == 1
