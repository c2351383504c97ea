"""Worker and agency pages end to end, without JavaScript: profile with skills suggestions,
consent, apply, export and delete; the agency posts a job order and handles applicants."""

import json
import uuid

import pytest

from portal.models import Skill
from vacancies import services
from vacancies.models import JobOrder, VacancyApplication, WorkerProfile

from .factories import contract_pdf, published, skills

pytestmark = pytest.mark.django_db


def _profile_post(**extra):
    data = {
        "origin_country": "KG",
        "origin_region": "",
        "sex": "F",
        "birth_year": "1994",
        "occupations": ["92"],
        "years_experience": "4",
        "education_level": "vocational",
        "months_available": ["4", "5", "6"],
        "preferred_destinations": ["KZ"],
        "lang_ru": "independent",
        "lang_ky": "proficient",
    }
    data.update(extra)
    return data


def test_worker_builds_profile_applies_exports_and_deletes(client, v):
    job_order = published(v)
    skills("harvest crops", "harvest fruit")
    client.force_login(v["worker"])
    assert client.get("/en/profile/").status_code == 200
    response = client.post("/en/profile/", _profile_post())
    assert response.status_code == 302
    profile = WorkerProfile.objects.get(user=v["worker"])
    assert profile.months_available == [4, 5, 6]
    assert dict(profile.languages.values_list("language_id", "level")) == {
        "ru": "independent",
        "ky": "proficient",
    }

    # Skill suggestions without JavaScript: search, tick, save.
    page = client.get("/en/profile/skills/", {"q": "harvest"}).content.decode()
    assert "harvest fruit" in page and 'type="checkbox"' in page
    fruit = Skill.objects.get(label="harvest fruit")
    client.post("/en/profile/skills/", {"add": [fruit.pk]})
    assert list(profile.skills.values_list("label", flat=True)) == ["harvest fruit"]

    key = str(uuid.uuid4())
    client.post(f"/en/vacancies/{job_order.pk}/apply/", {"submission_key": key, "message": "Hi"})
    client.post(f"/en/vacancies/{job_order.pk}/apply/", {"submission_key": key, "message": "Hi"})
    assert VacancyApplication.objects.filter(profile=profile).count() == 1
    assert "Apple picker" in client.get("/en/profile/applications/").content.decode()

    exported = client.get("/en/profile/my-data.json")
    assert exported["Content-Disposition"].startswith("attachment")
    data = json.loads(exported.content)
    assert data["profile"]["skills"] == ["harvest fruit"]
    assert data["applications"][0]["job_order"] == job_order.number

    assert client.get("/en/profile/delete/").status_code == 200
    client.post("/en/profile/delete/")
    assert not WorkerProfile.objects.filter(user=v["worker"]).exists()
    assert not VacancyApplication.objects.exists()


def test_consent_toggle(client, v, worker_profile):
    client.force_login(v["worker"])
    client.post("/en/profile/consent/", {"consent": "on"})
    worker_profile.refresh_from_db()
    assert worker_profile.consent_to_agencies
    client.post("/en/profile/consent/", {})
    worker_profile.refresh_from_db()
    assert not worker_profile.consent_to_agencies


def test_agency_candidates_show_consenting_workers_only(client, v, worker_profile):
    client.force_login(v["agency_staff"])
    page = client.get("/en/agency/candidates/").content.decode()
    assert f"Candidate #{worker_profile.pk}" not in page
    services.worker_profile_consent_set(profile=worker_profile, by=v["worker"], consent=True)
    page = client.get("/en/agency/candidates/").content.decode()
    assert f"Candidate #{worker_profile.pk}" in page
    assert "passport" not in page.lower() and "worker@example.org" not in page
    client.force_login(v["worker"])
    assert client.get("/en/agency/candidates/").status_code == 404


