"""API fixtures: a licensed KG agency with a sanction and published KZ vacancies, workers,
and tokens issued through the service (never created by hand)."""

from datetime import timedelta

import pytest
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.utils import timezone

from licensing.models import Sanction
from portal.api.models import ApiScope
from portal.api.services import api_token_create
from tests.conftest import make_user
from tests.matching.conftest import licence_issue, profile_for, published_job_order
from vacancies.models import JobOrder, Scheme

ALL_SCOPES = list(ApiScope.values)


@pytest.fixture(autouse=True)
def private_storage_in_tmp(tmp_path):
    """Contract templates go to a temporary directory, never into the working tree."""
    field = JobOrder._meta.get_field("contract_template")
    saved = field.storage
    field.storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    yield field.storage
    field.storage = saved


@pytest.fixture
def api(db):
    return Client()


@pytest.fixture
def world(orgs, people):
    """A licensed KG agency (one warning), two published KZ vacancies, three workers."""
    from portal.models import Organisation

    employer = Organisation.objects.create(name="Almaty Agro", kind="employer", country_id="KZ")
    licence = licence_issue(orgs["kg_agency"], orgs["kg_authority"])
    scheme = Scheme.objects.create(
        name="KG→KZ agriculture",
        origin_country_id="KG",
        destination_country_id="KZ",
        vetting_country_id="KZ",
        legal_basis="Agreement 2025",
        season_start_month=3,
        season_end_month=11,
        max_stay_months=9,
    )
    w = {
        **orgs,
        **people,
        "employer": employer,
        "scheme": scheme,
        "agency": orgs["kg_agency"],
        "licence": licence,
    }
    w["picker"] = published_job_order(
        w, title="Apple picker", occupation="9211", essential=["harvest crops"], positions=12
    )
    w["welder"] = published_job_order(
        w,
        title="Welder",
        occupation="7212",
        essential=["weld metal"],
        positions=3,
        languages=("ru", "en"),
    )
    w["profiles"] = [
        profile_for(
            make_user(f"w{i}@example.org"),
            sex="FM"[i % 2],
            skill_labels=["harvest crops"],
            region="KG-C",
        )
        for i in range(7)
    ]
    w["sanction"] = Sanction.objects.create(
        agency=orgs["kg_agency"],
        authority=orgs["kg_authority"],
        licence=licence,
        kind=Sanction.Kind.WARNING,
        reason="Late reporting",
        imposed_by=people["kg_officer"],
        imposed_on=timezone.localdate(),
    )
    return w


@pytest.fixture
def issue_token(people, orgs):
    """issue_token(scopes=[...], organisation=None, days=30) -> raw token (via the service)."""

    def issue(scopes=ALL_SCOPES, organisation=None, days=30):
        return api_token_create(
            by=people["authority_admin"],
            organisation=organisation or orgs["partner"],
            name="Test token",
            scopes=list(scopes),
            expires_at=timezone.now() + timedelta(days=days),
        )

    return issue


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
