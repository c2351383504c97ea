"""Who may do what in the migration cycle. Registered with portal.policy; default deny.

A stay is read and recorded by its worker, the agency that recruited them, and officers of the
origin or the destination country (the origin's authority sees its citizens leave and come
back; the destination's registers them). Overstay cases and border imports belong to the
destination's officers; the flows to analysts and officers of either country.
"""

from django.db.models import Q

from portal.models import Role
from portal.policy import agency_ids, authority_countries, is_superuser, rule, scope_rule

from .permissions import CyclePermission as P

OFFICER_ROLES = frozenset({Role.OFFICER, Role.SENIOR_OFFICER})
ANALYST_ROLES = frozenset({Role.ANALYST, Role.SENIOR_OFFICER, Role.AUTHORITY_ADMIN})


def officer_countries(user) -> set[str]:
    return authority_countries(user, OFFICER_ROLES)


def _stay_party(user, stay) -> bool:
    if is_superuser(user):
        return True
    if getattr(user, "pk", None) == stay.worker_id:
        return True
    if stay.agency_id and stay.agency_id in agency_ids(user):
        return True
    return bool({stay.origin_country_id, stay.destination_country_id} & officer_countries(user))


rule(P.STAY_VIEW)(_stay_party)
rule(P.STAY_RECORD)(_stay_party)


@scope_rule(P.STAY_VIEW)
def _stay_scope(user, qs):
    if is_superuser(user):
        return qs
    countries = officer_countries(user)
    return qs.filter(
        Q(worker_id=getattr(user, "pk", None))
        | Q(agency_id__in=agency_ids(user))
        | Q(origin_country_id__in=countries)
        | Q(destination_country_id__in=countries)
    )


@rule(P.BORDER_IMPORT)
def _border_import(user, country_id) -> bool:
    """`country_id`: the country whose border data is imported."""
    return is_superuser(user) or country_id in officer_countries(user)


def _overstay_officer(user, case) -> bool:
    return is_superuser(user) or case.stay.destination_country_id in officer_countries(user)


rule(P.OVERSTAY_VIEW)(_overstay_officer)
rule(P.OVERSTAY_DECIDE)(_overstay_officer)


@scope_rule(P.OVERSTAY_VIEW)
def _overstay_scope(user, qs):
    if is_superuser(user):
        return qs
    return qs.filter(stay__destination_country_id__in=officer_countries(user))


@rule(P.FLOWS_VIEW)
def _flows_view(user, country_id) -> bool:
    """`country_id`: the country whose flows are read (origin or destination); None: any."""
    if is_superuser(user):
        return True
    countries = authority_countries(user, ANALYST_ROLES | OFFICER_ROLES)
    return bool(countries) if country_id is None else country_id in countries


@rule(P.ATTENDANCE_RECORD)
def _attendance_record(user, session) -> bool:
    """Staff of the resource centre that runs the session."""
    from portal.policy import active_memberships

    return is_superuser(user) or any(
        m.organisation_id == session.centre_id for m in active_memberships(user)
    )
