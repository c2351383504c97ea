"""MFA is enforced for every staff role; its secrets are not stored in plain text."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection

from tests.conftest import give_totp

pytestmark = pytest.mark.django_db

STAFF = ["officer", "senior_officer", "analyst", "editor", "authority_admin"]


@pytest.mark.parametrize("who", STAFF)
@pytest.mark.parametrize("path", ["/ru/", "/admin/", "/en/dashboard/"])
def test_staff_without_authenticator_are_sent_to_mfa_setup(client, people, who, path):
    client.force_login(people[who])
    response = client.get(path)
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in response["Location"]


@pytest.mark.parametrize("who", STAFF)
def test_staff_signing_in_without_mfa_land_on_mfa_setup(client, people, who):
    response = client.post(
        "/ru/accounts/login/",
        {"login": people[who].email, "password": "correct-horse-battery"},
        follow=True,
    )
    # allauth asks for the password once more before an authenticator may be added…
    assert response.redirect_chain[-1][0].startswith("/ru/accounts/reauthenticate/")
    assert "2fa%2Ftotp%2Factivate" in response.redirect_chain[-1][0]
    response = client.post(
        response.redirect_chain[-1][0], {"password": "correct-horse-battery"}, follow=True
    )
    # …and then shows the TOTP set-up form.
    assert response.redirect_chain[-1][0].startswith("/ru/accounts/2fa/totp/activate/")
    assert 'name="code"' in response.content.decode()


@pytest.mark.parametrize("who", STAFF)
def test_staff_with_authenticator_reach_the_back_office(client, people, who):
    give_totp(people[who])
    client.force_login(people[who])
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("who", ["worker", "agency_admin", "agency_staff"])
def test_workers_and_agencies_are_not_forced_into_mfa(client, people, who):
    client.force_login(people[who])
    assert client.get("/ru/dashboard/").status_code == 200


def test_agency_users_have_no_back_office(client, people):
    client.force_login(people["agency_admin"])
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].endswith("/dashboard/")  # their own area, no loop
    assert "my_work_" not in response.content.decode()


def test_totp_secret_is_encrypted_at_rest(people):
    user = people["officer"]
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)
    stored = Authenticator.objects.get(user=user, type="totp")
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE id = %s", [stored.pk])
        raw = str(cursor.fetchone()[0])
    assert secret not in raw
    # …and it still works: the decrypted secret validates a current code.
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    assert TOTP(stored).validate_code(code)


def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/admin/", follow=True)
    assert "/accounts/login/" in response.redirect_chain[-1][0]
