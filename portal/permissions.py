"""Permission actions, declared once with what each allows (as `ApiScope` does for the API).

Every action the policy knows is a member of a `TextChoices` class decorated with `@declare`:
its value is the code ("licensing.application.decide"), its label the description staff read.
`policy.rule`, `policy.scope_rule`, `policy.can` and `policy.scope` accept only declared
actions, so a typo fails when the module that registers the rule is imported, instead of
silently denying everyone.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnknownPermission(LookupError):
    """An action that no `@declare`d class names."""


_DECLARED: dict[str, models.TextChoices] = {}


def declare(choices: type[models.TextChoices]) -> type[models.TextChoices]:
    """Class decorator: register every member of `choices` as a permission action."""
    for member in choices:
        if member.value in _DECLARED:
            raise ImproperlyConfigured(f"Permission action {member.value!r} is declared twice.")
        _DECLARED[member.value] = member
    return choices


def permission(action) -> models.TextChoices:
    """The declared member for `action` (a member or its code); UnknownPermission otherwise."""
    try:
        return _DECLARED[str(action)]
    except KeyError:
        raise UnknownPermission(
            f"{action!r} is not a declared permission action; add it to a @declare'd class "
            "(e.g. licensing/permissions.py)."
        ) from None


def declared() -> list[models.TextChoices]:
    """Every declared action, by code (for the documentation and the back office)."""
    return [_DECLARED[code] for code in sorted(_DECLARED)]


@declare
class CorePermission(models.TextChoices):
    AUDIT_VIEW = "audit.view", _("Read the audit log of one's own jurisdiction")
    ORGANISATION_VIEW = "organisation.view", _("See an organisation one belongs to or supervises")
    ORGANISATION_MANAGE = (
        "organisation.manage",
        _(
            "Manage an organisation's members and settings (its administrators, or the "
            "authority administrators of its country)"
        ),
    )
    API_TOKEN_MANAGE = (
        "api.token.manage",
        _("Issue and revoke partner API tokens for organisations of one's country"),
    )
    NOTIFICATION_DELIVERY_VIEW = (
        "notification.delivery.view",
        _("See the notifications sent and the deliveries that failed (authority administrators)"),
    )


@declare
class CorridorPermission(models.TextChoices):
    RULE_VIEW = (
        "corridor.rule.view",
        _(
            "Read the corridor rules (and proposals) of one's destination country in the back office"
        ),
    )
    RULE_PROPOSE = (
        "corridor.rule.propose",
        _("Propose a new version of a corridor rule of one's destination country"),
    )
    RULE_APPROVE = (
        "corridor.rule.approve",
        _("Approve or reject a proposed corridor rule of one's country (never one's own)"),
    )
