"""Stays abroad and overstay cases, declared on the kernel (`portal.cases`).

A stay is recorded by its worker, their agency, an officer or an import of border data (all
under `STAY_RECORD`; the screen that offers a move is the worker's); the daily check flags an
overstay (SYSTEM). An overstay case is reviewed and closed by an officer of the destination;
the worker's return closes it by itself (SYSTEM).
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from portal.cases import (
    APPLICANT,
    OFFICER,
    SYSTEM,
    WORKER,
    CaseType,
    Lifecycle,
    Note,
    Transition,
    case_type,
)
from portal.models import Organisation

from . import notifications  # noqa: F401  (declares the events named below)
from .models import OverstayCase, OverstayStatus, Stay, StayStatus
from .permissions import CyclePermission as P
from .policy import OFFICER_ROLES

S = StayStatus
STAY = case_type(
    CaseType(
        model=Stay,
        name="stay",
        lifecycle=Lifecycle(
            Transition(
                "arrive",
                (S.DEPARTED,),
                S.ARRIVED,
                WORKER,
                P.STAY_RECORD,
                _("Record arrival"),
                _("Karavan works out the last day to register your stay and reminds you."),
            ),
            Transition(
                "register",
                (S.ARRIVED,),
                S.REGISTERED,
                WORKER,
                P.STAY_RECORD,
                _("Record registration"),
                _(
                    "Your stay counts as registered; a registration after the deadline is "
                    "marked late."
                ),
            ),
            Transition(
                "return_record",
                (S.DEPARTED, S.ARRIVED, S.REGISTERED, S.OVERSTAYING),
                S.RETURNED,
                WORKER,
                P.STAY_RECORD,
                _("Record return"),
                _(
                    "The season is added to your profile; a return within the lawful stay "
                    "counts as on time."
                ),
            ),
            Transition(
                "overstay_flag",
                (S.DEPARTED, S.ARRIVED, S.REGISTERED),
                S.OVERSTAYING,
                SYSTEM,
                P.STAY_RECORD,
            ),
        ),
        country=lambda s: s.destination_country_id,
        organisation=lambda s: s.agency,
        recipients=lambda s, side: [s.worker],
        related=(
            "worker",
            "origin_country",
            "destination_country",
            "scheme",
            "work_permit",
            "patent",
            "agency",
        ),
        applicant_path=lambda s: _path("cycle:stays"),
        services="vacancies.cycle.services",
        keyword="stay",
        deadline_field="registration_due",
    )
)


def _path(name, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def destination_officers(case) -> list:
    """The officers of the destination's authorities: they hear of new overstay cases."""
    from portal.models import User

    return list(
        User.objects.filter(
            memberships__is_active=True,
            memberships__role__in=list(OFFICER_ROLES),
            memberships__organisation__kind=Organisation.Kind.AUTHORITY,
            memberships__organisation__country_id=case.stay.destination_country_id,
        ).distinct()
    )


OS = OverstayStatus
OVERSTAY_CASE = case_type(
    CaseType(
        model=OverstayCase,
        name="overstay_case",
        lifecycle=Lifecycle(
            Transition(
                "review_start",
                (OS.OPEN,),
                OS.UNDER_REVIEW,
                OFFICER,
                P.OVERSTAY_DECIDE,
                _("Start review"),
                _("You take the case."),
            ),
            Transition(
                "close",
                (OS.OPEN, OS.UNDER_REVIEW),
                OS.CLOSED,
                OFFICER,
                P.OVERSTAY_DECIDE,
                _("Close"),
                _("The worker is told that the case is closed, with your reason."),
                note=Note("reason", _("Reason (shown to the worker)")),
                decides=True,
            ),
            Transition(
                "close_on_return",
                (OS.OPEN, OS.UNDER_REVIEW),
                OS.WORKER_RETURNED,
                SYSTEM,
                P.OVERSTAY_DECIDE,
            ),
        ),
        country=lambda c: c.stay.destination_country_id,
        organisation=lambda c: None,
        recipients=lambda c, side: (
            [c.stay.worker] if side == APPLICANT else destination_officers(c)
        ),
        events={"close": ("overstay_case.close", APPLICANT)},
        related=("stay", "stay__worker"),
        officer_path=lambda c: _path("cycle_overstays:inspect", c.pk),
        services="vacancies.cycle.services",
        keyword="case",
        deadline_field="respond_by",
    )
)
