"""Who may see which matching figures and results. Default deny (see `portal.policy`).

Analysts of an authority read, import and run for their own country only; agency staff see
ranked consenting candidates only for their own agency's job orders; a worker sees only their
own "vacancies for you". Imported from `MatchingConfig.ready()`.
"""

from matching.permissions import MatchingPermission
from portal.models import AGENCY_ROLES
from portal.policy import (
    agency_ids,
    authority_countries,
    is_superuser,
    rule,
    scope_rule,
)

from .selectors import ANALYST_ROLES


def _analyst_of(user, country) -> bool:
    """`country` None asks "for any country at all" (menus, the all-country run)."""
    if is_superuser(user):
        return True
    countries = authority_countries(user, ANALYST_ROLES)
    return bool(countries) if country is None else country in countries


@rule(MatchingPermission.ANALYTICS_VIEW)
def _analytics_view(user, country) -> bool:
    return _analyst_of(user, country)


@rule(MatchingPermission.ANALYTICS_EXPORT_INTERNAL)
def _export_internal(user, country) -> bool:
    """Unsuppressed figures stay inside the authority of the country they describe."""
    return country is not None and _analyst_of(user, country)


@rule(MatchingPermission.ASSESSMENT_IMPORT)
def _assessment_import(user, country) -> bool:
    return country is not None and _analyst_of(user, country)


@rule(MatchingPermission.RUN_START)
def _run_start(user, country) -> bool:
    """A run for every country at once is for superusers (and the command line)."""
    return is_superuser(user) if country is None else _analyst_of(user, country)


@rule(MatchingPermission.RUN_VIEW)
def _run_view(user, run) -> bool:
    return is_superuser(user) or (
        run is not None and run.country_id is not None and _analyst_of(user, run.country_id)
    )


@scope_rule(MatchingPermission.RUN_VIEW)
def _run_scope(user, qs):
    if is_superuser(user):
        return qs
    return qs.filter(country_id__in=authority_countries(user, ANALYST_ROLES))


@rule(MatchingPermission.CANDIDATES_VIEW)
def _candidates_view(user, job_order) -> bool:
    """Only staff of the job order's own agency, never an officer or another agency."""
    return job_order is not None and job_order.agency_id in agency_ids(user, AGENCY_ROLES)


@rule(MatchingPermission.WORKER_VACANCIES)
def _worker_vacancies(user, profile) -> bool:
    return (
        profile is not None and getattr(user, "pk", None) is not None and profile.user_id == user.pk
    )
