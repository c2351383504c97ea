"""Which page goes where, and every page type renders in each language that has content."""

from django.conf import settings
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

from info_campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    DestinationGuidePage,
    GuideIndexPage,
    HomePage,
)

from .factories import campaign_create, centre_create, guide_create, hotline_create, tree_build

CODES = [code for code, _name in settings.LANGUAGES]


class PageTreeRulesTests(WagtailPageTestCase):
    """Editors can only build the tree the public site expects."""

    def test_home_page_sits_at_the_top_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {CampaignIndexPage, GuideIndexPage})
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(CampaignIndexPage, HomePage)

    def test_campaigns_live_under_the_campaign_index_only(self):
        self.assertAllowedParentPageTypes(CampaignPage, {CampaignIndexPage})
        self.assertCanCreateAt(CampaignIndexPage, CampaignPage)
        self.assertCanNotCreateAt(HomePage, CampaignPage)
        self.assertCanNotCreateAt(GuideIndexPage, CampaignPage)
        self.assertAllowedSubpageTypes(CampaignPage, set())

    def test_guides_live_under_the_guide_index_only(self):
        self.assertAllowedParentPageTypes(DestinationGuidePage, {GuideIndexPage})
        self.assertCanCreateAt(GuideIndexPage, DestinationGuidePage)
        self.assertCanNotCreateAt(CampaignIndexPage, DestinationGuidePage)
        self.assertAllowedSubpageTypes(DestinationGuidePage, set())

    def test_indexes_live_under_a_home_page(self):
        self.assertAllowedParentPageTypes(CampaignIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(GuideIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CampaignIndexPage, {CampaignPage})
        self.assertAllowedSubpageTypes(GuideIndexPage, {DestinationGuidePage})


class RenderingInEveryLocaleTests(WagtailPageTestCase):
    """A campaign and a guide translated into every language render in each of them."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = tree_build()
        hotline = hotline_create()
        centre = centre_create()
        cls.pages = []
        for code in CODES:
            cls.pages.append(campaign_create(cls.tree[code]["campaigns"], title=f"Campaign {code}"))
            cls.pages.append(
                guide_create(
                    cls.tree[code]["guides"], title=f"Guide {code}", hotline=hotline, centre=centre
                )
            )

    def test_the_tree_exists_in_every_language(self):
        self.assertEqual(
            sorted(HomePage.objects.values_list("locale__language_code", flat=True)), sorted(CODES)
        )
        for code in CODES:
            self.assertEqual(self.tree[code]["home"].url, f"/{code}/")
            self.assertEqual(self.tree[code]["guides"].url, f"/{code}/guides/")

    def test_every_page_type_renders_in_each_locale(self):
        for code in CODES:
            for key in ("home", "campaigns", "guides"):
                with self.subTest(code=code, page=key):
                    self.assertPageIsRenderable(self.tree[code][key])
        for page in self.pages:
            with self.subTest(page=page.title):
                self.assertPageIsRenderable(page)
                response = self.client.get(page.url)
                html = response.content.decode()
                self.assertIn(f'<html lang="{page.locale.language_code}"', html)
                self.assertIn(f"<h1>{page.title}</h1>", html)
                self.assertIn(page.summary, html)
                self.assertNotIn("<script", html)

    def test_campaign_page_shows_its_blocks(self):
        html = self.client.get("/en/campaigns/fees/").content.decode()
        self.assertIn("<details>", html)  # questions fold without JavaScript
        self.assertIn("<summary>Who pays the recruitment fee?</summary>", html)
        self.assertIn("<ol>", html)
        self.assertIn("within 7 working days", html)
        self.assertIn('action="/en/verify/"', html)  # check-your-agency box
        self.assertIn('href="/en/registry/"', html)
        self.assertIn('href="/en/campaigns/fees/leaflet.pdf"', html)

    def test_guide_lists_help_contacts(self):
        html = self.client.get("/ru/guides/kazakhstan/").content.decode()
        self.assertIn('href="tel:112"', html)
        self.assertIn('href="tel:+77000000000"', html)  # hotline snippet
        self.assertIn("Migrant resource centre", html)
        self.assertIn("openstreetmap.org", html)

    def test_indexes_list_only_their_own_language(self):
        html = self.client.get("/tg/campaigns/").content.decode()
        self.assertIn("Campaign tg", html)
        self.assertNotIn("Campaign ru", html)
        html = self.client.get("/ky/guides/").content.decode()
        self.assertIn("Guide ky", html)
        self.assertNotIn("Guide uz", html)

    def test_each_locale_has_a_wagtail_locale(self):
        self.assertEqual(
            sorted(Locale.objects.values_list("language_code", flat=True)), sorted(CODES)
        )
