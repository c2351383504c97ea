"""The one permission policy: "may this user do this to this object?".

Every view, viewset and API asks `can()` or filters with `scope()`. Apps register rules for
their own actions with `@rule(AppPermission.ACTION)`; an action without a rule is denied.
Actions are declared constants (`portal.permissions`): registering or asking about an action
nobody declared raises `UnknownPermission` instead of denying in silence.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from .models import AGENCY_ROLES, STAFF_ROLES, Membership, Organisation, Role
from .permissions import CorePermission, permission

_RULES: dict[str, Callable] = {}
_SCOPES: dict[str, Callable] = {}

AUTHORITY_ROLES = frozenset({Role.OFFICER, Role.SENIOR_OFFICER, Role.AUTHORITY_ADMIN})


def _registrar(table: dict[str, Callable], action: str):
    """A decorator that files its function under the declared `action` in `table`."""
    action = permission(action)

    def register(fn):
        table[action] = fn
        return fn

    return register


def rule(action: str):
    """Register the check for `action`: fn(user, obj) -> bool."""
    return _registrar(_RULES, action)


def scope_rule(action: str):
    """Register the queryset filter for `action`: fn(user, queryset) -> queryset."""
    return _registrar(_SCOPES, action)


def active_memberships(user) -> list[Membership]:
    """The user's active memberships, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_karavan_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True).select_related(
                "organisation", "organisation__country"
            )
        )
        user._karavan_memberships = cached
    return cached


def roles_in(user, organisation: Organisation | int | None = None) -> set[str]:
    """The user's roles, optionally only in one organisation."""
    org_id = getattr(organisation, "pk", organisation)
    return {
        m.role for m in active_memberships(user) if org_id is None or m.organisation_id == org_id
    }


def is_staff_user(user) -> bool:
    """Back-office user: superuser or any staff role. These must use MFA."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or bool(roles_in(user) & STAFF_ROLES)


def authority_countries(user, roles=AUTHORITY_ROLES, competence: str | None = None) -> set[str]:
    """Countries where the user holds one of `roles` in an authority (with `competence`)."""
    return {
        m.organisation.country_id
        for m in active_memberships(user)
        if m.role in roles
        and m.organisation.kind == Organisation.Kind.AUTHORITY
        and (competence is None or m.organisation.has_competence(competence))
    }


def agency_ids(user, roles=AGENCY_ROLES) -> set[int]:
    """Organisations in which the user works as agency staff."""
    return {m.organisation_id for m in active_memberships(user) if m.role in roles}


def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


def agency_member(user, agency_id) -> bool:
    """`user` works for the agency `agency_id` (as its administrator or staff)."""
    return agency_id in agency_ids(user, AGENCY_ROLES)


def agency_case_rules(*, view, decide, country: str, officer_countries, create=(), edit=()) -> None:
    """Register the rules of a case an agency files and officers of one country decide.

    `create`: the agency's staff start one for their agency (the object checked is the
    agency); `edit`: they change, submit or withdraw their agency's case; `view`: the agency's
    staff, those officers and superusers read the case (and lists of it); `decide`: those
    officers act on it. `country` is the lookup from the case to the deciding country (e.g.
    "agency__country_id"); `officer_countries(user)` the countries a user decides.
    """
    path = country.split("__")

    def case_country(case):
        for name in path:
            case = getattr(case, name)
        return case

    def view_rule(user, case) -> bool:
        return (
            is_superuser(user)
            or agency_member(user, case.agency_id)
            or case_country(case) in officer_countries(user)
        )

    def view_scope(user, qs):
        if is_superuser(user):
            return qs
        return qs.filter(
            Q(agency_id__in=agency_ids(user, AGENCY_ROLES))
            | Q(**{f"{country}__in": officer_countries(user)})
        )

    def decide_rule(user, case) -> bool:
        return case_country(case) in officer_countries(user)

    def decide_scope(user, qs):
        return qs.filter(**{f"{country}__in": officer_countries(user)})

    for action in create:
        rule(action)(lambda user, agency: agency is not None and agency_member(user, agency.pk))
    for action in edit:
        rule(action)(lambda user, case: agency_member(user, case.agency_id))
    for action in view:
        rule(action)(view_rule)
        scope_rule(action)(view_scope)
    for action in decide:
        rule(action)(decide_rule)
        scope_rule(action)(decide_scope)


def can(user, action: str, obj=None) -> bool:
    """Default deny. Superusers may do everything except what a rule forbids them explicitly."""
    check = _RULES.get(permission(action))
    if check is None:
        return False
    return bool(check(user, obj))


def scope(user, action: str, queryset: QuerySet) -> QuerySet:
    """Restrict `queryset` to the objects `user` may `action`. Default: nothing."""
    narrow = _SCOPES.get(permission(action))
    if narrow is None:
        return queryset.none()
    return narrow(user, queryset)


# --- Core rules ------------------------------------------------------------------------------


@rule(CorePermission.AUDIT_VIEW)
def _audit_view(user, event) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    countries = authority_countries(user, AUTHORITY_ROLES | {Role.ANALYST})
    return event is None and bool(countries) or (event is not None and event.country in countries)


@scope_rule(CorePermission.AUDIT_VIEW)
def _audit_scope(user, qs):
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(country__in=authority_countries(user, AUTHORITY_ROLES | {Role.ANALYST}))


@rule(CorePermission.ORGANISATION_VIEW)
def _organisation_view(user, org) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return org.pk in {m.organisation_id for m in active_memberships(user)} or (
        org.country_id in authority_countries(user, AUTHORITY_ROLES | {Role.ANALYST})
    )


@scope_rule(CorePermission.ORGANISATION_VIEW)
def _organisation_scope(user, qs):
    if getattr(user, "is_superuser", False):
        return qs
    own = {m.organisation_id for m in active_memberships(user)}
    countries = authority_countries(user, AUTHORITY_ROLES | {Role.ANALYST})
    return qs.filter(Q(pk__in=own) | Q(country__in=countries))


@rule(CorePermission.ORGANISATION_MANAGE)
def _organisation_manage(user, org) -> bool:
    """Agency admins manage their own organisation; authority admins those of their country."""
    if getattr(user, "is_superuser", False):
        return True
    if Role.AGENCY_ADMIN in roles_in(user, org):
        return True
    return org.country_id in authority_countries(user, {Role.AUTHORITY_ADMIN})


def _deliveries_visible(user) -> bool:
    """Superusers and authority administrators: they answer for notifications reaching people."""
    return getattr(user, "is_superuser", False) or bool(
        authority_countries(user, {Role.AUTHORITY_ADMIN})
    )


@rule(CorePermission.NOTIFICATION_DELIVERY_VIEW)
def _notification_delivery_view(user, delivery) -> bool:
    return _deliveries_visible(user)


@scope_rule(CorePermission.NOTIFICATION_DELIVERY_VIEW)
def _notification_delivery_scope(user, qs):
    return qs if _deliveries_visible(user) else qs.none()
