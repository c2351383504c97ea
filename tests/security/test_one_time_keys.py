"""One-time form keys (issue 17, finding 3): every create form carries a hidden random key
made on GET; a repeated or simultaneous POST with the same key creates one record, and the
repeat shows the same result (for a complaint: the same tracking code)."""

import re
import threading
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.utils import translation

from licensing import forms as licensing_forms
from licensing import services as licensing
from licensing.models import Complaint
from licensing.permits import forms as permit_forms
from portal.models import Country, Organisation
from tests.conftest import requires_postgres
from tests.permits.test_quotas import flushable_audit_log  # noqa: F401 - a fixture
from vacancies import forms as vacancy_forms
from vacancies import services as vacancies
from vacancies.models import PastSeason

pytestmark = pytest.mark.django_db

COMPLAINT = {
    "agency_name": "Man at the Dushanbe bazaar",
    "licence_number": "",
    "country": "TJ",
    "category": "fees",
    "description": "Asked 500 USD for a job in Russia.",
    "is_anonymous": "on",
}


@pytest.mark.parametrize(
    "form_class",
    [
        licensing_forms.ComplaintForm,
        licensing_forms.AgencyRegisterForm,
        licensing_forms.StartApplicationForm,
        lambda: permit_forms.ApplicationForm(kind="WP", for_agency=False),
        vacancy_forms.ApplyForm,
        vacancy_forms.SubmissionKeyForm,
        vacancy_forms.CostReportForm,
        vacancy_forms.SeasonForm,
    ],
)
def test_every_create_form_carries_a_fresh_hidden_key(form_class):
    first, second = str(form_class()["submission_key"]), str(form_class()["submission_key"])
    assert 'type="hidden"' in first
    assert (
        re.search(r'value="([0-9a-f-]{36})"', first)[1]
        != re.search(r'value="([0-9a-f-]{36})"', second)[1]
    )


def _key_on(page: str) -> str:
    return re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page)[1]


def _code(client, response) -> str:
    assert response.status_code == 302, response.content.decode()[:500]
    page = client.get(response["Location"]).content.decode()
    return re.search(r"\b([A-HJ-NP-Z2-9]{10})\b", page)[1]


def test_a_re_sent_complaint_form_files_one_complaint_and_shows_the_same_code(client):
    key = _key_on(client.get("/en/complaints/new/").content.decode())
    first = _code(client, client.post("/en/complaints/new/", {**COMPLAINT, "submission_key": key}))
    again = _code(client, client.post("/en/complaints/new/", {**COMPLAINT, "submission_key": key}))
    assert first == again == Complaint.objects.get().tracking_code
    other = _code(
        client,
        client.post("/en/complaints/new/", {**COMPLAINT, "submission_key": str(uuid.uuid4())}),
    )
    assert other != first and Complaint.objects.count() == 2


def test_a_key_does_not_hand_over_someone_elses_named_complaint(people):
    key = uuid.uuid4()
    licensing.complaint_file(
        by=people["worker"],
        country_id="TJ",
        category="fees",
        description="x",
        recruiter_name="Y",
        is_anonymous=False,
        contact_name="Ali",
        contact="+992900000000",
        submission_key=key,
    )
    with pytest.raises(PermissionDenied):
        licensing.complaint_file(
            by=people["agency_admin"],
            country_id="TJ",
            category="fees",
            description="x",
            recruiter_name="Y",
            submission_key=key,
        )


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_complaints_with_one_key_file_one(flushable_audit_log):  # noqa: F811
    if not Country.objects.filter(pk="TJ").exists():
        pytest.skip("reference data missing")
    key, codes, errors = str(uuid.uuid4()), [], []
    barrier = threading.Barrier(5)

    def post():
        try:
            client = Client()
            barrier.wait()
            codes.append(
                _code(
                    client, client.post("/en/complaints/new/", {**COMPLAINT, "submission_key": key})
                )
            )
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert set(codes) == {Complaint.objects.get().tracking_code}


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_agency_registrations_with_one_key_make_one_agency(
    flushable_audit_log, people
):  # noqa: F811
    key, made, errors = uuid.uuid4(), [], []
    barrier = threading.Barrier(4)
    before = Organisation.objects.filter(kind="agency").count()

    def register():
        try:
            barrier.wait()
            made.append(
                licensing.agency_register(
                    user=people["worker"],
                    name="Silk Road Staffing",
                    country_id="KG",
                    registration_number="KG-REG-42",
                    submission_key=key,
                ).pk
            )
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(made)) == 1
    assert Organisation.objects.filter(kind="agency").count() == before + 1


def test_a_re_sent_season_form_adds_one_season(people):
    from tests.vacancies.factories import scheme_create, skills

    scheme = scheme_create()
    profile = vacancies.worker_profile_create(
        user=people["worker"],
        data={
            "origin_country": scheme.origin_country,
            "sex": "M",
            "birth_year": 1995,
            "years_experience": 3,
            "education_level": "vocational",
            "months_available": [4],
            "occupations": ["9211"],
            "skills": skills("harvest crops"),
            "languages": {"ru": "independent"},
        },
    )
    client = Client()
    client.force_login(people["worker"])
    key = _key_on(client.get("/en/profile/").content.decode())
    data = {
        "submission_key": key,
        "country": "KZ",
        "departed_on": "2025-04-01",
        "returned_on": "2025-10-01",
    }
    for _ in range(2):
        assert client.post("/en/profile/seasons/", data).status_code == 302
    assert PastSeason.objects.filter(profile=profile).count() == 1
    assert PastSeason.objects.get().returned_on == date(2025, 10, 1)


def test_a_re_sent_cost_report_counts_once(world):
    from django.urls import reverse

    from vacancies.models import CostReport

    application = world["vacancy_application"]
    client = Client()
    client.force_login(world["users"]["worker"])
    url = reverse("vacancies:cost_report", kwargs={"pk": application.pk}).replace("/ru/", "/en/", 1)
    key = _key_on(client.get(url).content.decode())
    data = {
        "submission_key": key,
        "amount": "120",
        "currency": "USD",
        "paid_to": "agency",
        "purpose": "medical",
        "paid_to_name": "Clinic",
        "details": "",
    }
    before = CostReport.objects.count()
    for _ in range(2):
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:800]
    assert CostReport.objects.count() == before + 1
    assert CostReport.objects.get(submission_key=key).amount == Decimal("120")


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_profile_creations_make_one_profile_and_no_error(flushable_audit_log, people):  # noqa: F811
    from django.core.exceptions import ValidationError

    from tests.vacancies.factories import scheme_create, skills
    from vacancies.models import WorkerProfile
    from vacancies.services.worker_profiles import ERROR_PROFILE_EXISTS

    scheme = scheme_create()
    data = {
        "origin_country": scheme.origin_country,
        "sex": "M",
        "birth_year": 1995,
        "years_experience": 3,
        "education_level": "vocational",
        "months_available": [4],
        "occupations": ["9211"],
        "skills": skills("harvest crops"),
        "languages": {"ru": "independent"},
    }
    made, refused, errors = [], [], []
    barrier = threading.Barrier(3)

    def create():
        with translation.override("en"):
            try:
                barrier.wait()
                made.append(
                    vacancies.worker_profile_create(user=people["worker"], data=dict(data)).pk
                )
            except ValidationError as exc:
                refused.append(exc.messages)
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)
            finally:
                connection.close()

    threads = [threading.Thread(target=create) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(made) == 1 and WorkerProfile.objects.filter(user=people["worker"]).count() == 1
    with translation.override("en"):
        assert all(messages == [str(ERROR_PROFILE_EXISTS)] for messages in refused), refused
