"""Partner endpoints: the scope matrix, refused tokens, last use, audit of every call, CSV,
and the content of the statistics, sanctions and changes feeds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from licensing import services as licensing_services
from portal.api.models import ApiScope, ApiToken
from portal.api.services import api_token_revoke
from portal.models import AuditEvent

from .conftest import bearer

ENDPOINTS = {
    "/api/v1/partner/statistics/?country=KZ": ApiScope.STATISTICS_READ,
    "/api/v1/partner/sanctions/": ApiScope.SANCTIONS_READ,
    "/api/v1/partner/registry/changes/?since=2020-01-01T00:00:00Z": ApiScope.REGISTRY_READ,
}


@pytest.mark.parametrize("scope", list(ApiScope.values))
@pytest.mark.parametrize("url", list(ENDPOINTS))
def test_scope_matrix(api, world, issue_token, url, scope):
    """Each token scope against each endpoint: 200 exactly where the scope matches."""
    raw = issue_token(scopes=[scope]).raw
    response = api.get(url, **bearer(raw))
    expected = 200 if ENDPOINTS[url] == scope else 403
    assert response.status_code == expected
    if expected == 403:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("url", list(ENDPOINTS))
def test_no_token_is_401_problem(api, world, url):
    response = api.get(url)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail", "instance", "code"}
    assert body["status"] == 401


def test_unknown_token_refused(api, world):
    response = api.get("/api/v1/partner/sanctions/", **bearer("krv_00000000_nope"))
    assert response.status_code == 401


def test_revoked_token_refused(api, world, issue_token, people):
    issued = issue_token()
    assert api.get("/api/v1/partner/sanctions/", **bearer(issued.raw)).status_code == 200
    api_token_revoke(by=people["authority_admin"], token=issued.token, reason="Leaked")
    response = api.get("/api/v1/partner/sanctions/?lang=en", **bearer(issued.raw))
    assert response.status_code == 401
    assert response.json()["detail"] == "The API token has been revoked."


def test_expired_token_refused(api, world, issue_token):
    issued = issue_token()
    ApiToken.objects.filter(pk=issued.token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = api.get("/api/v1/partner/sanctions/?lang=en", **bearer(issued.raw))
    assert response.status_code == 401
    assert response.json()["detail"] == "The API token has expired."


def test_token_is_stored_hashed_and_records_last_use(api, world, issue_token):
    issued = issue_token()
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.raw not in (token.key_hash, token.prefix) and token.last_used_at is None
    assert issued.raw.startswith(f"krv_{token.prefix}_")
    api.get("/api/v1/partner/sanctions/", **bearer(issued.raw))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_every_partner_call_is_audited(api, world, issue_token):
    issued = issue_token(scopes=[ApiScope.SANCTIONS_READ])
    before = AuditEvent.objects.filter(action="api.partner.call").count()
    api.get("/api/v1/partner/sanctions/?country=KG", **bearer(issued.raw))
    api.get("/api/v1/partner/statistics/", **bearer(issued.raw))  # refused: wrong scope
    events = list(AuditEvent.objects.filter(action="api.partner.call").order_by("pk"))[before:]
    assert len(events) == 2
    ok, refused = events
    assert ok.object_type == "portal.apitoken" and ok.object_id == str(issued.token.pk)
    assert ok.organisation_id == issued.token.organisation_id
    assert ok.country == issued.token.organisation.country_id
    assert ok.actor is None and ok.actor_label == f"API token {issued.token.prefix}"
    assert ok.reason == "GET /api/v1/partner/sanctions/?country=KG"
    assert ok.to_state == "200" and refused.to_state == "403"
    assert ok.changes == {"scope": [None, "sanctions:read"]}


def test_csv(api, world, issue_token):
    raw = issue_token().raw
    response = api.get("/api/v1/partner/sanctions/?format=csv", **bearer(raw))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("id,type,kind,date,agency.id,agency.name")
    assert "Late reporting" in lines[1]
    response = api.get(
        "/api/v1/partner/statistics/?country=KZ", HTTP_ACCEPT="text/csv", **bearer(raw)
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0].startswith("country,region,isco,month,")


def test_csv_errors_stay_problem_json(api, world, issue_token):
    raw = issue_token().raw
    response = api.get("/api/v1/partner/statistics/?format=csv&year=1", **bearer(raw))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "year" in response.json()["errors"]


def test_statistics_suppression_in_response(api, world, issue_token):
    raw = issue_token(scopes=[ApiScope.STATISTICS_READ]).raw
    year = world["picker"].season_start.year
    response = api.get(
        f"/api/v1/partner/statistics/?country=KZ&year={year}&page_size=200", **bearer(raw)
    )
    assert response.status_code == 200
    assert response["X-Suppression-Threshold"] == "5"
    rows = response.json()["results"]
    assert rows
    for row in rows:
        for key, value in row.items():
            if isinstance(value, int) and not isinstance(value, bool):
                assert not 1 <= value <= 4, (key, row)
    welder = [r for r in rows if r["isco"] == "7" and r["region"] == "KZ-75"]
    assert welder and all(r["positions"] is None and r["positions_suppressed"] for r in welder)
    picker = [r for r in rows if r["isco"] == "9" and r["region"] == "KZ-75"]
    assert picker and all(r["positions"] == 12 and not r["positions_suppressed"] for r in picker)
    supply = [r for r in rows if r["region"] == "KG-C" and r["isco"] == "9"]
    assert supply and all(
        r["supply"] == 7 and r["supply_female"] is None and r["supply_female_suppressed"]
        for r in supply
    )


def test_statistics_defaults_to_token_country(api, world, issue_token):
    raw = issue_token(scopes=[ApiScope.STATISTICS_READ]).raw  # partner organisation in KZ
    rows = api.get("/api/v1/partner/statistics/", **bearer(raw)).json()["results"]
    assert all(r["country"] == "KZ" for r in rows)


def test_sanctions_feed_includes_confirmed_revocations(api, world, issue_token, people, orgs):
    from portal.models import Role
    from tests.conftest import make_user

    second = make_user(
        "kgsenior@example.org", role=Role.SENIOR_OFFICER, organisation=orgs["kg_authority"]
    )
    licence = world["licence"]
    licensing_services.licence_revocation_propose(
        licence=licence, by=people["kg_officer"], reason="Charged workers fees"
    )
    licensing_services.licence_revocation_confirm(licence=licence, by=second)
    raw = issue_token(scopes=[ApiScope.SANCTIONS_READ]).raw
    items = api.get("/api/v1/partner/sanctions/?country=KG", **bearer(raw)).json()["results"]
    kinds = {(i["type"], i["kind"]) for i in items}
    assert ("licence_revocation", "revocation") in kinds and ("sanction", "warning") in kinds
    revocation = next(i for i in items if i["type"] == "licence_revocation")
    assert revocation["licence_number"] == licence.number
    assert revocation["reason"] == "Charged workers fees"
    assert api.get("/api/v1/partner/sanctions/?country=KZ", **bearer(raw)).json()["count"] == 0


def test_registry_changes_since(api, world, issue_token, people):
    raw = issue_token(scopes=[ApiScope.REGISTRY_READ]).raw
    url = "/api/v1/partner/registry/changes/"
    first = api.get(url, {"since": "2020-01-01T00:00:00Z"}, **bearer(raw)).json()["results"]
    assert [r["number"] for r in first] == [world["licence"].number]
    mark = timezone.now()
    assert api.get(url, {"since": mark.isoformat()}, **bearer(raw)).json()["count"] == 0
    licensing_services.licence_suspend(
        licence=world["licence"], by=people["kg_officer"], reason="Inspection pending"
    )
    changed = api.get(url, {"since": mark.isoformat()}, **bearer(raw)).json()["results"]
    assert [(r["number"], r["status"]) for r in changed] == [(world["licence"].number, "suspended")]
    assert api.get(url, **bearer(raw)).status_code == 400  # since is required
