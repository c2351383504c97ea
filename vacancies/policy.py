"""Who may do what with schemes, job orders, profiles and applications. Default deny.

Agency staff act for their own agency's job orders and applicants. Officers act on job orders
whose scheme names their country as the vetting country, and only for an authority with the
job-order-vetting competence (jurisdiction). Workers act on their own profile and applications.
"""

from django.db.models import Q

from portal.models import Organisation, Role
from portal.policy import (
    agency_case_rules,
    agency_member,
    authority_countries,
    is_superuser,
    rule,
    scope_rule,
)
from vacancies.permissions import VacancyPermission

VETTING_OFFICER_ROLES = frozenset({Role.OFFICER, Role.SENIOR_OFFICER})
SCHEME_MANAGER_ROLES = frozenset({Role.SENIOR_OFFICER, Role.AUTHORITY_ADMIN})


def vetting_countries(user) -> set[str]:
    """Countries in which `user` vets job orders."""
    return authority_countries(
        user, VETTING_OFFICER_ROLES, competence=Organisation.Competence.JOB_ORDER_VETTING
    )


def scheme_countries(user) -> set[str]:
    """Countries whose schemes and minimum-wage tables `user` manages."""
    return authority_countries(
        user, SCHEME_MANAGER_ROLES, competence=Organisation.Competence.JOB_ORDER_VETTING
    )


# --- job orders ------------------------------------------------------------------------------


# Job orders: posted and changed by the agency's staff, read by them and the vetting officers
# of the scheme's vetting country, who vet them.
agency_case_rules(
    create=(VacancyPermission.JOB_ORDER_CREATE,),
    edit=(VacancyPermission.JOB_ORDER_EDIT,),
    view=(VacancyPermission.JOB_ORDER_VIEW,),
    decide=(VacancyPermission.JOB_ORDER_VET,),
    country="scheme__vetting_country_id",
    officer_countries=vetting_countries,
)


# --- schemes and minimum wages ---------------------------------------------------------------


@rule(VacancyPermission.SCHEME_MANAGE)
def _scheme_manage(user, scheme) -> bool:
    if is_superuser(user):
        return True
    countries = scheme_countries(user)
    if scheme is None:
        return bool(countries)
    return bool(
        {scheme.origin_country_id, scheme.destination_country_id, scheme.vetting_country_id}
        & countries
    )


@scope_rule(VacancyPermission.SCHEME_MANAGE)
def _scheme_scope(user, qs):
    if is_superuser(user):
        return qs
    countries = scheme_countries(user)
    return qs.filter(
        Q(origin_country_id__in=countries)
        | Q(destination_country_id__in=countries)
        | Q(vetting_country_id__in=countries)
    )


@rule(VacancyPermission.MINIMUM_WAGE_MANAGE)
def _minimum_wage_manage(user, wage) -> bool:
    """Minimum wages are reference data every vetting authority reads; its managers keep them."""
    return is_superuser(user) or bool(scheme_countries(user))


@scope_rule(VacancyPermission.MINIMUM_WAGE_MANAGE)
def _minimum_wage_scope(user, qs):
    return qs if _minimum_wage_manage(user, None) else qs.none()


# --- workers and applications ----------------------------------------------------------------


@rule(VacancyPermission.APPLICATION_ACT_FOR_AGENCY)
def _application_agency(user, application) -> bool:
    return agency_member(user, application.job_order.agency_id)


@rule(VacancyPermission.APPLICATION_ACT_FOR_WORKER)
def _application_worker(user, application) -> bool:
    return getattr(user, "pk", None) is not None and application.profile.user_id == user.pk


@rule(VacancyPermission.CANDIDATES_VIEW)
def _candidates_view(user, agency) -> bool:
    """Agency staff may browse consenting candidates for their own agency."""
    return agency is not None and agency_member(user, agency.pk)


@rule(VacancyPermission.COST_REPORT_VIEW)
def _cost_reports_view(user, agency) -> bool:
    """Officers of the agency's country read individual cost reports (at renewal)."""
    return is_superuser(user) or agency.country_id in authority_countries(
        user, VETTING_OFFICER_ROLES | {Role.AUTHORITY_ADMIN}
    )


# --- saved searches --------------------------------------------------------------------------


@rule(VacancyPermission.SAVED_SEARCH_MANAGE)
def _saved_search_manage(user, search) -> bool:
    """A saved search is its owner's alone (a Telegram chat's searches have no owner)."""
    return getattr(user, "pk", None) is not None and search.owner_id == user.pk


@scope_rule(VacancyPermission.SAVED_SEARCH_MANAGE)
def _saved_search_scope(user, qs):
    return qs.filter(owner_id=user.pk) if getattr(user, "pk", None) is not None else qs.none()


# --- employers and contracts -----------------------------------------------------------------

ACCREDITATION_ROLES = frozenset({Role.OFFICER, Role.SENIOR_OFFICER})


def accreditation_countries(user) -> set[str]:
    """Destination countries in which `user` accredits employers."""
    return authority_countries(
        user, ACCREDITATION_ROLES, competence=Organisation.Competence.EMPLOYER_ACCREDITATION
    )


@rule(VacancyPermission.EMPLOYER_ACCREDIT)
def _employer_accredit(user, obj) -> bool:
    """`obj`: an accreditation, sanction or watchlist entry (its `country_id`), the accrediting
    authority, or None (may the user accredit anywhere?)."""
    countries = accreditation_countries(user)
    if obj is None:
        return is_superuser(user) or bool(countries)
    return obj.country_id in countries


@scope_rule(VacancyPermission.EMPLOYER_ACCREDIT)
def _employer_accredit_scope(user, qs):
    if is_superuser(user):
        return qs
    return qs.filter(authority__country_id__in=accreditation_countries(user))


def _contract_worker(user, contract) -> bool:
    return getattr(user, "pk", None) is not None and contract.application.profile.user_id == user.pk


@rule(VacancyPermission.CONTRACT_CONFIRM_WORKER)
def _contract_confirm_worker(user, contract) -> bool:
    return _contract_worker(user, contract)


@rule(VacancyPermission.CONTRACT_CONFIRM_EMPLOYER)
def _contract_confirm_employer(user, contract) -> bool:
    return agency_member(user, contract.job_order.agency_id)


@rule(VacancyPermission.CONTRACT_VIEW)
def _contract_view(user, contract) -> bool:
    return (
        is_superuser(user)
        or _contract_worker(user, contract)
        or agency_member(user, contract.job_order.agency_id)
        or contract.job_order.destination_country_id in accreditation_countries(user)
    )


@scope_rule(VacancyPermission.CONTRACT_VIEW)
def _contract_scope(user, qs):
    if is_superuser(user):
        return qs
    from portal.policy import agency_ids

    return qs.filter(
        Q(application__profile__user_id=getattr(user, "pk", None))
        | Q(job_order__agency_id__in=agency_ids(user))
        | Q(job_order__destination_country_id__in=accreditation_countries(user))
    )
