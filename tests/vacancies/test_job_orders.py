"""Job-order lifecycle and vetting: fair-recruitment refusals, numbering, fingerprint, audit,
and suspension hiding an agency's job orders at once."""

import hashlib
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from licensing import services as licensing_services
from portal.lifecycle import ERROR_FOUR_EYES, InvalidTransition
from portal.models import AuditEvent
from vacancies import selectors, services
from vacancies.models import JobOrder, JobOrderStatus

from .factories import (
    CONTRACT_BYTES,
    draft_job_order,
    job_order_data,
    published,
    resolve,
    under_review,
)

pytestmark = pytest.mark.django_db


def test_other_agency_staff_refused(v, orgs, people):
    data = resolve(job_order_data(v["scheme"], v["employer"]))
    with pytest.raises(PermissionDenied):
        services.job_order_create(agency=orgs["tj_agency"], by=people["agency_admin"], data=data)


def test_unlicensed_agency_cannot_post(v, orgs):
    from portal.models import Role
    from tests.conftest import make_user

    admin = make_user("tjadmin@example.org", role=Role.AGENCY_ADMIN, organisation=orgs["tj_agency"])
    data = resolve(job_order_data(v["scheme"], v["employer"]))
    with pytest.raises(ValidationError) as exc:
        services.job_order_create(agency=orgs["tj_agency"], by=admin, data=data)
    assert str(services.ERROR_NO_LICENCE) in exc.value.messages


def test_double_submit_creates_one_draft(v):
    data = resolve(job_order_data(v["scheme"], v["employer"]))
    key = uuid.uuid4()
    first = services.job_order_create(
        agency=v["agency"], by=v["agency_admin"], data=data, submission_key=key
    )
    second = services.job_order_create(
        agency=v["agency"], by=v["agency_admin"], data=data, submission_key=key
    )
    assert first.pk == second.pk
    assert JobOrder.objects.count() == 1


def test_region_must_be_in_destination(v):
    with pytest.raises(ValidationError) as exc:
        draft_job_order(v, region="KG-GB")
    assert str(services.ERROR_REGION_COUNTRY) in exc.value.messages


def test_occupation_must_be_open_under_scheme(v):
    with pytest.raises(ValidationError) as exc:
        draft_job_order(v, occupation="8322")
    assert str(services.ERROR_OCCUPATION_SECTOR) in exc.value.messages


def test_wage_below_regional_minimum_refused(v):
    job_order = under_review(v, monthly_wage=Decimal("90000"))
    with pytest.raises(ValidationError) as exc:
        services.job_order_approve(job_order=job_order, by=v["officer"])
    expected = str(services.ERROR_WAGE_BELOW_MINIMUM) % {
        "minimum": Decimal("150000.00"),
        "currency": "KZT",
    }
    assert expected in exc.value.messages
    job_order.refresh_from_db()
    assert job_order.status == JobOrderStatus.UNDER_REVIEW and job_order.number is None
    problems = services.job_order_vetting_problems(job_order)
    refused = services.job_order_refuse(
        job_order=job_order, by=v["officer"], reason="; ".join(problems)
    )
    assert refused.status == JobOrderStatus.REFUSED
    assert expected in refused.decision_reason


def test_worker_fee_refused(v):
    job_order = under_review(v, worker_fee_amount=Decimal("500"))
    with pytest.raises(ValidationError) as exc:
        services.job_order_approve(job_order=job_order, by=v["officer"])
    assert str(services.ERROR_WORKER_FEE) in exc.value.messages


def test_wage_in_wrong_currency_refused(v):
    job_order = under_review(v, currency="USD", monthly_wage=Decimal("900"))
    problems = services.job_order_vetting_problems(job_order)
    assert problems == [str(services.ERROR_WAGE_CURRENCY) % {"currency": "KZT"}]


def test_national_minimum_applies_without_regional(v):
    from .factories import minimum_wage

    minimum_wage(region=None, amount="120000")
    job_order = under_review(v, region="KZ-71", city="Astana", monthly_wage=Decimal("110000"))
    problems = services.job_order_vetting_problems(job_order)
    assert problems == [
        str(services.ERROR_WAGE_BELOW_MINIMUM)
        % {"minimum": Decimal("120000.00"), "currency": "KZT"}
    ]


