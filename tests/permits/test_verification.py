"""Public verification of work permits and patents in every state: status, category, region,
validity, initials, nationality and birth year — nothing more, and beyond the status only with
the check code (tests/permits/test_verification_check_code.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from licensing.permits import services
from licensing.permits.models import Patent, WorkPermit
from portal.verification import check_code
from portal.verification import verify_number as verify_by_number_alone

from .conftest import under_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def permit(pm):
    return services.permit_application_approve(
        application=under_review(pm["worker"], pm["officer"]), by=pm["officer"]
    )


@pytest.fixture
def patent(pm):
    from tests.conftest import make_user

    return services.permit_application_approve(
        application=under_review(make_user("lab@example.org"), pm["officer"], kind="PT"),
        by=pm["officer"],
    )


def verify_number(number):
    """The check with the code printed on the document (what its QR code opens)."""
    return verify_by_number_alone(number, check_code(number))


def _page(client, number):
    response = client.get(f"/en/verify/{number}/", {"code": check_code(number)})
    return response.status_code, response.content.decode()


def test_active_work_permit_shows_only_public_facts(client, permit):
    status, html = _page(client, permit.number)
    assert status == 200
    assert "F. R." in html and "Highly skilled" in html and "Almaty" in html
    assert "Tajikistan" in html and "1994" in html
    assert "Firuz" not in html and "Rahimov" not in html and "1994-03-08" not in html
    assert "08.03.1994" not in html and "Astana Build Group" not in html
    result = verify_number(permit.number)
    assert result.status == "active" and result.holder == "F. R."
    assert {label for label, _v in result.facts} == {
        "Category",
        "Region of work",
        "Nationality",
        "Year of birth",
    }


@pytest.mark.parametrize(
    ("action", "expected"),
    [("work_permit_suspend", "suspended"), ("work_permit_revoke", "revoked")],
)
def test_work_permit_suspended_and_revoked(pm, permit, action, expected):
    getattr(services, action)(permit=permit, by=pm["officer"], reason="Employer closed")
    result = verify_number(permit.number)
    assert result.status == expected and ("Reason", "Employer closed") in result.facts
    assert not result.is_valid


def test_work_permit_expired(permit):
    WorkPermit.objects.filter(pk=permit.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    assert verify_number(permit.number).status == "expired"


def test_patent_lapsed_active_revoked_expired(client, pm, patent):
    assert verify_number(patent.number).status == "lapsed"
    status, html = _page(client, patent.number)
    assert status == 200 and "Lapsed" in html and "Low skilled" in html
    today = timezone.localdate()
    Patent.objects.filter(pk=patent.pk).update(
        paid_period_start=today, paid_months=1, paid_until=today + timedelta(days=20)
    )
    result = verify_number(patent.number)
    assert result.status == "active" and result.valid_until == today + timedelta(days=20)
    Patent.objects.filter(pk=patent.pk).update(paid_until=today - timedelta(days=1))
    assert verify_number(patent.number).status == "lapsed"
    Patent.objects.filter(pk=patent.pk).update(valid_until=today - timedelta(days=1))
    assert verify_number(patent.number).status == "expired"
    Patent.objects.filter(pk=patent.pk).update(valid_until=today + timedelta(days=200))
    patent.refresh_from_db()
    services.patent_suspend(patent=patent, by=pm["officer"], reason="Inspection")
    assert verify_number(patent.number).status == "suspended"
    services.patent_revoke(patent=patent, by=pm["officer"], reason="Forged medical certificate")
    assert verify_number(patent.number).status == "revoked"


def test_unknown_numbers_are_not_valid(client):
    assert _page(client, "KZ-WP-2026-999999")[0] == 404
    assert _page(client, "KZ-PT-2026-999999")[0] == 404
