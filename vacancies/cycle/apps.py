from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    """The migration cycle after the permit: departure, arrival registration, return, overstay,
    and the flows they add up to (docs/cycle.md).

    Inside `vacancies`, not `licensing`: a stay reads schemes and worker profiles
    (`vacancies`) as well as permits and patents (`licensing.permits`), and the dependencies of
    the project point one way (portal ← licensing ← vacancies ← cycle).
    """

    name = "vacancies.cycle"
    label = "cycle"
    verbose_name = _("Migration cycle")

    def ready(self):
        from . import cases, policy, statistics, verification  # noqa: F401  (+ flows indicator)
        from .services import orientation  # noqa: F401  (registers the permit issue check)
