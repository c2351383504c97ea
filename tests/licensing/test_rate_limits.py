"""The anonymous complaint form and the tracking-code lookup are rate limited per client IP
(and the lookup per code) on the shared cache: past the limit a 429 with a clear message."""

import pytest
from django.utils import translation
from django.utils.html import escape

from licensing import ratelimit, services
from licensing.models import Complaint
from licensing.ratelimit import ERROR_RATE_LIMITED, Rate

pytestmark = pytest.mark.django_db

COMPLAINT = {
    "agency_name": "Man at the bazaar",
    "licence_number": "",
    "country": "TJ",
    "category": "fees",
    "description": "Asked 500 USD for a job.",
    "is_anonymous": "on",
}


@pytest.fixture
def small_limits(settings):
    settings.KARAVAN_LICENSING_RATE_LIMITS = {
        "complaint_file": [Rate(2, 3600, "ip")],
        "complaint_track": [Rate(4, 600, "ip"), Rate(2, 600, "key")],
    }


def _message(_response) -> str:
    """The message as the /en/ pages render it (HTML-escaped)."""
    with translation.override("en"):
        return escape(str(ERROR_RATE_LIMITED))


def test_complaint_form_is_limited_per_ip(client, small_limits):
    for _ in range(2):
        assert (
            client.post("/en/complaints/new/", COMPLAINT, REMOTE_ADDR="203.0.113.7").status_code
            == 302
        )
    response = client.post("/en/complaints/new/", COMPLAINT, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert _message(response) in response.content.decode()
    assert "Asked 500 USD for a job." in response.content.decode()  # what they typed is kept
    assert int(response["Retry-After"]) == 3600
    assert Complaint.objects.count() == 2  # nothing filed past the limit
    # Another connection is not affected; reading the form never counts.
    assert client.get("/en/complaints/new/", REMOTE_ADDR="203.0.113.7").status_code == 200
    assert (
        client.post("/en/complaints/new/", COMPLAINT, REMOTE_ADDR="198.51.100.20").status_code
        == 302
    )


def test_ipv6_clients_are_counted_per_network(client, small_limits):
    for suffix in ("1", "2"):
        client.post("/en/complaints/new/", COMPLAINT, REMOTE_ADDR=f"2001:db8:1:2::{suffix}")
    assert (
        client.post("/en/complaints/new/", COMPLAINT, REMOTE_ADDR="2001:db8:1:2::ffff").status_code
        == 429
    )


def test_tracking_lookup_is_limited_per_code_across_connections(client, small_limits):
    complaint = services.complaint_file(
        by=None, country_id="KZ", category="fees", description="x", recruiter_name="Y"
    )
    for ip in ("203.0.113.1", "203.0.113.2"):
        response = client.post(
            "/en/complaints/track/", {"code": complaint.tracking_code}, REMOTE_ADDR=ip
        )
        assert response.status_code == 200 and "Received" in response.content.decode()
    # Same code from a third address (case and spaces do not make it a new code).
    spaced = complaint.tracking_code[:5].lower() + " " + complaint.tracking_code[5:]
    response = client.post("/en/complaints/track/", {"code": spaced}, REMOTE_ADDR="203.0.113.3")
    assert response.status_code == 429
    html = response.content.decode()
    assert _message(response) in html and "Received" not in html
    # Other codes from that address still work.
    assert (
        client.post(
            "/en/complaints/track/", {"code": "NOPE123456"}, REMOTE_ADDR="203.0.113.3"
        ).status_code
        == 404
    )


def test_tracking_lookup_is_limited_per_ip_when_guessing_codes(client, small_limits):
    for n in range(4):
        assert (
            client.post(
                "/en/complaints/track/", {"code": f"GUESS{n}2345"}, REMOTE_ADDR="203.0.113.9"
            ).status_code
            == 404
        )
    response = client.post(
        "/en/complaints/track/", {"code": "GUESS92345"}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429 and _message(response) in response.content.decode()
    assert (
        client.post(
            "/en/complaints/track/", {"code": "GUESS92345"}, REMOTE_ADDR="203.0.113.10"
        ).status_code
        == 404
    )


def test_default_limits_leave_normal_use_alone(client):
    complaint = services.complaint_file(
        by=None, country_id="KZ", category="fees", description="x", recruiter_name="Y"
    )
    for _ in range(5):  # a complainant checking back several times
        assert (
            client.post("/en/complaints/track/", {"code": complaint.tracking_code}).status_code
            == 200
        )
    for _ in range(3):
        assert client.post("/en/complaints/new/", COMPLAINT).status_code == 302


def test_clear_forgets_the_counts(rf, small_limits):
    request = rf.post("/", REMOTE_ADDR="203.0.113.50")
    assert ratelimit.consume(request, action="complaint_file")
    assert ratelimit.consume(request, action="complaint_file")
    assert not ratelimit.consume(request, action="complaint_file")
    ratelimit.clear(request, action="complaint_file")
    assert ratelimit.consume(request, action="complaint_file")
