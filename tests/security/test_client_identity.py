"""Client identity behind a proxy (issue 17, finding 8): one setting, KARAVAN_TRUSTED_PROXIES,
decides which address sign-in lockouts, API throttles, the public forms' rate limits and the
audit log key on. With 0 hops a forged X-Forwarded-For changes nothing; with 1 hop two clients
behind the same nginx are two clients, not one."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.test import Client, RequestFactory
from django.utils import timezone

from licensing.ratelimit import Rate
from portal.api.services import api_token_create
from portal.clients import client_ip
from portal.models import AuditEvent
from tests.api.conftest import bearer
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # make_user's
PROXY = "10.0.0.2"
COMPLAINT = {
    "agency_name": "Man at the bazaar",
    "licence_number": "",
    "country": "TJ",
    "category": "fees",
    "description": "Asked 500 USD for a job.",
    "is_anonymous": "on",
}


def _forwarded(client_address: str, forged: str = "") -> dict:
    """What gunicorn sees behind one nginx: the proxy's address, and the header nginx extended
    with the address it saw (after anything the client itself sent)."""
    chain = f"{forged}, {client_address}" if forged else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def _failed_logins(client, count: int, meta_for) -> None:
    for i in range(count):
        client.post(
            "/en/accounts/login/",
            {"login": f"nobody{i}@example.org", "password": "wrong!"},
            **meta_for(i),
        )


def _can_sign_in(client, email: str, **meta) -> bool:
    response = client.post("/en/accounts/login/", {"login": email, "password": PASSWORD}, **meta)
    return "_auth_user_id" in client.session and response.status_code == 302


@pytest.mark.parametrize(
    ("hops", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, "203.0.113.7"),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}, "203.0.113.7"),
        (
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7, 10.0.0.1"},
            "203.0.113.7",
        ),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": " 2001:DB8::7 "}, "2001:db8::7"),
        # Fewer entries than hops, or garbage where the proxy writes: never the client's word.
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not-an-address"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY}, PROXY),
    ],
)
def test_client_address_counts_only_trusted_hops(settings, hops, meta, expected):
    settings.KARAVAN_TRUSTED_PROXIES = hops
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_setting_defaults_to_no_proxy():
    assert django_settings.KARAVAN_TRUSTED_PROXIES == 0


def test_without_proxies_a_forged_header_does_not_escape_the_login_lockout(settings):
    """Five failed sign-ins from one address lock that address out (allauth's 5/5m/ip), each
    attempt with a different made-up X-Forwarded-For."""
    settings.KARAVAN_TRUSTED_PROXIES = 0
    make_user("someone@example.org")
    client = Client()
    _failed_logins(
        client,
        5,
        lambda i: {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": f"198.51.100.{i}"},
    )
    assert not _can_sign_in(
        client,
        "someone@example.org",
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert _can_sign_in(Client(), "someone@example.org", REMOTE_ADDR="203.0.113.8")


def test_behind_one_proxy_a_lockout_is_per_client_not_for_everyone(settings):
    settings.KARAVAN_TRUSTED_PROXIES = 1
    make_user("someone@example.org")
    attacker = Client()
    _failed_logins(attacker, 5, lambda i: _forwarded("203.0.113.66", forged=f"198.51.100.{i}"))
    assert not _can_sign_in(attacker, "someone@example.org", **_forwarded("203.0.113.66"))
    assert _can_sign_in(Client(), "someone@example.org", **_forwarded("203.0.113.7"))


@pytest.fixture
def two_complaints_an_hour(settings):
    settings.KARAVAN_LICENSING_RATE_LIMITS = {"complaint_file": [Rate(2, 3600, "ip")]}


def test_without_proxies_a_forged_header_does_not_escape_the_complaint_limit(
    client, settings, two_complaints_an_hour
):
    settings.KARAVAN_TRUSTED_PROXIES = 0
    codes = [
        client.post(
            "/en/complaints/new/",
            COMPLAINT,
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        ).status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]


def test_behind_one_proxy_complaint_limits_are_per_client(client, settings, two_complaints_an_hour):
    settings.KARAVAN_TRUSTED_PROXIES = 1
    codes = [
        client.post(
            "/en/complaints/new/", COMPLAINT, **_forwarded("203.0.113.7", forged=f"198.51.100.{i}")
        ).status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]
    assert (
        client.post("/en/complaints/new/", COMPLAINT, **_forwarded("203.0.113.8")).status_code
        == 302
    )


def test_rotating_forwarded_header_does_not_escape_the_api_throttle(settings):
    """The public API allows 120 calls a minute per client; 130 calls each claiming another
    address through X-Forwarded-For are still one client."""
    settings.KARAVAN_TRUSTED_PROXIES = 0
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": "120/min", "partner": "600/min"},
    }
    api = Client()
    codes = [
        api.get(
            "/api/v1/registry/agencies/",
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.{i // 250}.{i % 250}",
        ).status_code
        for i in range(130)
    ]
    assert codes.count(200) == 120
    assert codes[120:] == [429] * 10


def test_behind_one_proxy_api_throttles_are_per_client(settings):
    settings.KARAVAN_TRUSTED_PROXIES = 1
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": "2/min", "partner": "600/min"},
    }
    api = Client()
    url = "/api/v1/registry/agencies/"
    assert [
        api.get(url, **_forwarded("203.0.113.7", forged=f"198.51.100.{i}")).status_code
        for i in range(3)
    ] == [200, 200, 429]
    assert api.get(url, **_forwarded("203.0.113.8")).status_code == 200


def test_audit_log_records_the_client_not_the_proxy(settings, orgs, people):
    settings.KARAVAN_TRUSTED_PROXIES = 1
    token = api_token_create(
        by=people["authority_admin"],
        organisation=orgs["partner"],
        name="Feed",
        scopes=["sanctions:read"],
        expires_at=timezone.now() + timedelta(days=1),
    )
    response = Client().get(
        "/api/v1/partner/sanctions/",
        **bearer(token.raw),
        **_forwarded("203.0.113.7", forged="198.51.100.1"),
    )
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="api.partner.call").latest("pk")
    assert event.ip == "203.0.113.7"
