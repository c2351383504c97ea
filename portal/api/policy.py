"""Who manages API tokens: authority administrators of the token organisation's country."""

from django.db.models import QuerySet

from portal.models import Role
from portal.permissions import CorePermission
from portal.policy import authority_countries, rule, scope_rule


@rule(CorePermission.API_TOKEN_MANAGE)
def _token_manage(user, organisation) -> bool:
    """`organisation` is the token's organisation, or the token itself (None: may the user
    manage any token at all?)."""
    organisation = getattr(organisation, "organisation", organisation)
    if getattr(user, "is_superuser", False):
        return True
    countries = authority_countries(user, {Role.AUTHORITY_ADMIN})
    if organisation is None:
        return bool(countries)
    return organisation.country_id in countries


@scope_rule(CorePermission.API_TOKEN_MANAGE)
def _token_scope(user, qs: QuerySet) -> QuerySet:
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(organisation__country_id__in=authority_countries(user, {Role.AUTHORITY_ADMIN}))
