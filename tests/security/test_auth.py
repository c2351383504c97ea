"""Signing in: one login (allauth's) with its MFA step and rate limit, for every role."""

import pytest
from django.urls import reverse

from portal.models import User
from tests.conftest import give_totp

from .test_matrix import _sample_url, all_routes

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
STAFF = ["officer", "senior_officer", "kg_officer", "analyst", "editor", "authority_admin"]


@pytest.fixture
def superuser():
    return User.objects.create_superuser(email="root@example.org", password=PASSWORD)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_password_only_admin_logins_lead_to_the_mfa_login(client, people, superuser, url):
    """Wagtail's and Django admin's own login forms would sign staff in without their code."""
    give_totp(superuser)
    response = client.post(url, {"username": superuser.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/login/")
    assert not _signed_in(client)


def test_staff_with_an_authenticator_must_give_the_code(client, people):
    give_totp(people["officer"])
    response = client.post(
        "/en/accounts/login/", {"login": people["officer"].email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/2fa/authenticate/")
    assert not _signed_in(client)
    # the back office's refusal page (/admin/login/) leads on to allauth's sign-in
    hops = [url for url, _status in client.get("/admin/", follow=True).redirect_chain]
    assert hops[1].startswith("/ru/accounts/login/")
    assert hops[-1].startswith("/ru/accounts/2fa/authenticate/")  # still waiting for the code


def test_repeated_wrong_passwords_are_throttled(client, people):
    """allauth's login_failed limit (5 per 5 minutes per account): the right password then
    fails too, with a message saying why, until the window passes."""
    user = people["worker"]
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"login": user.email, "password": "wrong!"})
        assert response.status_code == 200 and not _signed_in(client)
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert not _signed_in(client)
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    from django.core.cache import cache

    cache.clear()  # the window passes
    client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert _signed_in(client)


def _backoffice_urls():
    """Every back-office page without a parameter, and the signed-in front pages."""
    urls = [
        _sample_url(p)
        for p, _name in all_routes()
        if p.startswith("admin/") and "<" not in p and "login" not in p
    ]
    return [u for u in urls if u and u not in ("/admin/jsi18n/", "/admin/sprite/")] + [
        reverse("portal:dashboard"),
        "/en/agency/",
        "/en/profile/",
    ]


@pytest.mark.parametrize("who", [*STAFF, "reviewer", "superuser"])
def test_every_staff_role_is_sent_to_mfa_setup_from_every_backoffice_page(
    client, people, superuser, who
):
    from portal.models import Role
    from tests.conftest import make_user

    if who == "superuser":
        user = superuser
    elif who == "reviewer":
        user = make_user(
            "reviewer@example.org",
            role=Role.REVIEWER,
            organisation=people["officer"].memberships.first().organisation,
        )
    else:
        user = people[who]
    client.force_login(user)
    not_sent = []
    for url in _backoffice_urls():
        response = client.get(url)
        if (
            response.status_code != 302
            or "/accounts/2fa/totp/activate/" not in response["Location"]
        ):
            not_sent.append(f"{url} → {response.status_code} {response.get('Location', '')}")
    assert not not_sent, "\n".join(not_sent)


@pytest.mark.parametrize("url", ["/django-admin/", "/django-admin/password_change/"])
@pytest.mark.parametrize("role", ["officer", "editor", "authority_admin"])
def test_only_superusers_reach_the_django_admin(client, people, superuser, role, url):
    """Staff accounts (is_staff, with an authenticator) are sent to sign in; superusers in."""
    staff = people[role]
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    give_totp(staff)
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/django-admin/login/")
    give_totp(superuser)
    client.force_login(superuser)
    assert client.get(url).status_code == 200
