"""Applicant pages: apply without JavaScript, upload, submit, follow the timeline, fees before
applying, the certificate PDF with its QR code, paying a patent."""

import pytest
from django.utils import timezone

from licensing.permits import services
from licensing.permits.models import PermitApplication

from .conftest import application_data, pdf, under_review

pytestmark = pytest.mark.django_db


def _form_data(**overrides):
    data = application_data(**overrides)
    return {
        "submission_key": "7a1c3e0e-8f43-4f0e-8a43-6f2f3a1d2b11",
        "country": "KZ",
        "given_names": data["given_names"],
        "surname": data["surname"],
        "sex": "M",
        "birth_date": "1994-03-08",
        "nationality": "TJ",
        "passport_number": data["passport_number"],
        "passport_expiry": str(data["passport_expiry"]),
        "occupation": "2512",
        "qualification": "higher",
        "qualification_evidence": "MSc",
        "employer_name": "Astana Build",
        "employer_tax_id": "020540001188",
        "employer_region": "KZ-71",
        "job_order_number": "",
        "region": "KZ-75",
        "requested_months": "12",
    }


def test_worker_applies_uploads_submits_and_follows_the_status(client, pm):
    client.force_login(pm["worker"])
    assert client.get("/en/permits/apply/work-permit/").status_code == 200
    form = _form_data()
    response = client.post("/en/permits/apply/work-permit/", form)
    application = PermitApplication.objects.get()
    assert response["Location"] == f"/en/permits/application/{application.pk}/"
    assert form["passport_number"] not in response["Location"]
    assert client.post("/en/permits/apply/work-permit/", form).status_code == 302  # double submit
    assert PermitApplication.objects.count() == 1
    for kind in ("diploma", "passport_copy", "employment_contract"):
        client.post(
            f"/en/permits/application/{application.pk}/documents/",
            {"kind": kind, "file": pdf(f"{kind}.pdf")},
        )
    client.post(f"/en/permits/application/{application.pk}/submit/")
    application.refresh_from_db()
    assert application.status == "submitted" and application.fast_track
    html = client.get(f"/en/permits/application/{application.pk}/").content.decode()
    assert "working days left" in html and "submitted" in html and "Timeline" in html
    assert "<script" not in html


def test_fees_are_public(client, pm):
    from decimal import Decimal

    services.fee_schedule_set(
        by=pm["senior_officer"],
        authority=pm["kz_authority"],
        kind="PT",
        amount=Decimal("14000"),
        currency="KZT",
        effective_from=timezone.localdate(),
    )
    html = client.get("/en/permits/fees/").content.decode()
    assert "14000" in html and "per month" in html


def test_certificate_pdf_for_the_holder_only(client, pm):
    permit = services.permit_application_approve(
        application=under_review(pm["worker"], pm["officer"]), by=pm["officer"]
    )
    client.force_login(pm["worker"])
    response = client.get(f"/en/permits/certificate/{permit.number}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    home = client.get("/en/permits/").content.decode()
    assert permit.number in home and "/pay/" not in home  # fees are for patents only
    client.force_login(pm["agency_admin"])
    assert client.get(f"/en/permits/certificate/{permit.number}.pdf").status_code == 404


def test_patent_holder_orders_a_payment(client, pm):
    from decimal import Decimal

    services.fee_schedule_set(
        by=pm["senior_officer"],
        authority=pm["kz_authority"],
        kind="PT",
        amount=Decimal("14000"),
        currency="KZT",
        effective_from=timezone.localdate(),
    )
    patent = services.permit_application_approve(
        application=under_review(pm["worker"], pm["officer"], kind="PT"), by=pm["officer"]
    )
    client.force_login(pm["worker"])
    assert "Lapsed" in client.get("/en/permits/").content.decode()
    response = client.post(f"/en/permits/patent/{patent.number}/pay/", {"months": "2"})
    order = patent.payment_orders.get()
    assert response["Location"] == f"/en/permits/payment/{order.reference}/"
    assert "28000" in client.get(response["Location"]).content.decode()
