"""Vacancies fixtures: a licensed KG agency, a KZ employer, a KG→KZ scheme vetted in KZ,
the Almaty minimum wage, and a worker with a profile."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.utils import translation

from portal.models import Organisation
from tests.conftest import make_user
from vacancies import services
from vacancies.models import JobOrder

from .factories import employer_accredit, licence_issue, minimum_wage, scheme_create, skills


@pytest.fixture(autouse=True)
def in_english():
    """Messages compared in these tests are the English source strings."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def private_storage_in_tmp(tmp_path):
    """Contract templates go to a temporary directory, never into the working tree."""
    from portal.models import CaseDocument
    from vacancies.models import EmploymentContract

    fields = [
        JobOrder._meta.get_field("contract_template"),
        EmploymentContract._meta.get_field("pdf"),
        CaseDocument._meta.get_field("file"),
    ]
    saved = [field.storage for field in fields]
    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    for field in fields:
        field.storage = storage
    yield storage
    for field, old in zip(fields, saved, strict=True):
        field.storage = old


@pytest.fixture
def v(orgs, people):
    employer = Organisation.objects.create(
        name="Almaty Agro Holding", kind="employer", country_id="KZ"
    )
    licence = licence_issue(orgs["kg_agency"], orgs["kg_authority"])
    accreditation = employer_accredit(employer, orgs["kz_authority"], by=people["officer"])
    scheme = scheme_create()
    minimum_wage()
    return {
        **orgs,
        **people,
        "employer": employer,
        "licence": licence,
        "accreditation": accreditation,
        "scheme": scheme,
        "agency": orgs["kg_agency"],
    }


@pytest.fixture
def worker_profile(v):
    return services.worker_profile_create(
        user=v["worker"],
        data={
            "origin_country": v["scheme"].origin_country,
            "sex": "M",
            "birth_year": 1995,
            "years_experience": 3,
            "education_level": "vocational",
            "months_available": [4, 5, 6, 7],
            "occupations": ["9211"],
            "skills": skills("harvest crops"),
            "languages": {"ru": "independent", "ky": "proficient"},
        },
    )


@pytest.fixture
def other_worker():
    return make_user("other.worker@example.org")
