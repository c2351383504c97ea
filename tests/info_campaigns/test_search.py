"""Search finds live campaigns and guides in the visitor's language only."""

import pytest

from .factories import campaign_create, guide_create

pytestmark = pytest.mark.django_db


def test_search_finds_pages_in_the_visitors_language(tree, client):
    campaign_create(
        tree["ru"]["campaigns"],
        title="Патент для работы",
        body=[("text", "<p>Ежемесячный платёж за патент вносите вовремя.</p>")],
    )
    campaign_create(
        tree["en"]["campaigns"],
        title="Patent explained",
        body=[("text", "<p>Pay the monthly patent fee on time.</p>")],
    )
    guide_create(
        tree["ru"]["guides"],
        title="Казахстан",
        work_permits=[("text", "<p>Разрешение трудовому иммигранту и патент.</p>")],
    )

    html = client.get("/ru/search/", {"q": "патент"}).content.decode()
    assert "/ru/campaigns/fees/" in html
    assert "/ru/guides/kazakhstan/" in html
    assert "/en/campaigns/" not in html

    html = client.get("/en/search/", {"q": "patent"}).content.decode()
    assert "/en/campaigns/fees/" in html
    assert "/ru/" not in html.split("<main", 1)[1].split("</main>")[0]


def test_search_ignores_drafts_and_works_without_a_query(tree, client):
    campaign_create(tree["ru"]["campaigns"], live=False, title="Секретный черновик")
    html = client.get("/ru/search/", {"q": "черновик"}).content.decode()
    assert "Секретный черновик" not in html
    response = client.get("/ru/search/")
    assert response.status_code == 200
    assert 'action="/ru/search/"' in response.content.decode()
