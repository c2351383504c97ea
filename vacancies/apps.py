from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    """Circular-migration schemes, job orders, worker profiles. Depends on licensing and portal."""

    name = "vacancies"
    verbose_name = _("Vacancies and schemes")

    def ready(self):
        from . import policy, verification  # noqa: F401  (register rules, resolver and linker)
