"""Who may do what with work permits and patents. Registered with portal.policy; default deny.

The holder is always the worker; an agency sees what it filed; officers (officer, senior
officer) of an authority with the matching competence — work permits or patents — act only in
their own country. Quotas and fees are changed by senior officers and authority administrators.
"""

from django.db.models import Q

from licensing.permits.permissions import PermitPermission
from portal.models import AGENCY_ROLES, Organisation, Role
from portal.policy import (
    AUTHORITY_ROLES,
    agency_ids,
    authority_countries,
    is_superuser,
    rule,
    scope_rule,
)

OFFICER_ROLES = frozenset({Role.OFFICER, Role.SENIOR_OFFICER})
MANAGER_ROLES = frozenset({Role.SENIOR_OFFICER, Role.AUTHORITY_ADMIN})
COMPETENCE = {"WP": Organisation.Competence.WORK_PERMITS, "PT": Organisation.Competence.PATENTS}


def officer_countries(user, kind: str, roles=OFFICER_ROLES) -> set[str]:
    """Countries in which `user` decides applications of `kind` ("WP" or "PT")."""
    return authority_countries(user, roles, competence=COMPETENCE[kind])


def _jurisdiction_q(user, prefix: str = "", roles=OFFICER_ROLES) -> Q:
    """Rows of kind WP in the user's work-permit countries, or PT in their patent countries."""
    q = Q(pk__in=[])
    for kind in COMPETENCE:
        countries = officer_countries(user, kind, roles)
        if countries:
            q |= Q(**{f"{prefix}kind": kind, f"{prefix}authority__country_id__in": countries})
    return q


def _is_applicant(user, application) -> bool:
    """The worker (own application) or staff of the agency that filed it."""
    if application.agency_id:
        return application.agency_id in agency_ids(user, AGENCY_ROLES)
    return getattr(user, "pk", None) == application.worker_id


@rule(PermitPermission.APPLICATION_VIEW)
def _application_view(user, application) -> bool:
    return (
        is_superuser(user)
        or getattr(user, "pk", None) == application.worker_id
        or _is_applicant(user, application)
        or application.authority.country_id in officer_countries(user, application.kind)
    )


@scope_rule(PermitPermission.APPLICATION_VIEW)
def _application_view_scope(user, qs):
    if is_superuser(user):
        return qs
    return qs.filter(
        Q(worker_id=getattr(user, "pk", None))
        | Q(agency_id__in=agency_ids(user, AGENCY_ROLES))
        | _jurisdiction_q(user)
    )


@rule(PermitPermission.APPLICATION_EDIT)
def _application_edit(user, application) -> bool:
    return _is_applicant(user, application)


@rule(PermitPermission.APPLICATION_WITHDRAW)
def _application_withdraw(user, application) -> bool:
    """The applicant, or the worker always (an agency may not keep an application alive
    against the worker's will)."""
    return _is_applicant(user, application) or getattr(user, "pk", None) == application.worker_id


@rule(PermitPermission.APPLICATION_CONSENT)
def _application_consent(user, application) -> bool:
    return getattr(user, "pk", None) == application.worker_id


@rule(PermitPermission.APPLICATION_DECIDE)
def _application_decide(user, application) -> bool:
    return application.authority.country_id in officer_countries(user, application.kind)


@scope_rule(PermitPermission.APPLICATION_DECIDE)
def _application_decide_scope(user, qs):
    return qs.filter(_jurisdiction_q(user))


@rule(PermitPermission.DOCUMENT_VIEW)
def _document_view(user, document) -> bool:
    """A work permit or patent: its holder, the agency that applied, officers of the country."""
    return (
        is_superuser(user)
        or getattr(user, "pk", None) == document.holder_id
        or _application_view(user, document.application)
    )


@rule(PermitPermission.DOCUMENT_MANAGE)
def _document_manage(user, document) -> bool:
    return document.authority.country_id in officer_countries(user, document.application.kind)


@rule(PermitPermission.PAYMENT_ORDER)
def _payment_order(user, patent) -> bool:
    """Only the holder orders fees: officers, the filing agency and superusers see the patent,
    but an order in someone else's name is a debt they did not choose."""
    return getattr(user, "is_authenticated", False) and user.pk == patent.holder_id


@rule(PermitPermission.PAYMENT_CONFIRM)
def _payment_confirm(user, order) -> bool:
    return order.patent.authority.country_id in officer_countries(user, "PT")


@scope_rule(PermitPermission.PAYMENT_CONFIRM)
def _payment_scope(user, qs):
    if is_superuser(user):
        return qs
    return qs.filter(patent__authority__country_id__in=officer_countries(user, "PT"))


def _quota_countries(user, kind: str | None, roles) -> set[str]:
    kinds = [kind] if kind else list(COMPETENCE)
    return set().union(*(officer_countries(user, k, roles) for k in kinds))


@rule(PermitPermission.QUOTA_VIEW)
def _quota_view(user, quota) -> bool:
    """Uptake is visible to officers, analysts and administrators of the country."""
    if is_superuser(user):
        return True
    countries = authority_countries(user, AUTHORITY_ROLES | {Role.ANALYST})
    return bool(countries) if quota is None else quota.country_id in countries


@scope_rule(PermitPermission.QUOTA_VIEW)
def _quota_view_scope(user, qs):
    if is_superuser(user):
        return qs
    return qs.filter(country_id__in=authority_countries(user, AUTHORITY_ROLES | {Role.ANALYST}))


@rule(PermitPermission.QUOTA_MANAGE)
def _quota_manage(user, quota) -> bool:
    """`quota` may be an unsaved Quota (creation) — the check uses its country and kind."""
    return quota.country_id in _quota_countries(user, quota.kind, MANAGER_ROLES)


@rule(PermitPermission.FEE_MANAGE)
def _fee_manage(user, fee) -> bool:
    return fee.authority.country_id in _quota_countries(
        user, fee.kind, MANAGER_ROLES
    ) and fee.authority.has_competence(COMPETENCE[fee.kind])


@rule(PermitPermission.SETTINGS_MANAGE)
def _settings_manage(user, authority) -> bool:
    return authority.country_id in _quota_countries(user, None, MANAGER_ROLES)


def _documents_of_kind(kind: str):
    def narrow(user, qs):
        if is_superuser(user):
            return qs
        return qs.filter(authority__country_id__in=officer_countries(user, kind))

    return narrow


scope_rule(PermitPermission.WORK_PERMIT_MANAGE)(_documents_of_kind("WP"))
scope_rule(PermitPermission.PATENT_MANAGE)(_documents_of_kind("PT"))


@scope_rule(PermitPermission.FEE_VIEW)
def _fee_view_scope(user, qs):
    """Fee schedules of the authorities' own countries (they are public anyway)."""
    if is_superuser(user):
        return qs
    return qs.filter(authority__country_id__in=authority_countries(user, AUTHORITY_ROLES))
