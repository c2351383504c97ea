"""A partner token with statistics:read reads its own country's figures only; another country's
need the statistics:read:regional scope (issue 17)."""

import pytest

from portal.api.models import ApiScope

from .conftest import bearer

URL = "/api/v1/partner/statistics/"
OWN = [ApiScope.STATISTICS_READ]
REGIONAL = [ApiScope.STATISTICS_READ, ApiScope.STATISTICS_READ_REGIONAL]


def test_statistics_read_is_limited_to_the_tokens_country(api, world, issue_token):
    raw = issue_token(scopes=OWN).raw  # the partner organisation is in KZ
    assert api.get(URL, **bearer(raw)).status_code == 200
    assert api.get(URL, {"country": "kz"}, **bearer(raw)).status_code == 200
    for other in ("KG", "kg", "TJ"):
        response = api.get(URL, {"country": other, "lang": "en"}, **bearer(raw))
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
        assert "statistics:read:regional" in response.json()["detail"]
        assert "results" not in response.json()


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_the_refusal_is_in_the_callers_language(api, world, issue_token, language):
    raw = issue_token(scopes=OWN).raw
    detail = api.get(URL, {"country": "KG", "lang": language}, **bearer(raw)).json()["detail"]
    assert not detail.startswith("This token") and "statistics:read:regional" in detail


def test_the_regional_scope_reads_every_country(api, world, issue_token):
    raw = issue_token(scopes=REGIONAL).raw
    for country in ("KZ", "KG", "TJ"):
        assert api.get(URL, {"country": country}, **bearer(raw)).status_code == 200
