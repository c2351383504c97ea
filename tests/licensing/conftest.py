"""Licensing fixtures: a KZ agency with its admin, officers of both countries, a complete draft."""

import pytest

from portal.models import Organisation, Role
from tests.conftest import make_user, private_storage_at


@pytest.fixture(autouse=True)
def private_storage_in_tmp(tmp_path):
    """Uploaded files go to a temporary directory, never into the working tree."""
    with private_storage_at(tmp_path / "private") as storage:
        yield storage


@pytest.fixture
def lic(orgs, people):
    """A KZ agency and its admin; KZ officers decide, a KG officer is out of jurisdiction."""
    kz_agency = Organisation.objects.create(
        name="Steppe Test Staffing", kind="agency", country_id="KZ", registration_number="KZ-1"
    )
    return {
        **orgs,
        **people,
        "kz_agency": kz_agency,
        "kz_admin": make_user(
            "kzadmin@example.org", role=Role.AGENCY_ADMIN, organisation=kz_agency
        ),
        "officer2": make_user(
            "officer2@example.org", role=Role.OFFICER, organisation=orgs["kz_authority"]
        ),
    }


@pytest.fixture
def give_totp_to():
    """Staff users need an authenticator before any page but /accounts/."""
    from tests.conftest import give_totp

    def give(*users):
        for user in users:
            give_totp(user)

    return give
