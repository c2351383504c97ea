"""Officers vet job orders in the Wagtail admin, scoped to their vetting country; schemes and
minimum wages are kept there too."""

import pytest

from portal.models import AuditEvent
from tests.conftest import give_totp
from vacancies.models import RegionalMinimumWage, Scheme

from .factories import draft_job_order, under_review

pytestmark = pytest.mark.django_db
BASE = "/admin/vacancies/vetting"


@pytest.fixture
def officer_client(client, v):
    from wagtail.users.models import UserProfile

    for user in (v["officer"], v["kg_officer"], v["authority_admin"]):
        give_totp(user)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"  # the admin speaks the officer's language
        profile.save()
    client.force_login(v["officer"])
    return client


def _submitted(v, **overrides):
    from vacancies import services

    job_order = draft_job_order(v, **overrides)
    return services.job_order_submit(job_order=job_order, by=v["agency_admin"])


def test_queue_scoped_to_vetting_country(officer_client, v):
    job_order = _submitted(v)
    html = officer_client.get(f"{BASE}/").content.decode()
    assert "Apple picker" in html
    officer_client.force_login(v["kg_officer"])
    assert "Apple picker" not in officer_client.get(f"{BASE}/").content.decode()
    response = officer_client.get(f"{BASE}/inspect/{job_order.pk}/", follow=True)
    assert response.status_code == 404


def test_actions_run_services(officer_client, v):
    job_order = _submitted(v)
    page = officer_client.get(f"{BASE}/inspect/{job_order.pk}/").content.decode()
    assert "Start review" in page
    officer_client.post(f"{BASE}/action/{job_order.pk}/review_start/")
    officer_client.post(f"{BASE}/action/{job_order.pk}/approve/")
    job_order.refresh_from_db()
    assert job_order.status == "approved" and job_order.number.startswith("KZ-JO-")


def test_failed_checks_shown_and_refusal_prefilled(officer_client, v):
    from decimal import Decimal

    job_order = under_review(v, worker_fee_amount=Decimal("100"))
    page = officer_client.get(f"{BASE}/inspect/{job_order.pk}/").content.decode()
    assert "cannot be approved" in page and "Workers never pay for recruitment" in page
    officer_client.post(f"{BASE}/action/{job_order.pk}/approve/")
    job_order.refresh_from_db()
    assert job_order.status == "under_review"
    officer_client.post(
        f"{BASE}/action/{job_order.pk}/refuse/", {"refuse-reason": "Fee charged to the worker"}
    )
    job_order.refresh_from_db()
    assert job_order.status == "refused"


def test_contract_download_for_vetting_officer_only(officer_client, v):
    job_order = _submitted(v)
    assert (
        officer_client.get(f"/admin/vacancies/vetting-contract/{job_order.pk}/").status_code == 200
    )
    officer_client.force_login(v["kg_officer"])
    response = officer_client.get(f"/admin/vacancies/vetting-contract/{job_order.pk}/", follow=True)
    assert response.status_code == 404


def test_authority_admin_creates_scheme_and_minimum_wage(officer_client, v):
    officer_client.force_login(v["authority_admin"])
    response = officer_client.post(
        "/admin/vacancies/schemes/new/",
        {
            "name": "TJ→KZ construction",
            "origin_country": "TJ",
            "destination_country": "KZ",
            "vetting_country": "KZ",
            "legal_basis": "Agreement 2024",
            "sectors": ["71"],
            "season_start_month": 3,
            "season_end_month": 11,
            "max_stay_months": 9,
            "reentry_priority": "on",
            "return_grace_days": 7,
            "quota_reference": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    scheme = Scheme.objects.get(name="TJ→KZ construction")
    assert list(scheme.sectors.values_list("code", flat=True)) == ["71"]
    assert AuditEvent.objects.filter(action="scheme.create", object_id=str(scheme.pk)).exists()
    response = officer_client.post(
        "/admin/vacancies/minimum-wages/new/",
        {
            "country": "KZ",
            "region": "KZ-71",
            "monthly_amount": "160000",
            "currency": "kzt",
            "valid_from": "2026-01-01",
            "source": "Decree 12",
        },
    )
    assert response.status_code == 302
    assert RegionalMinimumWage.objects.get(region="KZ-71").currency == "KZT"


def test_officer_without_management_role_cannot_add_scheme(officer_client, v):
    """Plain officers vet; only senior officers and authority administrators keep schemes."""
    officer_client.post(
        "/admin/vacancies/schemes/new/",
        {
            "name": "Sneaky scheme",
            "origin_country": "TJ",
            "destination_country": "KZ",
            "vetting_country": "KZ",
            "legal_basis": "x",
            "season_start_month": 1,
            "season_end_month": 12,
            "max_stay_months": 12,
            "return_grace_days": 7,
        },
    )
    assert not Scheme.objects.filter(name="Sneaky scheme").exists()
