"""A Content-Security-Policy (and nosniff) on every kind of response: pages, errors, API JSON,
the back office, file downloads (PDF, CSV). Production settings: tests/portal/
test_health_and_security.py runs `check --deploy --fail-level WARNING`."""

import pytest

from tests.conftest import give_totp

pytestmark = pytest.mark.django_db


def _assert_safe(response, *, strict: bool):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    if strict:  # public pages: no inline script, no framing
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "url, status",
    [
        ("/ru/", 200),
        ("/en/registry/", 200),
        ("/ru/no-such-page/", 404),
        ("/en/registry/agencies.csv", 200),
        ("/api/v1/vacancies/", 200),
        ("/api/v1/no-such-endpoint/", 404),
        ("/healthz", 200),
    ],
)
def test_public_responses_carry_the_strict_policy(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    _assert_safe(response, strict=True)


def test_forbidden_and_rate_limited_answers_carry_the_policy(client, people):
    client.force_login(people["agency_staff"])
    response = client.get("/django-admin/")
    assert response.status_code in (302, 403)
    _assert_safe(response, strict=False)
    for _ in range(100):
        response = client.post("/en/complaints/track/", {"code": "AAAA-BBBB-CCCC"})
        if response.status_code == 429:
            break
    assert response.status_code == 429, "tracking codes are rate limited"
    _assert_safe(response, strict=True)


def test_backoffice_and_downloads_carry_a_policy(client, people):
    give_totp(people["officer"])
    client.force_login(people["officer"])
    admin = client.get("/admin/")
    assert admin.status_code == 200
    _assert_safe(admin, strict=False)
    assert "frame-ancestors 'self'" in admin["Content-Security-Policy"]
