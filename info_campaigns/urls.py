"""Campaign routes inside the language prefix. Pages themselves are served by Wagtail."""

from django.urls import path, re_path

from . import views
from .feeds import CampaignFeed

app_name = "info_campaigns"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("resource-centres/", views.resource_centre_list, name="resource_centres"),
    path("feeds/campaigns/", CampaignFeed(), name="campaign_feed"),
    re_path(r"^(?P<page_path>(?:[-\w]+/)+)leaflet\.pdf$", views.leaflet, name="leaflet"),
]
