"""A worker's application to a vacancy: its transition table, positions, re-entry priority."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.lifecycle import InvalidTransition
from portal.models import AuditEvent
from tests.conftest import make_user
from vacancies import services
from vacancies.models import ReentryPriority, VacancyApplication, VacancyApplicationStatus

from .factories import published

pytestmark = pytest.mark.django_db
A = VacancyApplicationStatus


def _accepted(v, job_order):
    application = services.vacancy_application_submit(
        job_order=job_order, by=v["worker"], submission_key=uuid.uuid4()
    )
    services.vacancy_application_shortlist(application=application, by=v["agency_staff"])
    services.vacancy_application_offer(application=application, by=v["agency_admin"])
    return services.vacancy_application_accept(application=application, by=v["worker"])


def test_apply_needs_profile(v):
    job_order = published(v)
    with pytest.raises(ValidationError) as exc:
        services.vacancy_application_submit(job_order=job_order, by=v["worker"])
    assert str(services.ERROR_NO_PROFILE) in exc.value.messages


def test_double_submit_creates_one_application(v, worker_profile):
    job_order = published(v)
    key = uuid.uuid4()
    first = services.vacancy_application_submit(
        job_order=job_order, by=v["worker"], submission_key=key
    )
    second = services.vacancy_application_submit(
        job_order=job_order, by=v["worker"], submission_key=key
    )
    assert first.pk == second.pk
    with pytest.raises(ValidationError):
        services.vacancy_application_submit(
            job_order=job_order, by=v["worker"], submission_key=uuid.uuid4()
        )
    assert VacancyApplication.objects.count() == 1


def test_a_form_key_returns_only_the_callers_own_application(v, worker_profile):
    """Like the other create forms: someone else's one-time key gets a refusal, not the
    worker's application."""
    job_order = published(v)
    key = uuid.uuid4()
    services.vacancy_application_submit(job_order=job_order, by=v["worker"], submission_key=key)
    with pytest.raises(PermissionDenied):
        services.vacancy_application_submit(
            job_order=job_order, by=v["agency_admin"], submission_key=key
        )
    assert VacancyApplication.objects.count() == 1


def test_cannot_apply_to_unpublished(v, worker_profile):
    from .factories import under_review

    job_order = under_review(v)
    with pytest.raises(ValidationError) as exc:
        services.vacancy_application_submit(job_order=job_order, by=v["worker"])
    assert str(services.ERROR_NOT_PUBLISHED) in exc.value.messages


def test_full_journey_and_audit(v, worker_profile):
    job_order = published(v)
    application = _accepted(v, job_order)
    assert application.status == A.ACCEPTED
    services.vacancy_application_permit_link(
        application=application, by=v["agency_admin"], reference="KZ-WP-2026-000007"
    )
    departed = services.vacancy_application_departure_record(
        application=application, by=v["agency_admin"], departed_on=job_order.season_start
    )
    assert departed.status == A.DEPARTED
    event = AuditEvent.objects.filter(action="vacancy_application.departure_record").get()
    assert (event.actor, event.role, event.from_state, event.to_state, event.country) == (
        v["agency_admin"],
        "agency_admin",
        "accepted",
        "departed",
        "KZ",
    )
    assert event.organisation_id == v["agency"].pk
    assert event.object_id == str(application.pk)
    assert event.changes == {
        "status": ["accepted", "departed"],
        "departed_on": [None, str(job_order.season_start)],
    }


def test_worker_cannot_shortlist_and_agency_cannot_accept(v, worker_profile):
    job_order = published(v)
    application = services.vacancy_application_submit(job_order=job_order, by=v["worker"])
    with pytest.raises(PermissionDenied):
        services.vacancy_application_shortlist(application=application, by=v["worker"])
    services.vacancy_application_offer(application=application, by=v["agency_admin"])
    with pytest.raises(PermissionDenied):
        services.vacancy_application_accept(application=application, by=v["agency_admin"])


def test_transition_outside_table_impossible(v, worker_profile):
    job_order = published(v)
    application = services.vacancy_application_submit(job_order=job_order, by=v["worker"])
    with pytest.raises(InvalidTransition):
        services.vacancy_application_accept(application=application, by=v["worker"])
    with pytest.raises(InvalidTransition):
        services.vacancy_application_departure_record(
            application=application, by=v["agency_admin"], departed_on=job_order.season_start
        )


def test_reject_needs_reason(v, worker_profile):
    application = services.vacancy_application_submit(job_order=published(v), by=v["worker"])
    with pytest.raises(InvalidTransition):
        services.vacancy_application_reject(
            application=application, by=v["agency_admin"], reason=" "
        )
    rejected = services.vacancy_application_reject(
        application=application, by=v["agency_admin"], reason="Positions filled by returnees"
    )
    assert rejected.status == A.REJECTED


