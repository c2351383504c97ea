from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    """Circular-migration schemes, job orders, worker profiles. Depends on licensing and portal."""

    name = "vacancies"
    verbose_name = _("Vacancies and schemes")
