from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    """Circular-migration schemes, job orders, worker profiles. Depends on licensing and portal."""

    name = "vacancies"
    verbose_name = _("Vacancies and schemes")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.models import Country, IscoGroup, Language, Region

        from . import cases, policy, verification  # noqa: F401  (case types, rules, resolver)
        from .forms import search_choices_clear

        def clear(**_kwargs):
            search_choices_clear()

        # The search form's cached choice lists follow edits of the reference data.
        for model in (Country, Region, IscoGroup, Language):
            post_save.connect(
                clear,
                sender=model,
                weak=False,
                dispatch_uid=f"vacancies-search-choices-save-{model.__name__}",
            )
            post_delete.connect(
                clear,
                sender=model,
                weak=False,
                dispatch_uid=f"vacancies-search-choices-delete-{model.__name__}",
            )
