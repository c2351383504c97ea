"""Protection fixtures: the Tajik authority that triages, and one organisation of each kind
that can receive a referral (a Russian labour inspectorate, a Tajik consulate, an NGO and a
resource centre), each with a member."""

from datetime import date

import pytest

from portal.models import Organisation, Role
from tests.conftest import make_user

C = Organisation.Competence


@pytest.fixture
def prot(orgs, people):
    tj = Organisation.objects.create(
        name="TJ Migration Service",
        kind="authority",
        country_id="TJ",
        competences=[C.MIGRANT_PROTECTION],
    )
    inspectorate = Organisation.objects.create(
        name="RU Labour Inspectorate",
        kind="authority",
        country_id="RU",
        competences=[C.LABOUR_INSPECTION],
        email="inspect@example.org",
    )
    kz_inspectorate = Organisation.objects.create(
        name="KZ Labour Inspectorate",
        kind="authority",
        country_id="KZ",
        competences=[C.LABOUR_INSPECTION],
    )
    consulate = Organisation.objects.create(
        name="TJ Consulate in Moscow",
        kind="authority",
        country_id="TJ",
        competences=[C.CONSULAR_ASSISTANCE],
    )
    ngo = Organisation.objects.create(name="Migrant Rights NGO", kind="partner", country_id="RU")
    centre = Organisation.objects.create(
        name="Dushanbe Resource Centre", kind="partner", country_id="TJ"
    )
    return {
        **orgs,
        **people,
        "tj_authority": tj,
        "inspectorate": inspectorate,
        "kz_inspectorate": kz_inspectorate,
        "consulate": consulate,
        "ngo": ngo,
        "centre": centre,
        "tj_officer": make_user("tjofficer@example.org", role=Role.OFFICER, organisation=tj),
        "tj_officer2": make_user("tjofficer2@example.org", role=Role.OFFICER, organisation=tj),
        "inspector": make_user(
            "inspector@example.org", role=Role.OFFICER, organisation=inspectorate
        ),
        "consul": make_user("consul@example.org", role=Role.OFFICER, organisation=consulate),
        "ngo_worker": make_user("ngo@example.org", role=Role.OFFICER, organisation=ngo),
        "centre_worker": make_user("centre@example.org", role=Role.OFFICER, organisation=centre),
    }


@pytest.fixture
def monday(monkeypatch):
    """Filing on a Monday without holidays, so working-day deadlines are predictable."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 3, 2))
    return date(2026, 3, 2)
