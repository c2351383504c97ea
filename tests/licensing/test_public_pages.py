"""Public pages without login: verification of every status, the registry and its CSV,
complaints filed anonymously and followed by tracking code."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from licensing import services
from licensing.models import Complaint, Licence
from portal.models import AuditEvent

from .factories import PDF_BYTES, issued_licence

pytestmark = pytest.mark.django_db


def test_verify_active_licence(client, lic):
    licence = issued_licence(lic)
    response = client.get(f"/en/verify/{licence.number}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Recruitment agency licence" in html and "Active" in html
    assert "Steppe Test Staffing" in html and "KZ Ministry" in html
    assert "kzadmin@example.org" not in html


def test_verify_suspended_licence_shows_status_and_reason(client, lic):
    licence = issued_licence(lic)
    services.licence_suspend(licence=licence, by=lic["officer"], reason="Fees charged to workers")
    html = client.get(f"/en/verify/{licence.number}/").content.decode()
    assert 'class="status suspended"' in html and "Fees charged to workers" in html


def test_verify_revoked_licence(client, lic):
    licence = issued_licence(lic)
    services.licence_revocation_propose(licence=licence, by=lic["officer"], reason="Forged papers")
    services.licence_revocation_confirm(licence=licence, by=lic["officer2"])
    html = client.get(f"/en/verify/{licence.number}/").content.decode()
    assert 'class="status revoked"' in html and "Forged papers" in html


def test_verify_expired_licence_even_before_the_daily_task(client, lic):
    licence = issued_licence(lic)
    Licence.objects.filter(pk=licence.pk).update(valid_until=licence.valid_from - timedelta(days=1))
    html = client.get(f"/en/verify/{licence.number}/").content.decode()
    assert 'class="status expired"' in html


def test_verify_unknown_licence_number(client, lic):
    issued_licence(lic)
    response = client.get("/en/verify/KZ-LIC-2026-999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "This number is not valid" in html
    assert "/en/complaints/new/?subject=KZ-LIC-2026-999999" in html


def test_registry_search_filters_and_csv(client, lic):
    licence = issued_licence(lic)
    response = client.get("/en/registry/", {"q": "steppe"})
    assert "Steppe Test Staffing" in response.content.decode()
    assert (
        "Steppe Test Staffing"
        in client.get("/en/registry/", {"q": licence.number}).content.decode()
    )
    assert (
        "Steppe Test Staffing" not in client.get("/en/registry/", {"q": "pamir"}).content.decode()
    )
    assert (
        "Steppe Test Staffing"
        not in client.get("/en/registry/", {"country": "KG"}).content.decode()
    )
    assert (
        "Steppe Test Staffing" in client.get("/en/registry/", {"status": "active"}).content.decode()
    )
    assert (
        "Steppe Test Staffing"
        not in client.get("/en/registry/", {"status": "suspended"}).content.decode()
    )
    services.licence_suspend(licence=licence, by=lic["officer"], reason="Inspection")
    assert (
        "Steppe Test Staffing"
        in client.get("/en/registry/", {"status": "suspended"}).content.decode()
    )
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/en/registry/agencies.csv", {"country": "KZ"}).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0][:5] == ["agency", "country", "registration_number", "licence_number", "status"]
    assert rows[1][:5] == ["Steppe Test Staffing", "KZ", "KZ-1", licence.number, "suspended"]


def test_registry_agency_page_shows_history_sanctions_and_upheld_complaints(client, lic):
    licence = issued_licence(lic)
    services.sanction_impose(
        agency=lic["kz_agency"],
        by=lic["officer"],
        kind="fine",
        amount=500000,
        reason="Charged workers for medical checks",
    )
    complaint = services.complaint_file(
        by=None,
        country_id="KZ",
        category="fees",
        description="Paid 300 USD",
        agency=lic["kz_agency"],
    )
    services.complaint_investigate(complaint=complaint, by=lic["officer"])
    services.complaint_decide(
        complaint=complaint, by=lic["officer"], upheld=True, outcome="Refund ordered"
    )
    html = client.get(f"/en/registry/{lic['kz_agency'].pk}/").content.decode()
    assert licence.number in html
    assert "Charged workers for medical checks" in html
    assert "Fees charged to the worker" in html


def test_anonymous_complaint_with_evidence_and_follow_up_by_tracking_code(client, lic):
    licence = issued_licence(lic)
    form = client.get(f"/en/complaints/new/?subject={licence.number}").content.decode()
    assert licence.number in form
    response = client.post(
        "/en/complaints/new/",
        {
            "agency_name": "",
            "licence_number": licence.number,
            "country": "KG",
            "category": "passport_retained",
            "description": "They kept my passport in Busan.",
            "complainant_country": "KR",
            "is_anonymous": "on",
            "contact_name": "Should not be stored",
            "contact": "+82 10 0000 0000",
            "evidence": [SimpleUploadedFile("photo.pdf", PDF_BYTES)],
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.agency == lic["kz_agency"] and complaint.country_id == "KZ"
    assert complaint.contact == "" and complaint.contact_name == ""
    assert complaint.evidence.count() == 1
    assert complaint.deadline is not None
    event = AuditEvent.objects.get(action="complaint.file")
    assert event.actor is None and event.ip is None

    filed = client.get(response.url).content.decode()
    assert complaint.tracking_code in filed
    # The code is shown once only.
    assert client.get(response.url).status_code == 302

    other = client.__class__()  # a fresh browser, no session
    tracked = other.post("/en/complaints/track/", {"code": complaint.tracking_code.lower()})
    assert tracked.status_code == 200
    html = tracked.content.decode()
    assert "Received" in html and "Passport or documents retained" in html

    services.complaint_investigate(complaint=complaint, by=lic["officer"])
    services.complaint_decide(
        complaint=complaint,
        by=lic["officer"],
        upheld=True,
        outcome="Passport returned; agency fined.",
    )
    html = other.post("/en/complaints/track/", {"code": complaint.tracking_code}).content.decode()
    assert "Upheld" in html and "Passport returned; agency fined." in html
    assert other.post("/en/complaints/track/", {"code": "NOPE123456"}).status_code == 404


def test_complaint_against_an_unlicensed_recruiter(client, db):
    response = client.post(
        "/en/complaints/new/",
        {
            "agency_name": "Man at the Dushanbe bazaar",
            "licence_number": "",
            "country": "TJ",
            "category": "fees",
            "description": "Asked 500 USD for a job in Russia.",
            "amount_paid": "500",
            "currency": "usd",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.agency is None and complaint.recruiter_name == "Man at the Dushanbe bazaar"
    assert complaint.currency == "USD" and complaint.is_anonymous is False


def test_complaint_needs_a_subject(client, db):
    response = client.post(
        "/en/complaints/new/",
        {"country": "TJ", "category": "fees", "description": "x", "is_anonymous": "on"},
    )
    assert response.status_code == 400
    assert "Name the agency or recruiter" in response.content.decode()


def test_complaint_evidence_is_for_officers_of_the_country(client, lic, give_totp_to):
    complaint = services.complaint_file(
        by=None,
        country_id="KZ",
        category="other",
        description="x",
        recruiter_name="Y",
        evidence=[SimpleUploadedFile("e.pdf", PDF_BYTES)],
    )
    item = complaint.evidence.get()
    give_totp_to(lic["officer"], lic["kg_officer"])
    client.force_login(lic["kg_officer"])
    assert client.get(f"/en/complaints/evidence/{item.pk}/").status_code == 404
    client.force_login(lic["officer"])
    response = client.get(f"/en/complaints/evidence/{item.pk}/")
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
