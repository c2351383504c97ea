"""Public pages are cached for anonymous visitors only, per language and query string, and a
state change (an audit event) or a Wagtail publication makes the pages it can change fresh at
once (by area: tests/licensing/test_page_cache_by_area.py)."""

import pytest

from portal.audit import audit_record
from tests.conftest import make_user


@pytest.fixture
def page_cache(settings):
    settings.KARAVAN_PAGE_CACHE_SECONDS = 60


@pytest.mark.django_db
def test_anonymous_public_page_is_served_from_the_cache(client, page_cache):
    first = client.get("/en/vacancies/?q=welder")
    second = client.get("/en/vacancies/?q=welder")
    assert first.status_code == second.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Fresh CSP header on every answer, cached or not.
    assert "default-src 'self'" in second["Content-Security-Policy"]


@pytest.mark.django_db
def test_cache_varies_on_language_and_query(client, page_cache):
    client.get("/en/vacancies/?q=welder")
    russian = client.get("/ru/vacancies/?q=welder")
    other_query = client.get("/en/vacancies/?q=cook")
    assert russian["X-Page-Cache"] == other_query["X-Page-Cache"] == "miss"
    assert '<html lang="ru"' in russian.content.decode()


@pytest.mark.django_db
def test_signed_in_users_never_get_or_fill_the_cache(client, page_cache):
    client.get("/en/vacancies/")  # stored for anonymous visitors
    user = make_user("cache-worker@example.org")
    client.force_login(user)
    response = client.get("/en/vacancies/")
    assert "X-Page-Cache" not in response
    assert "My account" in response.content.decode()
    client.logout()
    assert "My account" not in client.get("/en/vacancies/").content.decode()


@pytest.mark.django_db
def test_pages_with_a_csrf_form_are_never_stored(client, page_cache):
    for _ in range(2):
        response = client.get("/en/complaints/new/")
        assert "X-Page-Cache" not in response
    client.get("/en/accounts/login/")
    assert "X-Page-Cache" not in client.get("/en/accounts/login/")


@pytest.mark.django_db
def test_a_state_change_makes_cached_pages_fresh(client, page_cache):
    client.get("/en/registry/")
    assert client.get("/en/registry/")["X-Page-Cache"] == "hit"
    user = make_user("cache-actor@example.org")
    audit_record(actor=user, role="worker", action="test.change", obj=user)
    assert client.get("/en/registry/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_publishing_a_page_makes_cached_content_pages_fresh(client, page_cache):
    """Only the content area (home, campaigns, guides): tests/licensing/test_page_cache_by_area.py
    shows the registry staying cached."""
    from wagtail.models import Page
    from wagtail.signals import page_published

    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    page_published.send(sender=Page, instance=Page.objects.first(), revision=None)
    assert client.get("/en/")["X-Page-Cache"] == "miss"
