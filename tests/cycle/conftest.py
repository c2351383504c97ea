"""Cycle fixtures: the corridor rules of the demo, a Tajik worker with a profile, a TJ→KZ
scheme, officers of the destination (KZ) from the shared fixtures."""

import pytest
from django.utils import translation

from portal.demo import corridor_rules_load
from vacancies import services as vacancy_services
from vacancies.models import Scheme


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def cy(orgs, people):
    corridor_rules_load()
    scheme = Scheme.objects.create(
        name="TJ→KZ construction",
        origin_country_id="TJ",
        destination_country_id="KZ",
        vetting_country_id="KZ",
        legal_basis="Agreement of 2025-03-01",
        season_start_month=3,
        season_end_month=11,
        max_stay_months=6,
    )
    worker = people["worker"]
    worker.preferred_language = "en"  # notices render in the reader's language
    worker.save(update_fields=["preferred_language"])
    vacancy_services.worker_profile_create(
        user=worker,
        data={
            "origin_country": scheme.origin_country,
            "sex": "F",
            "birth_year": 1996,
            "years_experience": 2,
            "education_level": "vocational",
            "months_available": [4, 5],
            "occupations": ["7112"],
            "skills": [],
            "languages": {"ru": "independent"},
        },
    )
    return {**orgs, **people, "scheme": scheme}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what waits for the commit (the notifications) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
