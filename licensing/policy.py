"""Who may do what in agency licensing. Registered with portal.policy; default deny.

Agency staff act for their own agency. Officers (officer, senior officer) act only for an
authority with the agency-licensing competence in the agency's country (jurisdiction).
"""

from licensing.permissions import LicensingPermission
from portal.models import Organisation, Role
from portal.policy import (
    active_memberships,
    agency_case_rules,
    authority_countries,
    is_superuser,
    rule,
    scope_rule,
)

LICENSING_OFFICER_ROLES = frozenset({Role.OFFICER, Role.SENIOR_OFFICER})


def officer_countries(user) -> set[str]:
    """Countries in which `user` decides agency licensing."""
    return authority_countries(
        user, LICENSING_OFFICER_ROLES, competence=Organisation.Competence.AGENCY_LICENSING
    )


# Applications and licences: started and changed by the agency's staff, read by them and the
# officers of its country; those officers decide applications and suspend, reinstate or revoke
# licences.
agency_case_rules(
    create=(LicensingPermission.APPLICATION_CREATE,),
    edit=(LicensingPermission.APPLICATION_EDIT,),
    view=(LicensingPermission.APPLICATION_VIEW, LicensingPermission.LICENCE_VIEW),
    decide=(LicensingPermission.APPLICATION_DECIDE, LicensingPermission.LICENCE_MANAGE),
    country="agency__country_id",
    officer_countries=officer_countries,
)


@rule(LicensingPermission.OVERSIGHT_MANAGE)
def _oversight_manage(user, agency) -> bool:
    """Inspections and sanctions against `agency`."""
    return agency.country_id in officer_countries(user)


@rule(LicensingPermission.COMPLAINT_HANDLE)
def _complaint_handle(user, complaint) -> bool:
    return complaint.country_id in officer_countries(user)


@rule(LicensingPermission.COMPLAINT_ASSIGN)
def _complaint_assign(user, complaint) -> bool:
    """Only a senior officer of the authority handling the complaint (re)assigns it."""
    from .selectors import complaint_handling_authority

    authority = complaint_handling_authority(complaint=complaint)
    if authority is None or not authority.has_competence(Organisation.Competence.AGENCY_LICENSING):
        return False
    return any(
        m.organisation_id == authority.pk and m.role == Role.SENIOR_OFFICER
        for m in active_memberships(user)
    )


@scope_rule(LicensingPermission.COMPLAINT_HANDLE)
def _complaint_scope(user, qs):
    if is_superuser(user):
        return qs
    return qs.filter(country_id__in=officer_countries(user))


@scope_rule(LicensingPermission.OVERSIGHT_VIEW)
def _oversight_scope(user, qs):
    """Inspections and sanctions of agencies in the user's jurisdiction."""
    if is_superuser(user):
        return qs
    return qs.filter(agency__country_id__in=officer_countries(user))
