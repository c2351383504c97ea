"""The verification page resolves job-order numbers and shows the contract fingerprint; a work
permit that came from a job order also shows the job order and the agency's licence (★)."""

import hashlib

import pytest

from licensing import services as licensing_services
from portal import verification
from portal.verification import VerificationResult, check_code, verify_number
from vacancies import services

from .factories import CONTRACT_BYTES, published

pytestmark = pytest.mark.django_db


def test_job_order_number_resolves_with_fingerprint(v, client):
    job_order = published(v)
    result = verify_number(job_order.number)
    assert result.status == "active"
    fingerprint = hashlib.sha256(CONTRACT_BYTES).hexdigest()
    assert ("Contract fingerprint (SHA-256)", fingerprint) in result.facts
    # The agency's licence, then the employer's accreditation (the chain's first two links).
    assert [r.number for r in result.linked] == [v["licence"].number, v["accreditation"].number]
    page = client.get(f"/en/verify/{job_order.number}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert fingerprint in body and job_order.number in body and v["licence"].number in body


def test_suspended_agency_job_order_shown_as_hidden(v):
    job_order = published(v)
    licensing_services.licence_suspend(licence=v["licence"], by=v["kg_officer"], reason="Audit")
    result = verify_number(job_order.number)
    assert result.status == "suspended" and not result.is_valid
    assert result.linked[0].status == "suspended"


def test_unknown_or_draft_number_not_resolved(v):
    assert verify_number("KZ-JO-2026-999999") is None


def test_chained_check_from_work_permit(v, worker_profile, monkeypatch):
    job_order = published(v)
    application = services.vacancy_application_submit(job_order=job_order, by=v["worker"])
    services.vacancy_application_offer(application=application, by=v["agency_admin"])
    services.vacancy_application_accept(application=application, by=v["worker"])
    permit_number = "KZ-WP-2026-000042"
    services.vacancy_application_permit_link(
        application=application, by=v["agency_admin"], reference=permit_number
    )
    # Until the permits app registers its resolver, stand one in for the permit itself.
    monkeypatch.setitem(
        verification._RESOLVERS,
        "WP",
        lambda number: VerificationResult(
            number=number,
            kind_label="Work permit",
            status="active",
            status_label="Active",
            holder="F. R.",
            issuer="KZ Ministry",
        ),
    )
    result = verify_number(permit_number)
    kinds = [(r.kind_label, r.number) for r in result.linked]
    assert ("Job order", job_order.number) in kinds
    assert ("Recruitment agency licence", v["licence"].number) in kinds
    linked_jo = next(r for r in result.linked if r.number == job_order.number)
    assert (
        "Contract fingerprint (SHA-256)",
        hashlib.sha256(CONTRACT_BYTES).hexdigest(),
    ) in linked_jo.facts


def test_permit_without_job_order_has_no_links(v, monkeypatch):
    monkeypatch.setitem(
        verification._RESOLVERS,
        "WP",
        lambda number: VerificationResult(
            number=number,
            kind_label="Work permit",
            status="active",
            status_label="Active",
            holder="X",
            issuer="KZ Ministry",
        ),
    )
    assert verify_number("KZ-WP-2026-000001").linked == []


def test_chained_check_from_a_real_work_permit(v, people, orgs, tmp_path):
    """End to end with the permits app: the permit carries the job-order number, and verifying
    the permit shows the job order, its fingerprint and the agency's licence."""
    from django.core.files.storage import FileSystemStorage

    from licensing.permits import services as permit_services
    from portal.models import CaseDocument, Role
    from tests.conftest import make_user
    from tests.permits.conftest import submitted

    field = CaseDocument._meta.get_field("file")
    saved, field.storage = field.storage, FileSystemStorage(location=tmp_path / "p", base_url=None)
    try:
        job_order = published(v)
        application = submitted(v["worker"], job_order_number=job_order.number)
        second = make_user(
            "officer-two@example.org", role=Role.OFFICER, organisation=orgs["kz_authority"]
        )
        application = permit_services.permit_application_review_start(
            application=application, by=second
        )
        permit = permit_services.permit_application_approve(application=application, by=second)
    finally:
        field.storage = saved
    assert verify_number(permit.number).linked == []  # which job: only with the check code
    result = verify_number(permit.number, check_code(permit.number))
    linked = {r.number: r for r in result.linked}
    assert job_order.number in linked and v["licence"].number in linked
    assert ("Contract fingerprint (SHA-256)", hashlib.sha256(CONTRACT_BYTES).hexdigest()) in linked[
        job_order.number
    ].facts


def test_accepted_offer_finds_its_permit_application(v, worker_profile, tmp_path):
    from django.core.files.storage import FileSystemStorage

    from portal.models import CaseDocument
    from tests.permits.conftest import submitted
    from vacancies.selectors import placement_permit_applications

    field = CaseDocument._meta.get_field("file")
    saved, field.storage = field.storage, FileSystemStorage(location=tmp_path / "p", base_url=None)
    try:
        job_order = published(v)
        application = services.vacancy_application_submit(job_order=job_order, by=v["worker"])
        services.vacancy_application_offer(application=application, by=v["agency_admin"])
        services.vacancy_application_accept(application=application, by=v["worker"])
        assert not placement_permit_applications(application=application).exists()
        permit_application = submitted(v["worker"], job_order_number=job_order.number)
    finally:
        field.storage = saved
    assert list(placement_permit_applications(application=application)) == [permit_application]
