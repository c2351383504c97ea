"""Who may see and act on help requests and referrals.

The origin country's authority (with the migrant-protection competence) triages the requests
of its citizens. A receiving organisation sees only the referrals made to it (and in them only
what was shared); it never reaches the request itself.
"""

from django.db.models import Q

from portal.models import STAFF_ROLES, Organisation, Role
from portal.policy import (
    AUTHORITY_ROLES,
    active_memberships,
    authority_countries,
    is_superuser,
    rule,
    scope_rule,
)

from .permissions import ProtectionPermission as P

PROTECTION = Organisation.Competence.MIGRANT_PROTECTION


def triage_countries(user) -> set[str]:
    """Countries whose citizens' help requests `user` triages."""
    return authority_countries(user, AUTHORITY_ROLES, competence=PROTECTION)


def party_ids(user) -> set[int]:
    """Organisations for which `user` answers referrals (any back-office role in them)."""
    return {m.organisation_id for m in active_memberships(user) if m.role in STAFF_ROLES}


@rule(P.HELP_TRIAGE)
def _triage(user, request) -> bool:
    countries = triage_countries(user)
    if request is None:
        return is_superuser(user) or bool(countries)
    return request.origin_country_id in countries


@scope_rule(P.HELP_TRIAGE)
def _triage_scope(user, qs):
    if is_superuser(user):
        return qs
    return qs.filter(origin_country__in=triage_countries(user))


@rule(P.REFERRAL_VIEW)
def _referral_view(user, referral) -> bool:
    if referral is None:
        return is_superuser(user) or bool(party_ids(user) or triage_countries(user))
    return (
        is_superuser(user)
        or referral.organisation_id in party_ids(user)
        or referral.help_request.origin_country_id in triage_countries(user)
    )


@scope_rule(P.REFERRAL_VIEW)
def _referral_scope(user, qs):
    if is_superuser(user):
        return qs
    return qs.filter(
        Q(organisation_id__in=party_ids(user))
        | Q(help_request__origin_country__in=triage_countries(user))
    )


@rule(P.REFERRAL_ANSWER)
def _referral_answer(user, referral) -> bool:
    """Only the receiving organisation answers (a superuser is not that organisation)."""
    return referral is not None and referral.organisation_id in party_ids(user)


@scope_rule(P.REFERRAL_ANSWER)
def _referral_answer_scope(user, qs):
    return qs.filter(organisation_id__in=party_ids(user))


@rule(P.REFERRAL_ESCALATE)
def _referral_escalate(user, referral) -> bool:
    return False  # the daily job escalates (by=None); no person does


def statistics_countries(user) -> set[str]:
    return authority_countries(user, AUTHORITY_ROLES | {Role.ANALYST})


@rule(P.STATISTICS_VIEW)
def _statistics(user, country) -> bool:
    if is_superuser(user):
        return True
    return country in statistics_countries(user) if country else bool(statistics_countries(user))
