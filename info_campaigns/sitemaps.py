"""``/sitemap.xml``: every live campaign, guide and index in every language, with hreflang
alternates pointing at the page's translations."""

from django.contrib.sitemaps import Sitemap

from .selectors import page_public_url, page_translations


class CampaignSitemap(Sitemap):
    """Search engines find each translation and learn which pages are the same content."""

    def items(self):
        from wagtail.models import Page

        from .models import (
            CampaignIndexPage,
            CampaignPage,
            DestinationGuidePage,
            GuideIndexPage,
            HomePage,
        )
        from .selectors import _not_expired

        pages = (
            Page.objects.live()
            .public()
            .type(HomePage, CampaignIndexPage, GuideIndexPage, CampaignPage, DestinationGuidePage)
            .select_related("locale")
            .order_by("path")
        )
        return list(_not_expired(pages))

    def location(self, item):  # absolute: see get_urls
        return item.url

    def lastmod(self, item):
        return item.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):

        urls = []
        for item in self.paginator.page(page).object_list:
            translations = page_translations(page=item)
            urls.append(
                {
                    "item": item,
                    "location": page_public_url(page=item),
                    "lastmod": self.lastmod(item),
                    "changefreq": None,
                    "priority": None,
                    "alternates": [
                        {"lang_code": t["code"], "location": t["url"]} for t in translations
                    ]
                    if len(translations) > 1
                    else [],
                }
            )
        return urls
