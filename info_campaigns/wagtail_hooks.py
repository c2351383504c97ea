"""Admin menu for the campaign snippets (resource centres and hotlines, under one group) and
the editors' "Content to check" report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import ContentToCheckView
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


@hooks.register("register_admin_urls")
def register_content_to_check_url():
    return [
        path(
            "reports/content-to-check/",
            ContentToCheckView.as_view(),
            name="info_campaigns_content_to_check",
        )
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_content_to_check_menu_item():
    return EditorsMenuItem(
        _("Content to check"),
        reverse("info_campaigns_content_to_check"),
        icon_name="warning",
        order=50,
    )
