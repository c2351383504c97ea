"""Worker profiles: consent enforcement, data export and deletion."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from portal.models import AuditEvent
from vacancies import selectors, services
from vacancies.models import CostReport, VacancyApplication, WorkerProfile

from .factories import published

pytestmark = pytest.mark.django_db


def test_non_consenting_worker_invisible_to_agencies(v, worker_profile):
    assert not worker_profile.consent_to_agencies
    assert worker_profile not in selectors.agency_candidates(
        user=v["agency_admin"], agency=v["agency"]
    )
    assert not selectors.agency_sees_profile(
        user=v["agency_admin"], agency=v["agency"], profile=worker_profile
    )
    assert worker_profile not in selectors.consenting_profiles()
    services.worker_profile_consent_set(profile=worker_profile, by=v["worker"], consent=True)
    assert worker_profile in selectors.agency_candidates(user=v["agency_admin"], agency=v["agency"])
    assert worker_profile in selectors.consenting_profiles()
    services.worker_profile_consent_set(profile=worker_profile, by=v["worker"], consent=False)
    assert worker_profile not in selectors.agency_candidates(
        user=v["agency_admin"], agency=v["agency"]
    )
    events = AuditEvent.objects.filter(
        object_type="vacancies.workerprofile", action__startswith="worker_profile.consent"
    )
    assert [e.action for e in events.order_by("id")] == [
        "worker_profile.consent_give",
        "worker_profile.consent_withdraw",
    ]


def test_applicant_visible_to_that_agency_only(v, worker_profile, orgs):
    services.vacancy_application_submit(job_order=published(v), by=v["worker"])
    assert selectors.agency_sees_profile(
        user=v["agency_admin"], agency=v["agency"], profile=worker_profile
    )
    # Not a candidate for browsing, and invisible to people outside the agency.
    assert worker_profile not in selectors.agency_candidates(
        user=v["agency_admin"], agency=v["agency"]
    )
    assert not selectors.agency_sees_profile(
        user=v["officer"], agency=orgs["tj_agency"], profile=worker_profile
    )


def test_candidates_need_agency_membership(v, worker_profile):
    services.worker_profile_consent_set(profile=worker_profile, by=v["worker"], consent=True)
    assert not selectors.agency_candidates(user=v["worker"], agency=v["agency"]).exists()


def test_only_owner_edits_profile(v, worker_profile):
    with pytest.raises(PermissionDenied):
        services.worker_profile_update(
            profile=worker_profile, by=v["agency_admin"], data={"years_experience": 10}
        )


def test_export_contains_everything(v, worker_profile):
    job_order = published(v)
    application = services.vacancy_application_submit(
        job_order=job_order, by=v["worker"], message="I picked apples in 2024."
    )
    data = selectors.worker_profile_export(profile=worker_profile)
    assert data["account"]["email"] == "worker@example.org"
    assert data["profile"]["languages"] == {"ru": "independent", "ky": "proficient"}
    assert data["profile"]["skills"] == ["harvest crops"]
    assert data["profile"]["occupations"] == ["9211"]
    assert data["profile"]["months_available"] == [4, 5, 6, 7]
    assert data["applications"][0]["job_order"] == job_order.number
    assert data["applications"][0]["message"] == application.message
    assert "passport" not in str(data).lower()


def test_delete_erases_profile_and_keeps_anonymous_costs(v, worker_profile):
    job_order = published(v)
    application = services.vacancy_application_submit(
        job_order=job_order, by=v["worker"], submission_key=uuid.uuid4()
    )
    services.vacancy_application_offer(application=application, by=v["agency_admin"])
    services.vacancy_application_accept(application=application, by=v["worker"])
    services.cost_report_file(
        application=application,
        by=v["worker"],
        amount=Decimal("50"),
        currency="USD",
        paid_to="broker",
        purpose="documents",
    )
    services.worker_profile_delete(profile=worker_profile, by=v["worker"])
    assert not WorkerProfile.objects.exists()
    assert not VacancyApplication.objects.exists()
    report = CostReport.objects.get()
    assert report.application is None and report.agency == v["agency"]
    assert AuditEvent.objects.filter(action="worker_profile.delete").count() == 1
