"""Token lifecycle: services with their audit events, who may manage tokens, and the back
office (raw token shown once, revocation with a reason)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from portal.api.models import ApiScope, ApiToken
from portal.api.services import (
    ERROR_KIND,
    ERROR_SCOPES,
    api_token_create,
    api_token_revoke,
    key_hash,
)
from portal.models import AuditEvent
from tests.conftest import give_totp

pytestmark = pytest.mark.django_db


def _create(by, organisation, scopes=("statistics:read",), days=10):
    return api_token_create(
        by=by,
        organisation=organisation,
        name="Dashboard",
        scopes=list(scopes),
        expires_at=timezone.now() + timedelta(days=days),
    )


def test_create_stores_hash_and_audits(people, orgs):
    issued = _create(people["authority_admin"], orgs["partner"])
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert token.key_hash == key_hash(issued.raw) and issued.raw not in token.key_hash
    event = AuditEvent.objects.get(action="api.token.create", object_id=str(token.pk))
    assert event.object_type == "portal.apitoken"
    assert event.actor == people["authority_admin"]
    assert event.organisation_id == orgs["partner"].pk
    assert event.country == "KZ"
    assert event.from_state == "" and event.to_state == "active"
    assert event.changes["name"] == [None, "Dashboard"]
    assert event.changes["scopes"] == [None, ["statistics:read"]]
    assert issued.raw not in str(event.changes)


def test_revoke_audits_with_reason(people, orgs):
    issued = _create(people["authority_admin"], orgs["partner"])
    api_token_revoke(by=people["authority_admin"], token=issued.token, reason=" Leaked ")
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert token.state == "revoked" and token.revoked_by == people["authority_admin"]
    event = AuditEvent.objects.get(action="api.token.revoke", object_id=str(token.pk))
    assert (event.from_state, event.to_state, event.reason) == ("active", "revoked", "Leaked")
    with pytest.raises(ValidationError):
        api_token_revoke(by=people["authority_admin"], token=token, reason="again")


def test_only_authority_admins_of_the_country(people, orgs):
    for user in ("officer", "analyst", "agency_admin", "kg_officer"):
        with pytest.raises(PermissionDenied):
            _create(people[user], orgs["partner"])
    with pytest.raises(PermissionDenied):  # KZ admin, KG organisation
        _create(people["authority_admin"], orgs["kg_authority"])
    assert _create(people["authority_admin"], orgs["kz_authority"]).token.pk


def test_only_authorities_and_partners_and_known_scopes(people, orgs):
    from portal.models import Organisation

    kz_agency = Organisation.objects.create(name="KZ Agency", kind="agency", country_id="KZ")
    with pytest.raises(ValidationError) as error:
        _create(people["authority_admin"], kz_agency)
    assert error.value.messages == [str(ERROR_KIND)]
    with pytest.raises(ValidationError) as error:
        _create(people["authority_admin"], orgs["partner"], scopes=["everything:write"])
    assert error.value.messages == [str(ERROR_SCOPES)]
    with pytest.raises(ValidationError):
        _create(people["authority_admin"], orgs["partner"], days=-1)


@pytest.fixture
def admin_client(client, people):
    from wagtail.users.models import UserProfile

    user = people["authority_admin"]
    give_totp(user)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def test_back_office_create_shows_token_once_and_revoke(admin_client, people, orgs):
    _create(people["authority_admin"], orgs["partner"])
    other_country = ApiToken.objects.create(
        organisation=orgs["kg_authority"],
        name="KG internal",
        prefix="kgkgkgkg",
        key_hash="0" * 64,
        scopes=["registry:read"],
        expires_at=timezone.now() + timedelta(days=5),
    )
    index = admin_client.get("/admin/api_tokens/")
    assert index.status_code == 200
    html = index.content.decode()
    assert "Dashboard" in html and "KG internal" not in html
    assert admin_client.get(f"/admin/api_tokens/edit/{other_country.pk}/").status_code in (403, 404)

    form = admin_client.get("/admin/api_tokens/new/")
    assert form.status_code == 200
    assert "KG Ministry" not in form.content.decode()  # only organisations of the admin's country
    response = admin_client.post(
        "/admin/api_tokens/new/",
        {
            "organisation": orgs["partner"].pk,
            "name": "IOM regional",
            "scopes": [ApiScope.STATISTICS_READ, ApiScope.SANCTIONS_READ],
            "expires_at": (timezone.now() + timedelta(days=90)).strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    token = ApiToken.objects.get(name="IOM regional")
    html = response.content.decode()
    raw = html.split('id="api-token" type="text" readonly value="')[1].split('"')[0]
    assert key_hash(raw) == token.key_hash
    assert "no-store" in response["Cache-Control"]
    assert raw not in admin_client.get("/admin/api_tokens/").content.decode()

    revoke = admin_client.post(
        f"/admin/api_tokens/edit/{token.pk}/", {"revocation_reason": "Project ended"}
    )
    assert revoke.status_code == 302
    token.refresh_from_db()
    assert token.state == "revoked" and token.revocation_reason == "Project ended"


def test_back_office_closed_to_officers(client, people):
    give_totp(people["officer"])
    client.force_login(people["officer"])
    response = client.get("/admin/api_tokens/")
    assert response.status_code in (302, 403)
