from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Shared core: users, organisations, jurisdictions, reference data, audit log."""

    name = "portal"
    verbose_name = _("Portal core")
