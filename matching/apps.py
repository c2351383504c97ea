from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """The skills matcher and supply–demand analytics. Depends on vacancies, licensing, portal."""

    name = "matching"
    verbose_name = _("Matching and analytics")

    def ready(self):
        from . import policy  # noqa: F401  (registers the permission rules)
