"""Atom feed of the current campaigns, one per language (``/<lang>/feeds/campaigns/``)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .selectors import campaigns_current, page_public_url

FEED_SIZE = 30


class CampaignFeed(Feed):
    """Partners (embassies, NGOs, radio) subscribe to follow new campaigns in one language."""

    feed_type = Atom1Feed

    def title(self):
        return _("Karavan: information campaigns")

    def subtitle(self):
        return _("Official guidance on safe, legal labour migration.")

    def link(self):
        return f"/{get_language()}/"

    def items(self):
        return list(campaigns_current(locale=Locale.get_active())[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return page_public_url(page=item)

    def item_guid(self, item):
        # Stable across slug changes and retitling.
        return f"urn:karavan:page:{item.translation_key}:{item.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
