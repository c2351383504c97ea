"""Permission actions of the migration cycle (checked by `cycle/policy.py`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.permissions import declare


@declare
class CyclePermission(models.TextChoices):
    STAY_VIEW = (
        "vacancies.cycle.stay.view",
        _("Read a stay abroad (the worker, their agency, officers of the origin or destination)"),
    )
    STAY_RECORD = (
        "vacancies.cycle.stay.record",
        _(
            "Record the departure, arrival, registration or return of a stay (the worker, their "
            "agency, officers of the origin or destination)"
        ),
    )
    BORDER_IMPORT = (
        "vacancies.cycle.border.import",
        _("Import departures, arrivals and returns from border data for one's country"),
    )
    OVERSTAY_VIEW = "vacancies.cycle.overstay.view", _("Read overstay cases of one's country")
    OVERSTAY_DECIDE = (
        "vacancies.cycle.overstay.decide",
        _("Review and close overstay cases of one's country"),
    )
    FLOWS_VIEW = (
        "vacancies.cycle.flows.view",
        _("Read departures, arrivals, returns and overstays as aggregated flows"),
    )
    ATTENDANCE_RECORD = (
        "vacancies.cycle.orientation.attendance",
        _(
            "Record attendance at an orientation session of one's resource centre (issues the "
            "certificate)"
        ),
    )
