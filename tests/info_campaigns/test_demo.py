"""`make demo` content: four campaigns and two guides in five languages, home pages in seven,
one campaign waiting for review; loading twice changes nothing; every page renders."""

import pytest
from django.conf import settings
from django.utils.html import escape
from wagtail.models import Page

from info_campaigns.demo import content_pages, load_demo
from info_campaigns.models import CampaignPage, DestinationGuidePage, HomePage, Hotline
from portal.demo import load_demo_core

pytestmark = pytest.mark.django_db
CONTENT_LANGUAGES = list(content_pages("guides")[0].texts)


@pytest.fixture
def demo(settings):
    settings.KARAVAN_DEMO_ALLOWED = True
    core = load_demo_core()
    return core, load_demo(core=core)


def test_demo_has_campaigns_and_guides_in_five_languages(demo):
    for code in CONTENT_LANGUAGES:
        campaigns = CampaignPage.objects.live().filter(locale__language_code=code)
        guides = DestinationGuidePage.objects.live().filter(locale__language_code=code)
        assert campaigns.count() == 4, code
        assert sorted(guides.values_list("destination_country_id", flat=True)) == ["KZ", "RU"]
    for code, _name in settings.LANGUAGES:
        assert HomePage.objects.get(locale__language_code=code).intro
    assert Hotline.objects.filter(number="112").count() == len(CONTENT_LANGUAGES)


def test_demo_leaves_one_campaign_in_moderation(demo):
    core, _result = demo
    waiting = CampaignPage.objects.filter(live=False)
    assert waiting.count() == 1
    page = waiting.get()
    assert page.workflow_in_progress
    assert page.owner == core["users"]["editor@demo.karavan.kz"]


def test_demo_is_idempotent(demo):
    core, _first = demo
    pages = Page.objects.count()
    second = load_demo(core=core)
    assert (second["campaigns"], second["guides"]) == (0, 0)
    assert Page.objects.count() == pages


def test_every_demo_page_renders(demo, client):
    pages = Page.objects.live().type(CampaignPage, DestinationGuidePage, HomePage).specific()
    assert pages.count() == 7 + 6 * len(CONTENT_LANGUAGES)
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{page.locale.language_code}"' in html
        if isinstance(page, CampaignPage | DestinationGuidePage):
            assert escape(page.title) in html
            # every translation is offered in the four other content languages
            assert html.count('class="other-langs"') == 1


def test_illustrative_figures_are_marked(demo):
    """Amounts in the demo are examples, and say so in the reader's language."""
    markers = {"ru": "иллюстративно", "en": "illustrative", "tg": "намунавӣ",
               "ky": "мисал катары", "uz": "namuna sifatida"}
    for code, marker in markers.items():
        page = CampaignPage.objects.get(slug="patents-explained", locale__language_code=code)
        costs = [step["cost"] for block in page.body if block.block_type == "steps"
                 for step in block.value["steps"] if "8" in step["cost"]]
        assert costs and all(marker in cost for cost in costs), code
