from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermitsConfig(AppConfig):
    """Work permits, patents, quotas, fee schedules and payments — part of licensing.

    A separate app label (with its own migrations) inside the licensing package: what the state
    issues to workers, next to what it issues to agencies. Depends on portal and licensing.
    """

    name = "licensing.permits"
    label = "permits"
    verbose_name = _("Work permits and patents")

    def ready(self):
        from . import cases, policy, verification  # noqa: F401  (case types, rules, resolvers)
