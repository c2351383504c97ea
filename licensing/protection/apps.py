from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    """Help for migrants in trouble: help requests, their triage by the origin country's
    authority and their referral (with consent) to an inspectorate, a consulate, an NGO or a
    resource centre — part of licensing, next to complaints against agencies.

    A separate app label (with its own migrations) inside the licensing package, like permits.
    Depends on portal and licensing.permits (working days and holidays).
    """

    name = "licensing.protection"
    label = "protection"
    verbose_name = _("Protection and help requests")

    def ready(self):
        from . import cases, policy, statistics  # noqa: F401  (case types, rules, indicator)
