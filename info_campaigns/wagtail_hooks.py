"""Admin menu for the campaign snippets: resource centres and hotlines, under one group."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Hotline, ResourceCentre


class ResourceCentreViewSet(SnippetViewSet):
    model = ResourceCentre
    icon = "home"
    list_display = ["name", "city", "country", "languages_spoken"]
    list_filter = ["country"]
    search_fields = ["name", "city"]


class HotlineViewSet(SnippetViewSet):
    model = Hotline
    icon = "mobile-alt"
    list_display = ["name", "number", "hours", "cost"]
    list_filter = ["cost", "country"]
    search_fields = ["name", "number"]


class CampaignSnippetsGroup(SnippetViewSetGroup):
    """Shared help contacts that editors reuse across campaigns and guides."""

    items = (ResourceCentreViewSet, HotlineViewSet)
    menu_icon = "help"
    menu_label = _("Help contacts")
    menu_name = "help-contacts"


register_snippet(CampaignSnippetsGroup)
