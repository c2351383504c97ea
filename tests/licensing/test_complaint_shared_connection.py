"""Complaints from a shared connection (issue 20): a town behind one carrier-NAT address can
still complain, a scripted flood from that address cannot. Counted on the real Redis cache
(REDIS_TEST_URL), as in production, with the default limits of licensing/ratelimit.py."""

import os
import re
import time
import uuid

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from licensing.models import Complaint
from licensing.ratelimit import ERROR_SLOWED, RATE_LIMITS, Rate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("REDIS_TEST_URL"), reason="needs Redis (REDIS_TEST_URL; .ci/run sets it)"
    ),
]

TOWN = "203.0.113.77"  # one carrier-NAT address
COMPLAINT = {
    "agency_name": "Man at the bazaar",
    "licence_number": "",
    "country": "TJ",
    "category": "fees",
    "description": "Asked 500 USD for a job.",
    "is_anonymous": "on",
}
KEY = re.compile(r'name="submission_key" value="([0-9a-f-]{36})"')


@pytest.fixture(autouse=True)
def redis_cache(settings):
    """The default cache on Redis, under a prefix of this test's own, emptied afterwards."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_TEST_URL"],
            "KEY_PREFIX": f"karavan-test-{uuid.uuid4()}",
        }
    }
    from django.core.cache import cache

    yield cache
    cache.clear()


def visitor_files(client: Client, *, ip: str = TOWN):
    """A person opens the form (getting its one-time key) and sends it."""
    form = client.get("/ru/complaints/new/", REMOTE_ADDR=ip)
    key = KEY.search(form.content.decode()).group(1)
    return client.post("/ru/complaints/new/", {**COMPLAINT, "submission_key": key}, REMOTE_ADDR=ip)


def test_thirty_visitors_behind_one_address_all_file_within_the_hour():
    responses = [visitor_files(Client()) for _ in range(30)]
    assert [r.status_code for r in responses] == [302] * 30
    assert Complaint.objects.count() == 30


def test_a_flood_of_a_thousand_from_one_address_is_stopped():
    ceiling = next(rate for rate in RATE_LIMITS["complaint_file"] if rate.per == "ip")
    client = Client()
    started = time.monotonic()
    statuses = []
    for _ in range(1000):  # a script: new form key each time, cookies dropped
        client.cookies.clear()
        statuses.append(
            client.post(
                "/ru/complaints/new/",
                {**COMPLAINT, "submission_key": str(uuid.uuid4())},
                REMOTE_ADDR=TOWN,
            ).status_code
        )
    elapsed = time.monotonic() - started
    # One per pace slot gets through past the ceiling; slots are aligned to the clock, so a run
    # of `elapsed` seconds touches at most elapsed // pace + 2 of them.
    paced = int(elapsed // ceiling.pace) + 2
    assert statuses.count(302) <= ceiling.amount + paced
    assert statuses.count(429) >= 1000 - ceiling.amount - paced
    assert Complaint.objects.count() == statuses.count(302)


def test_past_the_ceiling_a_visitor_is_slowed_not_refused(settings):
    settings.KARAVAN_LICENSING_RATE_LIMITS = {"complaint_file": [Rate(2, 3600, "ip", pace=2)]}
    for _ in range(2):
        assert visitor_files(Client()).status_code == 302
    late = Client()
    form = late.get("/ru/complaints/new/", REMOTE_ADDR=TOWN)
    data = {**COMPLAINT, "submission_key": KEY.search(form.content.decode()).group(1)}
    while late.post("/ru/complaints/new/", data, REMOTE_ADDR=TOWN).status_code == 302:
        pass  # an earlier pace slot was free: use it up, as a flood would
    slowed = late.post("/ru/complaints/new/", data, REMOTE_ADDR=TOWN)
    assert slowed.status_code == 429
    wait = int(slowed["Retry-After"])
    assert 1 <= wait <= 2
    html = slowed.content.decode()
    with translation.override("ru"):
        assert escape(str(ERROR_SLOWED) % {"seconds": wait}) in html
    assert "Asked 500 USD for a job." in html  # what they typed is kept
    time.sleep(wait + 0.1)
    assert late.post("/ru/complaints/new/", data, REMOTE_ADDR=TOWN).status_code == 302


def test_one_session_or_one_form_key_is_refused_past_its_own_limit():
    person = Client()
    assert visitor_files(person).status_code == 302  # this first one starts the session
    for _ in range(5):
        assert visitor_files(person).status_code == 302
    assert visitor_files(person).status_code == 429  # a sixth in the same session
    assert visitor_files(Client()).status_code == 302  # their neighbour is not affected
    replay = {**COMPLAINT, "submission_key": str(uuid.uuid4()), "country": ""}  # invalid
    script = Client()
    statuses = [
        script.post("/ru/complaints/new/", replay, REMOTE_ADDR=TOWN).status_code for _ in range(11)
    ]
    assert statuses == [400] * 10 + [429]


def test_a_verified_phone_is_counted_as_the_person_not_the_address(settings):
    from tests.conftest import make_user

    settings.KARAVAN_LICENSING_RATE_LIMITS = {
        "complaint_file": [Rate(1, 3600, "ip", pace=3600)],
        "complaint_file_verified": [Rate(10, 3600, "key"), Rate(3, 3600, "user")],
    }
    assert visitor_files(Client()).status_code == 302
    assert visitor_files(Client()).status_code == 302  # past the ceiling: this hour's one slot
    assert visitor_files(Client()).status_code == 429  # the next is asked to wait
    worker = make_user("phone.worker@example.org", phone="+992900000111", phone_verified=True)
    unverified = make_user("other.worker@example.org", phone="+992900000112")
    signed_in = Client()
    signed_in.force_login(worker)
    assert [visitor_files(signed_in).status_code for _ in range(4)] == [302, 302, 302, 429]
    other = Client()
    other.force_login(unverified)
    assert visitor_files(other).status_code == 429  # counted with the address
