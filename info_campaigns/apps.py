from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoCampaignsConfig(AppConfig):
    """Wagtail pages and snippets for pre-departure information. Depends on portal only."""

    name = "info_campaigns"
    verbose_name = _("Information campaigns")

    def ready(self):
        from . import signals  # noqa: F401  (connects the leaflet build to page publishing)