def test_agency_posts_job_order_and_handles_applicants(client, v, worker_profile):
    [harvest] = skills("harvest crops")
    client.force_login(v["agency_admin"])
    assert client.get("/en/agency/job-orders/new/").status_code == 200
    start = "2027-04-01"
    response = client.post(
        "/en/agency/job-orders/new/",
        {
            "submission_key": str(uuid.uuid4()),
            "scheme": v["scheme"].pk,
            "employer": v["employer"].pk,
            "title": "Greenhouse worker",
            "description": "Tomatoes.",
            "occupation": "9211",
            "essential_skills": [harvest.pk],
            "languages": ["ru"],
            "region": "KZ-75",
            "city": "Almaty",
            "positions": "3",
            "monthly_wage": "210000",
            "currency": "kzt",
            "hours_per_week": "40",
            "housing": "free",
            "meals": "free",
            "travel_paid_by_employer": "on",
            "worker_fee_amount": "0",
            "contract_months": "6",
            "season_start": start,
            "season_end": "2027-09-30",
            "application_deadline": "2027-03-01",
            "contract_language": "ru",
            "content_language": "en",
            "conditions": "Housing free.",
            "title_ky": "Жылуулукта иштөөчү",
            "description_ky": "Помидорлор.",
            "conditions_ky": "Турак жай акысыз.",
            "contract_template": contract_pdf(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    job_order = JobOrder.objects.get(title="Greenhouse worker")
    assert job_order.currency == "KZT" and job_order.contract_template
    assert job_order.translations == {
        "ky": {
            "title": "Жылуулукта иштөөчү",
            "description": "Помидорлор.",
            "conditions": "Турак жай акысыз.",
        }
    }
    client.post(f"/en/agency/job-orders/{job_order.pk}/submit/")
    job_order.refresh_from_db()
    assert job_order.status == "submitted"

    # A published one with an applicant: shortlist, offer; the worker accepts.
    other = published(v)
    application = services.vacancy_application_submit(job_order=other, by=v["worker"])
    page = client.get(f"/en/agency/job-orders/{other.pk}/").content.decode()
    assert f"Applicant #{application.pk}" in page
    client.post(f"/en/agency/applications/{application.pk}/shortlist/")
    client.post(f"/en/agency/applications/{application.pk}/offer/")
    client.force_login(v["worker"])
    client.post(f"/en/profile/applications/{application.pk}/accept/")
    application.refresh_from_db()
    assert application.status == "accepted"
    response = client.post(
        f"/en/profile/applications/{application.pk}/costs/",
        {
            "amount": "200",
            "currency": "USD",
            "paid_to": "broker",
            "purpose": "recruitment_fee",
            "paid_to_name": "",
            "paid_on": "",
            "details": "",
        },
    )
    assert response.status_code == 302
    assert application.cost_reports.count() == 1


def test_unknown_skill_rejected_in_job_order_form(client, v):
    client.force_login(v["agency_admin"])
    response = client.post(
        "/en/agency/job-orders/new/", {"scheme": v["scheme"].pk, "essential_skills": ["987654321"]}
    )
    assert response.status_code == 400
    assert (
        "Select a valid choice. 987654321 is not one of the available choices."
        in response.content.decode()
    )


def test_other_agency_job_order_not_found(client, v, orgs):
    from portal.models import Role
    from tests.conftest import make_user

    job_order = published(v)
    outsider = make_user("tj@example.org", role=Role.AGENCY_ADMIN, organisation=orgs["tj_agency"])
    client.force_login(outsider)
    assert client.get(f"/en/agency/job-orders/{job_order.pk}/").status_code == 404


def test_an_offer_waiting_for_the_worker_comes_first(client, v, worker_profile):
    """The applications page opens on what needs the worker's answer, even when it is older."""
    offered = services.vacancy_application_submit(
        job_order=published(v, title="Apple picker"), by=v["worker"]
    )
    services.vacancy_application_offer(application=offered, by=v["agency_admin"])
    services.vacancy_application_submit(
        job_order=published(v, title="Greenhouse worker"), by=v["worker"]
    )
    client.force_login(v["worker"])
    page = client.get("/en/profile/applications/").content.decode()
    waiting = page.index("Waiting for your answer")
    assert (
        waiting
        < page.index("Apple picker")
        < page.index("Your other applications")
        < page.index("Greenhouse worker")
    )
    assert page.index("Accept the offer") < page.index("Greenhouse worker")