def test_approve_numbers_fingerprints_and_audits(v):
    job_order = under_review(v)
    approved = services.job_order_approve(job_order=job_order, by=v["officer"])
    year = approved.published_at.year
    assert approved.number == f"KZ-JO-{year}-000001"
    assert approved.contract_sha256 == hashlib.sha256(CONTRACT_BYTES).hexdigest()
    event = AuditEvent.objects.filter(action="job_order.approve").get()
    assert event.actor == v["officer"]
    assert event.role == "officer"
    assert event.organisation_id == v["agency"].pk
    assert event.object_type == "vacancies.joborder"
    assert event.object_id == str(approved.pk)
    assert event.from_state == "under_review" and event.to_state == "approved"
    assert event.country == "KZ"
    assert event.reason == ""
    assert event.changes == {
        "status": ["under_review", "approved"],
        "number": [None, approved.number],
        "contract_sha256": [None, approved.contract_sha256],
    }


def test_out_of_jurisdiction_officer_cannot_vet(v):
    job_order = draft_job_order(v)
    services.job_order_submit(job_order=job_order, by=v["agency_admin"])
    with pytest.raises(PermissionDenied):
        services.job_order_review_start(job_order=job_order, by=v["kg_officer"])


def test_transition_outside_table_impossible(v):
    job_order = draft_job_order(v)
    with pytest.raises(InvalidTransition):
        services.job_order_approve(job_order=job_order, by=v["officer"])


def test_four_eyes(v):
    """An officer who also edited the job order (e.g. as agency staff) cannot decide it."""
    job_order = under_review(v)
    JobOrder.objects.filter(pk=job_order.pk).update(last_edited_by=v["officer"])
    with pytest.raises(InvalidTransition) as exc:
        services.job_order_refuse(job_order=job_order, by=v["officer"], reason="no")
    assert str(ERROR_FOUR_EYES) in str(exc.value)


def test_info_request_then_resubmit(v):
    job_order = under_review(v)
    services.job_order_request_info(
        job_order=job_order, by=v["officer"], message="Add the housing address."
    )
    services.job_order_update(
        job_order=job_order,
        by=v["agency_admin"],
        data={"description": "Housing: dormitory at Abay 5."},
    )
    job_order = services.job_order_submit(job_order=job_order, by=v["agency_admin"])
    assert job_order.status == JobOrderStatus.SUBMITTED
    assert job_order.information_requests.count() == 1


def test_published_only_after_approval(v):
    job_order = under_review(v)
    assert not selectors.published_job_orders().filter(pk=job_order.pk).exists()
    services.job_order_approve(job_order=job_order, by=v["officer"])
    assert selectors.published_job_orders().filter(pk=job_order.pk).exists()


def test_suspension_hides_job_orders_at_once(v):
    job_order = published(v)
    assert selectors.published_job_orders().filter(pk=job_order.pk).exists()
    licensing_services.licence_suspend(
        licence=v["licence"], by=v["kg_officer"], reason="Unpaid wages complaint upheld"
    )
    assert not selectors.published_job_orders().filter(pk=job_order.pk).exists()
    assert selectors.vacancy_public(pk=job_order.pk) is None
    licensing_services.licence_reinstate(licence=v["licence"], by=v["kg_officer"])
    assert selectors.published_job_orders().filter(pk=job_order.pk).exists()


def test_revocation_hides_job_orders(v, orgs):
    from portal.models import Role
    from tests.conftest import make_user

    job_order = published(v)
    second = make_user(
        "kgofficer2@example.org", role=Role.OFFICER, organisation=orgs["kg_authority"]
    )
    licensing_services.licence_revocation_propose(
        licence=v["licence"], by=v["kg_officer"], reason="Fraud"
    )
    licensing_services.licence_revocation_confirm(licence=v["licence"], by=second)
    assert not selectors.published_job_orders().filter(pk=job_order.pk).exists()


def test_close_removes_from_search(v):
    job_order = published(v)
    services.job_order_close(job_order=job_order, by=v["agency_admin"])
    assert not selectors.published_job_orders().filter(pk=job_order.pk).exists()
