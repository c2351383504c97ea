"""State changes in the shared core. Each one writes its audit event in the same transaction."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.permissions import CorePermission

from .audit import audit_record
from .models import STAFF_ROLES, Membership, Organisation, Role, User
from .policy import can

ERROR_NOT_ALLOWED = "You may not manage the members of this organisation."

#: Django group each back-office role belongs to; Wagtail admin access comes from these groups.
ROLE_GROUPS = {
    Role.OFFICER: "Officers",
    Role.SENIOR_OFFICER: "Senior officers",
    Role.AUTHORITY_ADMIN: "Authority administrators",
    Role.ANALYST: "Analysts",
    Role.EDITOR: "Editors",
    Role.REVIEWER: "Moderators",
}


def role_groups_ensure() -> None:
    """Create the back-office groups with Wagtail admin access. Idempotent."""
    access = Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    for group_name in ROLE_GROUPS.values():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(access)


def _sync_groups(user: User) -> None:
    held = {m.role for m in Membership.objects.filter(user=user, is_active=True)}
    wanted = {ROLE_GROUPS[r] for r in held if r in ROLE_GROUPS}
    managed = set(ROLE_GROUPS.values())
    current = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    if wanted - current:
        user.groups.add(*Group.objects.filter(name__in=wanted - current))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    is_staff = user.is_superuser or bool(held & STAFF_ROLES)
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


@transaction.atomic
def membership_grant(*, user: User, organisation: Organisation, role: str, by) -> Membership:
    """Give `user` a role in `organisation`. The granter must manage that organisation."""
    if by is not None and not can(by, CorePermission.ORGANISATION_MANAGE, organisation):
        raise PermissionDenied(ERROR_NOT_ALLOWED)
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"is_active": True}
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
        created = True
    if created:
        audit_record(
            actor=by,
            action="membership.grant",
            obj=membership,
            organisation=organisation,
            to_state=role,
            changes={"role": [None, role], "user": [None, str(user)]},
            country=organisation.country_id,
        )
    _sync_groups(user)
    user.__dict__.pop("_karavan_memberships", None)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, by, reason: str) -> Membership:
    """End a membership (the row stays for the record)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not can(by, CorePermission.ORGANISATION_MANAGE, membership.organisation):
        raise PermissionDenied(ERROR_NOT_ALLOWED)
    if membership.is_active:
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        audit_record(
            actor=by,
            action="membership.revoke",
            obj=membership,
            organisation=membership.organisation,
            from_state=membership.role,
            reason=reason,
            changes={"is_active": [True, False]},
            country=membership.organisation.country_id,
        )
        _sync_groups(membership.user)
    return membership


ERROR_LANGUAGE = _("Choose one of the portal's languages.")


@transaction.atomic
def user_language_set(*, user, language: str) -> User:
    """The language a person reads their notifications in (e-mail today, SMS and messengers
    later). Set at sign-up from the page's language; the person changes it in their account."""
    from django.conf import settings
    from django.core.exceptions import ValidationError

    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError(ERROR_LANGUAGE)
    return _user_setting_save(
        User.objects.select_for_update().get(pk=user.pk),
        "preferred_language",
        language,
        action="user.language_set",
    )


def _user_setting_save(user: User, field: str, value, *, action: str) -> User:
    """Store one of a person's own settings (locked by the caller) and audit the change, if any."""
    old = getattr(user, field)
    if old != value:
        setattr(user, field, value)
        user.save(update_fields=[field])
        audit_record(actor=user, action=action, obj=user, changes={field: [old or None, value]})
    return user


ERROR_CHANNELS = _("Choose at least one way to reach you that you have an address for.")


@transaction.atomic
def user_channels_set(*, user, channels: list[str]) -> User:
    """Where a person's notifications go (portal.notifications): one or more of the channels
    they have an address for (a verified phone for SMS, a linked chat for Telegram)."""
    from django.core.exceptions import ValidationError

    from .notifications import channels_available

    user = User.objects.select_for_update().get(pk=user.pk)
    available = channels_available(user)
    chosen = [name for name in available if name in set(channels)]
    if not chosen or len(chosen) != len(set(channels)):
        raise ValidationError(ERROR_CHANNELS)
    return _user_setting_save(
        user, "notification_channels", chosen, action="user.notification_channels_set"
    )