def test_accepted_offers_never_exceed_positions(v, worker_profile):
    job_order = published(v, positions=1)
    _accepted(v, job_order)
    other = make_user("second@example.org")
    services.worker_profile_create(
        user=other, data={"origin_country": v["scheme"].origin_country, "birth_year": 1990}
    )
    second = services.vacancy_application_submit(job_order=job_order, by=other)
    services.vacancy_application_offer(application=second, by=v["agency_admin"])
    with pytest.raises(ValidationError) as exc:
        services.vacancy_application_accept(application=second, by=other)
    assert str(services.ERROR_POSITIONS_FILLED) in exc.value.messages


def test_timely_return_gives_reentry_priority_next_season(v, worker_profile):
    job_order = published(v)
    application = _accepted(v, job_order)
    services.vacancy_application_departure_record(
        application=application, by=v["agency_admin"], departed_on=job_order.season_start
    )
    returned = services.vacancy_application_return_record(
        application=application,
        by=v["agency_admin"],
        returned_on=job_order.season_end + timedelta(days=3),
    )
    assert returned.returned_on_time is True
    priority = ReentryPriority.objects.get(profile=worker_profile)
    assert (priority.scheme, priority.season_year) == (v["scheme"], job_order.season_start.year + 1)
    assert worker_profile.past_seasons.count() == 1

    # Next season's job order under the same scheme: the returnee is flagged and ranked first.
    next_start = job_order.season_start.replace(year=job_order.season_start.year + 1)
    next_season = published(
        v,
        season_start=next_start,
        season_end=next_start + timedelta(days=150),
        application_deadline=job_order.application_deadline + timedelta(days=365),
        title="Apple picker (next season)",
    )
    newcomer = make_user("newcomer@example.org")
    services.worker_profile_create(
        user=newcomer, data={"origin_country": v["scheme"].origin_country, "birth_year": 1999}
    )
    first_in = services.vacancy_application_submit(job_order=next_season, by=newcomer)
    returnee = services.vacancy_application_submit(job_order=next_season, by=v["worker"])
    assert returnee.has_priority and not first_in.has_priority
    from vacancies.selectors import job_order_applicants

    assert list(job_order_applicants(job_order=next_season)) == [returnee, first_in]


def test_late_return_gives_no_priority(v, worker_profile):
    job_order = published(v)
    application = _accepted(v, job_order)
    services.vacancy_application_departure_record(
        application=application, by=v["agency_admin"], departed_on=job_order.season_start
    )
    returned = services.vacancy_application_return_record(
        application=application,
        by=v["agency_admin"],
        returned_on=job_order.season_end + timedelta(days=30),
    )
    assert returned.returned_on_time is False
    assert not ReentryPriority.objects.exists()


def test_worker_reports_costs_after_placement(v, worker_profile):
    from decimal import Decimal

    from vacancies.selectors import agency_cost_report_summary, agency_cost_reports

    job_order = published(v)
    application = services.vacancy_application_submit(job_order=job_order, by=v["worker"])
    with pytest.raises(ValidationError):
        services.cost_report_file(
            application=application,
            by=v["worker"],
            amount=Decimal("100"),
            currency="USD",
            paid_to="agency",
            purpose="recruitment_fee",
        )
    services.vacancy_application_offer(application=application, by=v["agency_admin"])
    services.vacancy_application_accept(application=application, by=v["worker"])
    services.cost_report_file(
        application=application,
        by=v["worker"],
        amount=Decimal("300"),
        currency="usd",
        paid_to="agency",
        purpose="recruitment_fee",
        paid_to_name="Office in Osh",
    )
    summary = agency_cost_report_summary(agency=v["agency"])
    assert summary["reports"] == 1 and summary["paid_to_agency"] == 1
    assert summary["totals"] == [{"currency": "USD", "total": Decimal("300"), "n": 1}]
    assert agency_cost_reports(user=v["kg_officer"], agency=v["agency"]).count() == 1
    assert agency_cost_reports(user=v["agency_admin"], agency=v["agency"]).count() == 0


def test_cost_report_template_tag(v, worker_profile):
    from decimal import Decimal

    from django.template import Context, Template

    application = services.vacancy_application_submit(job_order=published(v), by=v["worker"])
    services.vacancy_application_offer(application=application, by=v["agency_admin"])
    services.vacancy_application_accept(application=application, by=v["worker"])
    services.cost_report_file(
        application=application,
        by=v["worker"],
        amount=Decimal("300"),
        currency="USD",
        paid_to="agency",
        purpose="recruitment_fee",
    )
    html = Template("{% load vacancies_tags %}{% agency_cost_reports agency %}").render(
        Context({"agency": v["agency"]})
    )
    assert "1 worker placed by this agency reported" in html and "300 USD" in html


def test_reported_costs_appear_on_the_public_registry_page(v, worker_profile, client):
    from decimal import Decimal

    application = services.vacancy_application_submit(job_order=published(v), by=v["worker"])
    services.vacancy_application_offer(application=application, by=v["agency_admin"])
    services.vacancy_application_accept(application=application, by=v["worker"])
    services.cost_report_file(
        application=application,
        by=v["worker"],
        amount=Decimal("300"),
        currency="USD",
        paid_to="agency",
        purpose="recruitment_fee",
    )
    html = client.get(f"/en/registry/{v['agency'].pk}/").content.decode()
    assert "Costs reported by workers" in html and "300 USD" in html
