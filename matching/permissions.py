"""Permission actions of matching and analytics (checked by `matching/policy.py`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.permissions import declare


@declare
class MatchingPermission(models.TextChoices):
    ANALYTICS_VIEW = "matching.analytics.view", _("Read supply–demand dashboards")
    ANALYTICS_EXPORT_INTERNAL = (
        "matching.analytics.export_internal",
        _("Export figures without small-cell suppression, for internal use"),
    )
    ASSESSMENT_IMPORT = (
        "matching.assessment.import",
        _("Import a regional labour-market assessment"),
    )
    RUN_START = "matching.run.start", _("Start a match run")
    RUN_VIEW = "matching.run.view", _("Read match runs and their results")
    CANDIDATES_VIEW = (
        "matching.candidates.view",
        _("See matched candidates for one's agency's job orders"),
    )
    WORKER_VACANCIES = (
        "matching.worker.vacancies",
        _("See the vacancies matched to one's own profile"),
    )
