"""Gapless numbering per (country, kind, year) and the shared verification mechanism."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from portal.numbering import NumberSequence, number_allocate
from portal.verification import VerificationResult, register_resolver, verify_number
from tests.conftest import requires_postgres


@pytest.mark.django_db
def test_numbers_are_per_country_kind_and_year_and_rollback_leaves_no_gap():
    with transaction.atomic():
        assert number_allocate(country="KZ", kind="TST", year=2026) == "KZ-TST-2026-000001"
        assert number_allocate(country="KZ", kind="TST", year=2026) == "KZ-TST-2026-000002"
        assert number_allocate(country="KG", kind="TST", year=2026) == "KG-TST-2026-000001"
        assert number_allocate(country="KZ", kind="TST", year=2027) == "KZ-TST-2027-000001"
    with pytest.raises(RuntimeError), transaction.atomic():
        number_allocate(country="KZ", kind="TST", year=2026)
        raise RuntimeError("approval failed later in the transaction")
    with transaction.atomic():
        assert number_allocate(country="KZ", kind="TST", year=2026) == "KZ-TST-2026-000003"


@pytest.mark.django_db(transaction=True)
def test_allocation_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        number_allocate(country="KZ", kind="TST", year=2026)


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_allocations_are_unique_and_gapless():
    results, errors = [], []
    barrier = threading.Barrier(20)

    def worker():
        try:
            barrier.wait()
            with transaction.atomic():
                results.append(number_allocate(country="UZ", kind="CON", year=2026))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == [f"UZ-CON-2026-{i:06d}" for i in range(1, 21)]
    assert NumberSequence.objects.get(country="UZ", kind="CON", year=2026).last == 20


@register_resolver("TST")
def _resolve_test(number):
    if number.endswith("000001"):
        return VerificationResult(
            number=number,
            kind_label="Test",
            status="active",
            status_label="Active",
            holder="A. B.",
            issuer="Test authority",
            valid_until=date(2027, 1, 1),
        )
    return None


@pytest.mark.django_db
def test_verify_page_without_login(client):
    assert verify_number(" kz-tst-2026-000001 ").holder == "A. B."
    ok = client.get("/en/verify/KZ-TST-2026-000001/")
    assert ok.status_code == 200 and "Test authority" in ok.content.decode()
    redirect = client.get("/en/verify/", {"number": "kz-tst-2026-000001"})
    assert redirect["Location"] == "/en/verify/KZ-TST-2026-000001/"


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["KZ-TST-2026-000002", "NONSENSE", "KZ-XXX-2026-000001"])
def test_unknown_numbers_get_a_clear_not_valid_page_with_a_report_link(client, number):
    response = client.get(f"/en/verify/{number}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "This number is not valid" in html
    assert "/en/complaints/new/" in html
