"""Every public page type costs at most 6 queries once its fragments and route are in the
cache (issue 24, docs/performance.md: `make bench` measures the time and reports the queries
with an empty cache too; this keeps the count true). And a suspended licence shows at once on
the registry pages, although they are kept in fragments.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from licensing.services import licence_suspend
from tests.info_campaigns.factories import (
    campaign_create,
    centre_create,
    guide_create,
    hotline_create,
    tree_build,
)

from .factories import published

MAX_QUERIES = 6


@pytest.fixture
def fragments_on(settings):
    settings.KARAVAN_FRAGMENT_CACHE_SECONDS = 300
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    cache.clear()


@pytest.fixture
def site(v, fragments_on):
    tree = tree_build()
    campaign = campaign_create(tree["ru"]["campaigns"])
    guide = guide_create(tree["ru"]["guides"], hotline=hotline_create(), centre=centre_create())
    job_order = published(v)
    return {"campaign": campaign, "guide": guide, "job_order": job_order, **v}


def addresses(site) -> dict[str, str]:
    licence = site["licence"]
    return {
        "home": "/ru/",
        "campaign index": "/ru/campaigns/",
        "campaign": site["campaign"].url,
        "guide index": "/ru/guides/",
        "guide": site["guide"].url,
        "site search": "/ru/search/?q=fees",
        "registry": "/ru/registry/",
        "registry entry": f"/ru/registry/{licence.agency_id}/",
        "verify form": "/ru/verify/",
        "verify by number": f"/ru/verify/{licence.number}/",
        "vacancy search": "/ru/vacancies/?country=KZ",
        "vacancy": f"/ru/vacancies/{site['job_order'].pk}/",
        "permit fees": "/ru/permits/fees/",
        "report a problem (form)": "/ru/complaints/new/",
        "data and licences": "/ru/data-licence/",
    }


@pytest.mark.django_db
def test_every_public_page_type_costs_at_most_six_queries(site, django_assert_max_num_queries):
    client = Client(HTTP_HOST="localhost")
    for kind, path in addresses(site).items():
        response = client.get(path)  # empty cache: fragments rendered, route found
        assert response.status_code == 200, (kind, path, response.status_code)
        with django_assert_max_num_queries(MAX_QUERIES, info=f"{kind}: {path}"):
            response = client.get(path)
        assert response.status_code == 200, (kind, path, response.status_code)


@pytest.mark.django_db
def test_a_suspended_licence_shows_at_once_on_pages_kept_in_fragments(site):
    client = Client(HTTP_HOST="localhost")
    licence = site["licence"]
    pages = [f"/ru/registry/{licence.agency_id}/", "/ru/registry/"]
    for path in pages:  # rendered, and kept in fragments
        assert '<span class="status active">' in client.get(path).content.decode()
    licence_suspend(licence=licence, by=site["kg_officer"], reason="Fees charged to workers")
    for path in pages:
        page = client.get(path).content.decode()
        assert '<span class="status suspended">' in page, path
        assert '<span class="status active">' not in page, path
