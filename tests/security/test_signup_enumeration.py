"""Sign-up does not reveal which e-mail addresses are registered (issue 17, finding 9): a known
address gets the same answer as a new one, and its owner gets an e-mail saying someone tried."""

import pytest
from django.core import mail
from django.test import Client

from portal.models import User
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"


def _signup(email: str):
    client = Client()
    response = client.post(
        "/en/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    page = client.get(response["Location"]) if response.status_code == 302 else response
    return response, page.content.decode().replace(email, "ADDRESS")


def test_signup_with_a_registered_address_looks_like_a_new_signup():
    owner = make_user("known@example.org")
    known, known_page = _signup("known@example.org")
    new, new_page = _signup("new@example.org")

    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"]
    assert known_page == new_page
    assert "already" not in known_page
    # No second account with the owner's address.
    assert list(User.objects.filter(email="known@example.org")) == [owner]


def test_the_owner_of_a_registered_address_is_told_by_email():
    make_user("known@example.org")
    _signup("known@example.org")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["known@example.org"]
    assert "already" in (message.subject + message.body).lower()


def test_a_new_address_gets_its_verification_email():
    _signup("new@example.org")
    assert [message.to for message in mail.outbox] == [["new@example.org"]]
    assert User.objects.filter(email="new@example.org").exists()
