"""Partner countries send aggregated figures (POST /api/v1/partner/reports/, scope
statistics:write): per-row errors as problem+json, idempotent re-sends, audit, and figures
two countries of a corridor report differently flagged for analysts."""

import pytest

from matching.models import PartnerFigure, PartnerReport
from portal.api.models import ApiScope
from portal.models import AuditEvent

from .conftest import bearer

pytestmark = pytest.mark.django_db
URL = "/api/v1/partner/reports/"


def row(**over):
    return {
        "origin": "KG",
        "destination": "KZ",
        "year": 2026,
        "isco": "9",
        "sex": "F",
        "measure": "departures",
        "value": 120,
        **over,
    }


def _kg_token() -> str:
    """A write token of Kyrgyzstan's statistics office, issued by a superuser."""
    from datetime import timedelta

    from django.utils import timezone

    from portal.api.services import api_token_create
    from portal.models import Organisation
    from tests.conftest import make_user

    office = Organisation.objects.create(name="KG statistics", kind="partner", country_id="KG")
    admin = make_user("root@example.org", is_superuser=True, is_staff=True)
    return api_token_create(
        by=admin,
        organisation=office,
        name="KG",
        scopes=[ApiScope.STATISTICS_WRITE],
        expires_at=timezone.now() + timedelta(days=9),
    ).raw


def post(api, raw, body):
    return api.post(URL, body, content_type="application/json", **bearer(raw))


def test_needs_the_write_scope(api, issue_token):
    raw = issue_token(scopes=[ApiScope.STATISTICS_READ]).raw
    assert post(api, raw, {"key": "b1", "rows": [row()]}).status_code == 403


def test_errors_name_the_row_and_field(api, issue_token):
    raw = issue_token(scopes=[ApiScope.STATISTICS_WRITE]).raw
    response = post(
        api,
        raw,
        {"key": "b1", "rows": [row(), row(value=-1, sex="W"), row(origin="XX", isco="99999")]},
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert "rows.1.value" in errors and "rows.1.sex" in errors
    assert "rows.2.origin" in errors and "rows.2.isco" in errors
    assert not PartnerReport.objects.exists()


def test_resend_is_idempotent_and_audited(api, issue_token):
    raw = issue_token(scopes=[ApiScope.STATISTICS_WRITE]).raw
    body = {"key": "2026-q1", "rows": [row(), row(sex="M", value=300)]}
    first = post(api, raw, body)
    assert first.status_code == 201 and first.json()["created"] is True
    again = post(api, raw, body)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert again.json()["created"] is False
    assert PartnerFigure.objects.count() == 2
    assert AuditEvent.objects.filter(action="matching.partner_report.receive").count() == 1
    other = post(api, raw, {"key": "2026-q1", "rows": [row(value=1)]})
    assert other.status_code == 409


def test_disagreeing_figures_of_a_corridor_are_flagged(api, issue_token, orgs):
    kz = issue_token(scopes=[ApiScope.STATISTICS_WRITE]).raw  # the partner organisation is in KZ
    kg = _kg_token()
    assert (
        post(
            api,
            kz,
            {"key": "kz", "rows": [row(measure="arrivals", value=118), row(sex="M", value=300)]},
        ).status_code
        == 201
    )
    response = post(
        api,
        kg,
        {"key": "kg", "rows": [row(measure="arrivals", value=120), row(sex="M", value=300)]},
    )
    assert response.status_code == 201
    assert response.json()["disagreeing"] == 1
    flagged = PartnerFigure.objects.filter(disagrees=True)
    assert {(f.report.reporting_country_id, f.value) for f in flagged} == {("KZ", 118), ("KG", 120)}
