"""`make demo` content: every campaign and guide in all seven languages as real translations,
a guide for every destination, the sitemap alike in every language, unverified facts shown and
listed, one campaign waiting for review; loading twice changes nothing; every page renders.

The demo is loaded once for the class (about 40 s on PostgreSQL: 84 pages, each saved,
translated and published the way an editor would)."""

import io
from urllib.parse import urlsplit

from defusedxml import ElementTree as ET
from django.conf import settings
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils.html import escape
from wagtail.models import Page

from info_campaigns.demo import content_pages, load_demo
from info_campaigns.models import CampaignPage, DestinationGuidePage, HomePage, Hotline
from info_campaigns.selectors import pages_to_check
from portal.demo import load_demo_core
from portal.models import Country

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PUBLISHED = {
    kind: [d for d in content_pages(kind) if d.meta.get("state") is None]
    for kind in ("campaigns", "guides")
}
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@override_settings(KARAVAN_DEMO_ALLOWED=True)
class DemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.core = load_demo_core()
        cls.result = load_demo(core=cls.core)

    def test_every_campaign_and_guide_is_live_in_all_seven_languages_as_a_translation(self):
        for kind, model in (("campaigns", CampaignPage), ("guides", DestinationGuidePage)):
            for data in PUBLISHED[kind]:
                pages = model.objects.live().filter(slug=data.slug)
                self.assertEqual(
                    sorted(p.locale.language_code for p in pages), sorted(LANGUAGES), data.slug
                )
                self.assertEqual(len({p.translation_key for p in pages}), 1, data.slug)
                source = pages.get(locale__language_code=settings.LANGUAGE_CODE)
                self.assertEqual(source.get_translations().live().count(), len(LANGUAGES) - 1)

    def test_kazakh_and_turkmen_readers_find_the_kazakhstan_guide(self):
        for code in ("kk", "tk"):
            response = self.client.get(f"/{code}/guides/kazakhstan/")
            self.assertEqual(response.status_code, 200, code)
            self.assertIn(f'<html lang="{code}"', response.content.decode())

    def test_sitemap_lists_the_same_campaigns_and_guides_in_every_language(self):
        root = ET.fromstring(self.client.get("/sitemap.xml").content)
        by_language: dict[str, set[str]] = {code: set() for code in LANGUAGES}
        for loc in root.iter(f"{SM}loc"):
            code, _sep, rest = urlsplit(loc.text).path.strip("/").partition("/")
            if rest.startswith(("campaigns/", "guides/")) and rest.count("/") == 1:
                by_language[code].add(rest)
        expected = {f"campaigns/{d.slug}" for d in PUBLISHED["campaigns"]} | {
            f"guides/{d.slug}" for d in PUBLISHED["guides"]
        }
        for code in LANGUAGES:
            self.assertEqual(by_language[code], expected, code)

    def test_every_destination_of_a_scheme_or_vacancy_has_a_guide_in_every_language(self):
        """The demo schemes (and so the demo vacancies, whose destination is their scheme's)
        and every country the portal marks as a destination."""
        from vacancies.demo import SCHEMES
        from vacancies.models import JobOrder, Scheme

        for name, origin, dest, vetting, _sectors, (m1, m2), stay, basis in SCHEMES:
            Scheme.objects.create(
                name=name,
                origin_country_id=origin,
                destination_country_id=dest,
                vetting_country_id=vetting,
                legal_basis=basis,
                season_start_month=m1,
                season_end_month=m2,
                max_stay_months=stay,
            )
        destinations = (
            set(Scheme.objects.values_list("destination_country", flat=True))
            | set(JobOrder.objects.values_list("destination_country", flat=True))
            | set(Country.objects.filter(is_destination=True).values_list("code", flat=True))
        )
        self.assertGreaterEqual(destinations, {"KZ", "RU", "KR", "GB", "DE", "TR", "AE"})
        for country in destinations:
            guides = DestinationGuidePage.objects.live().filter(destination_country=country)
            self.assertEqual(
                sorted(g.locale.language_code for g in guides), sorted(LANGUAGES), country
            )

    def test_demo_leaves_one_campaign_in_moderation(self):
        waiting = CampaignPage.objects.filter(live=False)
        self.assertEqual(waiting.count(), 1)
        page = waiting.get()
        self.assertTrue(page.workflow_in_progress)
        self.assertEqual(page.owner, self.core["users"]["editor@demo.karavan.kz"])

    def test_demo_is_idempotent(self):
        pages, hotlines = Page.objects.count(), Hotline.objects.count()
        second = load_demo(core=self.core)
        self.assertEqual((second["campaigns"], second["guides"]), (0, 0))
        self.assertEqual((Page.objects.count(), Hotline.objects.count()), (pages, hotlines))

    def test_home_pages_and_help_contacts_exist_in_every_language(self):
        for code in LANGUAGES:
            self.assertTrue(HomePage.objects.get(locale__language_code=code).intro, code)
        self.assertEqual(Hotline.objects.filter(number="112").count(), len(LANGUAGES))

    def test_every_demo_page_renders_with_its_unverified_facts_marked(self):
        pages = Page.objects.live().type(CampaignPage, DestinationGuidePage, HomePage).specific()
        checks = {item["page"].pk: len(item["checks"]) for item in pages_to_check()}
        self.assertEqual(
            pages.count(),
            len(LANGUAGES) * (1 + len(PUBLISHED["campaigns"]) + len(PUBLISHED["guides"])),
        )
        for page in pages:
            response = self.client.get(page.url)
            self.assertEqual(response.status_code, 200, page.url)
            html = response.content.decode()
            self.assertIn(f'<html lang="{page.locale.language_code}"', html)
            if isinstance(page, HomePage):
                continue
            self.assertIn(escape(page.title), html)
            self.assertEqual(html.count('class="other-langs"'), 1, page.url)
            self.assertEqual(html.count('class="to-check"'), checks.get(page.pk, 0), page.url)

    def test_illustrative_figures_are_marked(self):
        """Amounts in the demo are examples, and say so in the reader's language."""
        markers = {
            "ru": "иллюстративно",
            "en": "illustrative",
            "kk": "мысал ретінде",
            "ky": "мисал катары",
            "tg": "намунавӣ",
            "tk": "mysal hökmünde",
            "uz": "namuna sifatida",
        }
        for code, marker in markers.items():
            page = CampaignPage.objects.get(slug="patents-explained", locale__language_code=code)
            costs = [
                step["cost"]
                for block in page.body
                if block.block_type == "steps"
                for step in block.value["steps"]
                if "8" in step["cost"]
            ]
            self.assertTrue(costs and all(marker in cost for cost in costs), code)

    def test_what_is_still_to_check_is_listed_for_editors(self):
        out = io.StringIO()
        call_command("content_review", language="tk", stdout=out)
        listing = out.getvalue()
        self.assertIn("/tk/guides/kazakhstan/", listing)
        self.assertIn("Türkmenistanyň raýatlaryna wiza gerekmi", listing)  # a fact to check
        self.assertIn("language review: Terjime maşynyň kömegi bilen", listing)
        self.assertNotIn("/ru/", listing)
        # the English guide to Germany has facts to check but needs no language review
        germany = next(i for i in pages_to_check(language="en") if i["page"].slug == "germany")
        self.assertEqual(germany["review_notes"], "")
        self.assertTrue(germany["checks"])
