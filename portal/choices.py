"""Reference enums every app shares, each declared once with one set of labels.

Sex is the headline dimension of every figure (DESIGN.md: "every figure about it is split by
sex"): models, forms, dashboards, exports and the partner API all use this one enum, so a
worker's form, an officer's case page and an analyst's chart say the same words. The skill
category is shared by the permits (which track a worker is on) and the corridor rules (which
workers a rule covers).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    """As the person states it; `X` when they prefer not to say."""

    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    NOT_STATED = "X", _("Not stated")

    @property
    def key(self) -> str:
        """The suffix of figure columns split by sex (`supply_female`), stable for the API."""
        return {"F": "female", "M": "male", "X": "unspecified"}[self.value]


class SkillCategory(models.TextChoices):
    """Skill category derived from the ISCO-08 major group and qualification evidence."""

    HIGHLY_SKILLED = "highly_skilled", _("Highly skilled")
    SKILLED = "skilled", _("Skilled")
    LOW_SKILLED = "low_skilled", _("Low skilled")
