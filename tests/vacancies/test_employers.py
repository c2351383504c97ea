"""Employer accreditation (EMP), sanctions and the watchlist, and the vetting refusals that
follow from them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from licensing.models import Complaint
from licensing.services import complaint_file, complaint_investigate, complaint_uphold
from portal.lifecycle import DocumentStatus, InvalidTransition
from portal.models import AuditEvent, Organisation
from portal.numbering import NumberSequence
from portal.verification import verify_number
from tests.concurrency import at_once
from tests.conftest import make_user, requires_postgres
from vacancies import services
from vacancies.models import EmployerAccreditation, EmployerSanction, JobOrderStatus

from .factories import under_review

pytestmark = pytest.mark.django_db
D = DocumentStatus


def _employer(name="Kazakh Steel LLP"):
    return Organisation.objects.create(
        name=name, kind="employer", country_id="KZ", registration_number="KZ-123456789012"
    )


def test_grant_allocates_an_emp_number_and_writes_the_audit_event(v):
    employer = _employer()
    accreditation = services.employer_accreditation_grant(
        employer=employer, authority=v["kz_authority"], by=v["officer"], conditions="No night work."
    )
    year = timezone.localdate().year
    assert accreditation.number.startswith(f"KZ-EMP-{year}-")
    assert accreditation.status == D.ACTIVE
    event = AuditEvent.objects.get(action="employer_accreditation.grant")
    assert event.actor_id == v["officer"].pk
    assert event.role == "officer"
    assert event.to_state == D.ACTIVE
    assert event.changes["number"] == [None, accreditation.number]
    assert event.country == "KZ"
    assert event.object_id == str(accreditation.pk)


def test_grant_is_refused_to_others_and_twice(v):
    employer = _employer()
    for outsider in (v["agency_admin"], v["kg_officer"], v["worker"]):
        with pytest.raises(PermissionDenied):
            services.employer_accreditation_grant(
                employer=employer, authority=v["kz_authority"], by=outsider
            )
    services.employer_accreditation_grant(
        employer=employer, authority=v["kz_authority"], by=v["officer"]
    )
    with pytest.raises(ValidationError) as exc:
        services.employer_accreditation_grant(
            employer=employer, authority=v["kz_authority"], by=v["officer"]
        )
    assert str(services.ERROR_ALREADY_ACCREDITED) in exc.value.messages
    with pytest.raises(ValidationError):
        services.employer_accreditation_grant(
            employer=v["kg_agency"], authority=v["kz_authority"], by=v["officer"]
        )


def test_public_verification_of_an_accreditation(v, client):
    result = verify_number(v["accreditation"].number)
    assert result.status == "active" and result.holder == "Almaty Agro Holding"
    response = client.get(f"/en/verify/{v['accreditation'].number}/")
    assert response.status_code == 200
    assert b"Employer accreditation" in response.content


def test_vetting_refuses_an_unaccredited_employer(v):
    employer = _employer()
    job_order = under_review({**v, "employer": employer})
    problems = services.job_order_vetting_problems(job_order)
    expected = str(services.ERROR_NOT_ACCREDITED) % {
        "employer": employer.name,
        "country": "Kazakhstan",
    }
    assert expected in problems
    with pytest.raises(ValidationError):
        services.job_order_approve(job_order=job_order, by=v["officer"])
    job_order.refresh_from_db()
    assert job_order.status == JobOrderStatus.UNDER_REVIEW and job_order.number is None


def test_vetting_refuses_a_suspended_or_banned_employer(v):
    job_order = under_review(v)
    assert services.job_order_vetting_problems(job_order) == []
    services.employer_accreditation_suspend(
        accreditation=v["accreditation"], by=v["officer"], reason="Wages unpaid for two months."
    )
    assert any(
        "no active accreditation" in p for p in services.job_order_vetting_problems(job_order)
    )
    services.employer_accreditation_reinstate(accreditation=v["accreditation"], by=v["officer"])
    assert services.job_order_vetting_problems(job_order) == []
    until = timezone.localdate() + timedelta(days=365)
    services.employer_sanction_impose(
        employer=v["employer"],
        authority=v["kz_authority"],
        by=v["officer"],
        kind="ban",
        banned_until=until,
        reason="Passports withheld.",
    )
    v["accreditation"].refresh_from_db()
    assert v["accreditation"].status == D.REVOKED
    problems = services.job_order_vetting_problems(job_order)
    assert any("banned" in p for p in problems)
    with pytest.raises(ValidationError):
        services.employer_accreditation_grant(
            employer=v["employer"], authority=v["kz_authority"], by=v["officer"]
        )


def test_the_refusal_reason_is_translated(v):
    from django.utils import translation

    employer = _employer()
    job_order = under_review({**v, "employer": employer})
    with translation.override("ru"):
        problems = services.job_order_vetting_problems(job_order)
    assert any("аккредитац" in p for p in problems), problems


def test_sanctions_suspend_and_need_what_they_name(v):
    with pytest.raises(ValidationError):
        services.employer_sanction_impose(
            employer=v["employer"],
            authority=v["kz_authority"],
            by=v["officer"],
            kind="fine",
            reason="Late wages.",
        )
    with pytest.raises(InvalidTransition):
        services.employer_sanction_impose(
            employer=v["employer"],
            authority=v["kz_authority"],
            by=v["officer"],
            kind="warning",
            reason="",
        )
    with pytest.raises(ValidationError):
        services.employer_sanction_impose(
            employer=v["employer"],
            authority=v["kz_authority"],
            by=v["officer"],
            kind="ban",
            reason="x",
            banned_until=timezone.localdate(),
        )
    sanction = services.employer_sanction_impose(
        employer=v["employer"],
        authority=v["kz_authority"],
        by=v["officer"],
        kind="suspension",
        reason="Unsafe housing.",
    )
    assert sanction.accreditation == v["accreditation"]
    v["accreditation"].refresh_from_db()
    assert v["accreditation"].status == D.SUSPENDED
    assert verify_number(v["accreditation"].number).status == "suspended"
    assert AuditEvent.objects.filter(action="employer_sanction.impose").count() == 1
    assert AuditEvent.objects.filter(action="employer_accreditation.suspend").count() == 1


def test_watchlist_is_a_warning_not_a_refusal(v):
    job_order = under_review(v)
    entry = services.employer_watch_add(
        employer=v["employer"],
        authority=v["kz_authority"],
        by=v["officer"],
        reason="Three complaints in a month.",
    )
    assert services.employer_is_watched(employer=v["employer"])
    assert services.job_order_vetting_problems(job_order) == []
    with pytest.raises(ValidationError):
        services.employer_watch_add(
            employer=v["employer"], authority=v["kz_authority"], by=v["officer"], reason="again"
        )
    with pytest.raises(PermissionDenied):
        services.employer_watch_remove(entry=entry, by=v["agency_admin"], reason="x")
    services.employer_watch_remove(entry=entry, by=v["officer"], reason="Inspection found nothing.")
    assert not services.employer_is_watched(employer=v["employer"])


def test_renewal_links_the_new_accreditation_and_shows_upheld_complaints(v):
    complaint = complaint_file(
        by=v["worker"],
        country_id="KZ",
        category="unpaid_wages",
        description="Two months unpaid.",
        employer=v["employer"],
    )
    assert complaint.employer == v["employer"] and complaint.country_id == "KZ"
    complaint_investigate(complaint=complaint, by=v["officer"])
    complaint_uphold(complaint=complaint, by=v["officer"], outcome="Wages paid after inspection.")
    record = services.employer_record(employer=v["employer"])
    assert [c.pk for c in record["complaints_upheld"]] == [complaint.pk]
    renewed = services.employer_accreditation_renew(
        accreditation=v["accreditation"], by=v["senior_officer"]
    )
    assert renewed.previous == v["accreditation"]
    assert renewed.valid_from == v["accreditation"].valid_until + timedelta(days=1)
    event = AuditEvent.objects.get(action="employer_accreditation.renew")
    assert event.changes["complaints_upheld"] == [None, 1]
    assert event.changes["previous"] == [None, v["accreditation"].number]


def test_other_apps_add_to_the_renewal_record(v):
    @services.register_employer_record_source
    def help_cases(employer):
        return [("Help requests", 2, ["Wages withheld"])]

    try:
        assert services.employer_record(employer=v["employer"])["other"] == [
            ("Help requests", 2, ["Wages withheld"])
        ]
    finally:
        from vacancies.services import employers

        employers._RECORD_SOURCES.remove(help_cases)


def test_expiry_by_the_daily_job(v):
    EmployerAccreditation.objects.filter(pk=v["accreditation"].pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    assert services.employer_accreditations_expire() == 1
    v["accreditation"].refresh_from_db()
    assert v["accreditation"].status == D.EXPIRED


def test_complaint_against_an_employer_from_the_public_form(v, client):
    response = client.get("/en/complaints/new/")
    assert b"An employer abroad" in response.content
    import uuid

    response = client.post(
        "/en/complaints/new/",
        {
            "submission_key": str(uuid.uuid4()),
            "against": "employer",
            "licence_number": v["accreditation"].number,
            "country": "KG",
            "category": "passport_retained",
            "description": "They keep my passport.",
            "is_anonymous": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    complaint = Complaint.objects.get()
    assert complaint.employer == v["employer"] and complaint.agency is None
    assert complaint.country_id == "KZ"
    response = client.post(
        "/en/complaints/new/",
        {
            "submission_key": str(uuid.uuid4()),
            "against": "employer",
            "country": "KG",
            "category": "other",
            "description": "x",
            "is_anonymous": "on",
        },
    )
    assert response.status_code == 400
    assert b"Name the employer" in response.content


def test_back_office_grants_and_shows_the_record(v, client):
    from tests.conftest import give_totp

    give_totp(v["officer"])
    client.force_login(v["officer"])
    employer = _employer()
    response = client.post(
        "/admin/vacancies/accreditations/new/",
        {
            "employer": employer.pk,
            "authority": v["kz_authority"].pk,
            "valid_until": (timezone.localdate() + timedelta(days=700)).isoformat(),
            "conditions": "",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    accreditation = EmployerAccreditation.objects.get(employer=employer)
    page = client.get(f"/admin/vacancies/accreditations/inspect/{accreditation.pk}/")
    assert page.status_code == 200
    # The back office speaks the officer's language (Russian by default).
    assert "Сведения о работодателе" in page.content.decode()
    assert "Продлить" in page.content.decode()
    assert client.get("/admin/vacancies/employer-sanctions/").status_code == 200
    assert client.get("/admin/vacancies/employer-watchlist/").status_code == 200


def test_agency_staff_cannot_open_the_accreditation_back_office(v, client):
    client.force_login(v["agency_admin"])
    response = client.get("/admin/vacancies/accreditations/")
    assert response.status_code in (302, 403)


@pytest.mark.postgres
@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_grants_get_unique_gapless_emp_numbers(orgs):
    officer = make_user(
        "acc.officer@example.org", role="officer", organisation=orgs["kz_authority"]
    )
    employers = [_employer(f"Employer {i}") for i in range(10)]
    queue = list(employers)

    def grant():
        employer = queue.pop()
        return services.employer_accreditation_grant(
            employer=employer, authority=orgs["kz_authority"], by=officer
        ).number

    results, errors = at_once(grant, 10)
    year = timezone.localdate().year
    assert errors == []
    assert sorted(results) == [f"KZ-EMP-{year}-{i:06d}" for i in range(1, 11)]
    assert NumberSequence.objects.get(country="KZ", kind="EMP", year=year).last == 10
    with transaction.atomic():
        assert EmployerSanction.objects.count() == 0
