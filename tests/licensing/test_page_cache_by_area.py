"""The page cache evicts what a change can alter and nothing else, on the real Redis: a
licensing change leaves the campaign pages cached, publishing a page leaves the registry
cached, and the registry still shows a suspension on the next request."""

import os

import pytest
from django.core.cache import cache
from wagtail.models import Page
from wagtail.signals import page_published

from licensing import services

from .factories import issued_licence

REDIS = os.environ.get("REDIS_TEST_URL")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REDIS, reason="needs Redis (REDIS_TEST_URL; .ci/run sets it)"),
]
CONTENT_PAGE = "/en/"  # the home page, a Wagtail page like the campaigns and guides


@pytest.fixture
def redis_page_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": "karavan-test",
        }
    }
    settings.KARAVAN_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _state(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response["X-Page-Cache"]


def _warm(client, *paths):
    for path in paths:
        client.get(path)
        assert _state(client, path) == "hit", path


def test_a_suspension_evicts_the_registry_not_the_content(client, lic, redis_page_cache):
    licence = issued_licence(lic)
    agency_page = f"/en/registry/{lic['kz_agency'].pk}/"
    verify_page = f"/en/verify/{licence.number}/"
    _warm(client, CONTENT_PAGE, "/en/registry/?status=suspended", agency_page, verify_page)
    assert 'class="status suspended"' not in client.get(verify_page).content.decode()

    services.licence_suspend(licence=licence, by=lic["officer"], reason="Fees charged to workers")

    # Correct at once: every page showing the licence is rendered afresh.
    suspended = client.get("/en/registry/?status=suspended")
    assert suspended["X-Page-Cache"] == "miss"
    assert "Steppe Test Staffing" in suspended.content.decode()
    assert _state(client, agency_page) == "miss"
    verify = client.get(verify_page)
    assert verify["X-Page-Cache"] == "miss"
    assert 'class="status suspended"' in verify.content.decode()
    # ...and the campaign pages stay in the cache.
    assert _state(client, CONTENT_PAGE) == "hit"


def test_publishing_a_page_evicts_the_content_not_the_registry(client, lic, redis_page_cache):
    issued_licence(lic)
    _warm(client, CONTENT_PAGE, "/en/registry/", "/en/vacancies/")
    page = Page.objects.filter(depth__gt=1).first()
    page_published.send(sender=type(page), instance=page, revision=None)
    assert _state(client, CONTENT_PAGE) == "miss"
    assert _state(client, "/en/registry/") == "hit"
    assert _state(client, "/en/vacancies/") == "hit"


def test_a_change_of_an_unlisted_kind_evicts_everything(client, lic, redis_page_cache):
    """Whatever AREAS_CHANGED_BY_APP does not name is assumed to touch every area."""
    from portal.audit import audit_record

    _warm(client, CONTENT_PAGE, "/en/registry/")
    audit_record(actor=lic["officer"], action="test.change", obj=lic["officer"])  # portal.user
    assert _state(client, CONTENT_PAGE) == "miss"
    assert _state(client, "/en/registry/") == "miss"


@pytest.fixture
def campaign_and_guide(db):
    from tests.info_campaigns.factories import (
        campaign_create,
        guide_create,
        hotline_create,
        tree_build,
    )

    tree = tree_build()
    hotline = hotline_create(number="+7 700 111 11 11")
    campaign = campaign_create(tree["en"]["campaigns"])
    guide = guide_create(tree["en"]["guides"], hotline=hotline)
    return {"campaign": campaign.url, "guide": guide.url, "guide_page": guide, "hotline": hotline}


def test_licensing_changes_leave_campaign_and_guide_pages_cached(
    client, lic, redis_page_cache, campaign_and_guide
):
    pages = campaign_and_guide
    _warm(client, pages["campaign"], pages["guide"])
    licence = issued_licence(lic)  # submit, review, approve: several licensing audit events
    services.licence_suspend(licence=licence, by=lic["officer"], reason="Fees charged")
    assert _state(client, pages["campaign"]) == "hit"
    assert _state(client, pages["guide"]) == "hit"


def test_publishing_a_guide_leaves_the_registry_cached_and_shows_at_once(
    client, lic, redis_page_cache, campaign_and_guide
):
    from tests.info_campaigns.factories import publish

    pages = campaign_and_guide
    issued_licence(lic)
    agency_page = f"/en/registry/{lic['kz_agency'].pk}/"
    _warm(client, "/en/registry/", agency_page, "/en/vacancies/", pages["guide"])
    guide = pages["guide_page"]
    guide.summary = "Registration within three working days."
    publish(guide)  # a real Wagtail publication of a new revision
    fresh = client.get(pages["guide"])
    assert fresh["X-Page-Cache"] == "miss"
    assert "three working days" in fresh.content.decode()
    for path in ("/en/registry/", agency_page, "/en/vacancies/"):
        assert _state(client, path) == "hit", path


def test_a_suspended_licence_shows_at_once_on_its_registry_page(client, lic, redis_page_cache):
    licence = issued_licence(lic)
    agency_page = f"/en/registry/{lic['kz_agency'].pk}/"
    _warm(client, agency_page)
    assert "Suspended" not in client.get(agency_page).content.decode()
    services.licence_suspend(licence=licence, by=lic["officer"], reason="Fees charged")
    response = client.get(agency_page)
    assert response["X-Page-Cache"] == "miss"
    assert "Suspended" in response.content.decode()
    assert _state(client, agency_page) == "hit"  # and cached again, with the new status


def test_editing_a_hotline_shown_on_a_guide_shows_at_once(
    client, lic, redis_page_cache, campaign_and_guide
):
    """A snippet edit is no page publication: the content area is evicted all the same."""
    pages = campaign_and_guide
    _warm(client, pages["guide"], "/en/registry/")
    hotline = pages["hotline"]
    hotline.number = "+7 700 222 22 22"
    hotline.save()
    response = client.get(pages["guide"])
    assert response["X-Page-Cache"] == "miss"
    assert "+7 700 222 22 22" in response.content.decode()
    assert _state(client, "/en/registry/") == "hit"
