"""Sign-up and sign-in: e-mail with mandatory verification, phone with SMS codes, no enumeration."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from portal.forms import ERROR_EMAIL_OR_PHONE
from portal.models import User
from portal.sms import LogSMSBackend

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"


def _signup(client, **fields):
    data = {"password1": PASSWORD, "password2": PASSWORD, **fields}
    return client.post("/en/accounts/signup/", data)


def test_email_signup_requires_verification_before_sign_in(client):
    response = _signup(client, email="migrant@example.org")
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verification" in response["Location"]
    assert len(mail.outbox) == 1
    user = User.objects.get(email="migrant@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    # Until the address is verified, signing in only re-sends the verification.
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": "migrant@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session


def test_phone_only_signup_sends_an_sms_code_and_verifies(client):
    LogSMSBackend.outbox.clear()
    response = _signup(client, phone="+992 90 111 2233")
    assert response.status_code == 302
    user = User.objects.get(phone="+992901112233")
    assert user.email is None and not user.phone_verified
    phone, text = LogSMSBackend.outbox[-1]
    assert phone == "+992901112233"
    code = text.rsplit(" ", 1)[-1]
    response = client.post(response["Location"], {"code": code})
    user.refresh_from_db()
    assert user.phone_verified
    assert client.session.get("_auth_user_id") == str(user.pk)


def test_signup_needs_email_or_phone(client):
    response = _signup(client)
    assert response.status_code == 200
    assert str(ERROR_EMAIL_OR_PHONE) in response.content.decode()


def test_bad_phone_number_gets_a_clear_error(client):
    response = _signup(client, phone="12")
    assert response.status_code == 200
    assert "international format" in response.content.decode()


def test_login_failures_are_throttled(client):
    User.objects.create_user(email="someone@example.org", password=PASSWORD)
    pages = [
        client.post("/en/accounts/login/", {"login": "someone@example.org", "password": "wrong"})
        for _ in range(6)
    ]
    assert "Too many failed login attempts" not in pages[0].content.decode()
    assert "Too many failed login attempts" in pages[-1].content.decode()
    # Even the right password is refused while throttled.
    right = client.post(
        "/en/accounts/login/", {"login": "someone@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert right.status_code == 200


def test_password_reset_does_not_reveal_whether_an_account_exists(client):
    User.objects.create_user(email="known@example.org", password=PASSWORD)
    known = client.post("/en/accounts/password/reset/", {"email": "known@example.org"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "unknown@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
