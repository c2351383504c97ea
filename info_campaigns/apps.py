from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoCampaignsConfig(AppConfig):
    """Wagtail pages and snippets for pre-departure information. Depends on portal only."""

    name = "info_campaigns"
    verbose_name = _("Information campaigns")
