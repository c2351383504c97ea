"""Rate limits: public calls per address, partner calls per token; answers 429 problem+json
with Retry-After."""

from django.conf import settings
from django.test import override_settings

from .conftest import bearer


def _rates(public="1000/min", partner="1000/min"):
    return {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": public, "partner": partner},
    }


def test_public_throttle(api, db):
    with override_settings(REST_FRAMEWORK=_rates(public="3/min")):
        codes = [api.get("/api/v1/registry/agencies/").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        response = api.get("/api/v1/vacancies/")
        assert response.status_code == 429
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "throttled"
        assert int(response["Retry-After"]) > 0


def test_partner_throttle_is_per_token(api, world, issue_token):
    first, second = issue_token().raw, issue_token().raw
    with override_settings(REST_FRAMEWORK=_rates(partner="2/min")):
        url = "/api/v1/partner/sanctions/"
        assert [api.get(url, **bearer(first)).status_code for _ in range(3)] == [200, 200, 429]
        assert api.get(url, **bearer(second)).status_code == 200
