"""Who may do what in agency licensing. Registered with portal.policy; default deny.

Agency staff act for their own agency. Officers (officer, senior officer) act only for an
authority with the agency-licensing competence in the agency's country (jurisdiction).
"""

from django.db.models import Q

from licensing.permissions import LicensingPermission
from portal.models import AGENCY_ROLES, Organisation, Role
from portal.policy import active_memberships, agency_ids, authority_countries, rule, scope_rule

LICENSING_OFFICER_ROLES = frozenset({Role.OFFICER, Role.SENIOR_OFFICER})


def officer_countries(user) -> set[str]:
    """Countries in which `user` decides agency licensing."""
    return authority_countries(user, LICENSING_OFFICER_ROLES,
                               competence=Organisation.Competence.AGENCY_LICENSING)


def _superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


def _agency_member(user, agency_id) -> bool:
    return agency_id in agency_ids(user, AGENCY_ROLES)


@rule(LicensingPermission.APPLICATION_CREATE)
def _application_create(user, agency) -> bool:
    return agency is not None and _agency_member(user, agency.pk)


@rule(LicensingPermission.APPLICATION_EDIT)
def _application_edit(user, application) -> bool:
    return _agency_member(user, application.agency_id)


@rule(LicensingPermission.APPLICATION_VIEW)
def _application_view(user, application) -> bool:
    return (_superuser(user) or _agency_member(user, application.agency_id)
            or application.agency.country_id in officer_countries(user))


@scope_rule(LicensingPermission.APPLICATION_VIEW)
def _application_scope(user, qs):
    if _superuser(user):
        return qs
    return qs.filter(Q(agency_id__in=agency_ids(user, AGENCY_ROLES))
                     | Q(agency__country_id__in=officer_countries(user)))


@rule(LicensingPermission.APPLICATION_DECIDE)
def _application_decide(user, application) -> bool:
    return application.agency.country_id in officer_countries(user)


@scope_rule(LicensingPermission.APPLICATION_DECIDE)
def _application_decide_scope(user, qs):
    return qs.filter(agency__country_id__in=officer_countries(user))


@rule(LicensingPermission.LICENCE_VIEW)
def _licence_view(user, licence) -> bool:
    return (_superuser(user) or _agency_member(user, licence.agency_id)
            or licence.agency.country_id in officer_countries(user))


@scope_rule(LicensingPermission.LICENCE_VIEW)
def _licence_scope(user, qs):
    if _superuser(user):
        return qs
    return qs.filter(Q(agency_id__in=agency_ids(user, AGENCY_ROLES))
                     | Q(agency__country_id__in=officer_countries(user)))


@rule(LicensingPermission.LICENCE_MANAGE)
def _licence_manage(user, licence) -> bool:
    return licence.agency.country_id in officer_countries(user)


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
    if authority is None or not authority.has_competence(
            Organisation.Competence.AGENCY_LICENSING):
        return False
    return any(m.organisation_id == authority.pk and m.role == Role.SENIOR_OFFICER
               for m in active_memberships(user))


@scope_rule(LicensingPermission.COMPLAINT_HANDLE)
def _complaint_scope(user, qs):
    if _superuser(user):
        return qs
    return qs.filter(country_id__in=officer_countries(user))


@scope_rule(LicensingPermission.OVERSIGHT_VIEW)
def _oversight_scope(user, qs):
    """Inspections and sanctions of agencies in the user's jurisdiction."""
    if _superuser(user):
        return qs
    return qs.filter(agency__country_id__in=officer_countries(user))
