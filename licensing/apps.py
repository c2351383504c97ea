from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    """Everything the state issues: licences, permits, patents, quotas, complaints. Depends on portal."""

    name = "licensing"
    verbose_name = _("Licensing and permits")

    def ready(self):
        from . import cases, policy, verification  # noqa: F401  (case types, rules, LIC resolver)
