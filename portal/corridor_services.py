"""Changing the corridor rules: an officer of the destination's authority proposes a version, a
second person approves or rejects it (four eyes, through the case kernel), every step audited.

Approving a version ends the version it replaces the day before the new one starts. A version
may not start in the past when it would replace one already in force on that day, so a
decision taken under the old rule stays explained by the old rule.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit import audit_record, field_changes
from .cases import (
    OFFICER,
    CaseType,
    Lifecycle,
    Note,
    Transition,
    actor_role,
    case_transition,
    require,
)
from .cases import case_type as case_type_register
from .corridor_models import CorridorRule, DocumentKind, RuleStatus
from .models import Organisation, Role
from .permissions import CorridorPermission
from .policy import AUTHORITY_ROLES, authority_countries, can, rule, scope_rule

ERROR_PAST = _(
    "A rule may not start in the past when it replaces the rule in force on that day: "
    "choose today or a later date."
)
ERROR_LATER_VERSION = _(
    "A later version of this rule is already approved; propose a change to that version instead."
)
ERROR_UNKNOWN_DOCUMENT = _("Unknown document kind: %(kind)s.")
ERROR_SAME_COUNTRY = _("The nationality and the destination must differ.")

#: What a proposal may set (everything but the workflow fields).
RULE_FIELDS = [
    "origin",
    "destination",
    "category",
    "effective_from",
    "effective_to",
    "authorisation",
    "visa_regime",
    "registration_days",
    "registration_day_kind",
    "stay_without_registration_days",
    "max_stay_days",
    "max_stay_window_days",
    "fee_amount",
    "fee_currency",
    "fee_months",
    "documents_standard",
    "documents_highly_skilled",
    "documents_patent",
    "hotlines",
    "source_act",
    "source_article",
    "source_date",
    "source_url",
    "needs_confirmation",
    "notes",
]
S = RuleStatus


# --- who may do what ------------------------------------------------------------------------


def _countries(user, roles=AUTHORITY_ROLES) -> set[str]:
    return authority_countries(user, roles)


def _for_destination(user, obj, roles=AUTHORITY_ROLES) -> bool:
    """Superusers; otherwise authority staff (of `roles`) of the rule's destination country,
    or of any country when no rule is named."""
    if getattr(user, "is_superuser", False):
        return True
    countries = _countries(user, roles)
    return bool(countries) if obj is None else obj.destination_id in countries


@rule(CorridorPermission.RULE_VIEW)
def _rule_view(user, obj) -> bool:
    return _for_destination(user, obj)


@scope_rule(CorridorPermission.RULE_VIEW)
def _rule_scope(user, qs):
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(destination_id__in=_countries(user))


@rule(CorridorPermission.RULE_PROPOSE)
def _rule_propose(user, obj) -> bool:
    return _for_destination(user, obj)


@rule(CorridorPermission.RULE_APPROVE)
def _rule_approve(user, obj) -> bool:
    return _for_destination(user, obj, {Role.SENIOR_OFFICER, Role.AUTHORITY_ADMIN})


def _authority(rule_: CorridorRule):
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.AUTHORITY, country_id=rule_.destination_id
        )
        .order_by("pk")
        .first()
    )


CORRIDOR_RULE = case_type_register(
    CaseType(
        model=CorridorRule,
        name="corridor_rule",
        lifecycle=Lifecycle(
            Transition(
                "approve",
                (S.PROPOSED,),
                S.APPROVED,
                OFFICER,
                CorridorPermission.RULE_APPROVE,
                _("Approve"),
                _(
                    "The rule takes effect on its date for the services, the guides, the bot "
                    "and the API; the version it replaces ends the day before."
                ),
                note=Note("reason", _("Note (optional)"), required=False),
                four_eyes=True,
                decides=True,
            ),
            Transition(
                "reject",
                (S.PROPOSED,),
                S.REJECTED,
                OFFICER,
                CorridorPermission.RULE_APPROVE,
                _("Reject"),
                _("The proposal is closed; the rules in force do not change."),
                note=Note("reason", _("Reason")),
                decides=True,
                danger=True,
            ),
        ),
        country=lambda r: r.destination_id,
        organisation=_authority,
        services="portal.corridor_services",
        keyword="rule",
        related=("origin", "destination"),
    )
)


# --- checks ---------------------------------------------------------------------------------


def _overlapping(rule_: CorridorRule):
    """Approved versions of the same corridor and category still in force on its first day."""
    return (
        CorridorRule.objects.filter(
            status=S.APPROVED,
            origin_id=rule_.origin_id,
            destination_id=rule_.destination_id,
            category=rule_.category,
            effective_from__lt=rule_.effective_from,
        )
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=rule_.effective_from))
        .exclude(pk=rule_.pk)
    )


def _check_dates(rule_: CorridorRule) -> None:
    if rule_.effective_from < timezone.localdate() and _overlapping(rule_).exists():
        raise ValidationError(ERROR_PAST)
    later = CorridorRule.objects.filter(
        status=S.APPROVED,
        origin_id=rule_.origin_id,
        destination_id=rule_.destination_id,
        category=rule_.category,
        effective_from__gte=rule_.effective_from,
    ).exclude(pk=rule_.pk)
    if later.exists():
        raise ValidationError(ERROR_LATER_VERSION)


def _check(rule_: CorridorRule) -> None:
    if rule_.origin_id == rule_.destination_id:
        raise ValidationError(ERROR_SAME_COUNTRY)
    known = set(DocumentKind.values)
    for name in ("documents_standard", "documents_highly_skilled", "documents_patent"):
        for kind in getattr(rule_, name) or []:
            if kind not in known:
                raise ValidationError(ERROR_UNKNOWN_DOCUMENT, params={"kind": kind})
    rule_.fee_currency = (rule_.fee_currency or "").upper()
    rule_.full_clean(exclude=["submitted_by", "last_edited_by", "supersedes"])
    _check_dates(rule_)


def _values(rule_: CorridorRule) -> dict:
    return {
        name: getattr(rule_, CorridorRule._meta.get_field(name).attname) for name in RULE_FIELDS
    }


# --- services -------------------------------------------------------------------------------


@transaction.atomic
def corridor_rule_propose(
    *, by, data: dict, based_on: CorridorRule | None = None, request=None
) -> CorridorRule:
    """Propose a version: a new corridor, or a change to `based_on` (whose values are the
    starting point). Waits for a second person's approval; audited."""
    proposal = CorridorRule(
        status=S.PROPOSED, submitted_by=by, last_edited_by=by, supersedes=based_on
    )
    if based_on is not None:
        for name, value in _values(based_on).items():
            setattr(proposal, CorridorRule._meta.get_field(name).attname, value)
        proposal.effective_to = None
    for name, value in data.items():
        if name in RULE_FIELDS:
            setattr(proposal, name, value)
    require(can(by, CorridorPermission.RULE_PROPOSE, proposal))
    _check(proposal)
    proposal.save()
    audit_record(
        actor=by,
        action="corridor_rule.propose",
        obj=proposal,
        role=actor_role(by, proposal),
        organisation=_authority(proposal),
        to_state=S.PROPOSED,
        changes={
            "status": [None, S.PROPOSED],
            **field_changes(_values(based_on) if based_on else {}, _values(proposal)),
        },
        country=proposal.destination_id,
        request=request,
    )
    return proposal


def corridor_rule_approve(
    *, rule: CorridorRule, by, reason: str = "", request=None
) -> CorridorRule:
    """proposed → approved by a second person: the version it replaces ends the day before."""

    def take_effect(rule_):
        _check_dates(rule_)
        ended = {}
        for previous in _overlapping(rule_).select_for_update(of=("self",)):
            old_end = previous.effective_to
            previous.effective_to = rule_.effective_from - timedelta(days=1)
            previous.save(update_fields=["effective_to"])
            rule_.supersedes = rule_.supersedes or previous
            ended[previous.pk] = [str(old_end) if old_end else None, str(previous.effective_to)]
            audit_record(
                actor=by,
                action="corridor_rule.end",
                obj=previous,
                role=actor_role(by, previous),
                organisation=_authority(previous),
                reason=f"#{rule_.pk}",
                changes={"effective_to": ended[previous.pk]},
                country=previous.destination_id,
                request=request,
            )
        return {"ends": ended} if ended else {}

    return case_transition(
        case=rule, to=S.APPROVED, by=by, reason=reason, effect=take_effect, request=request
    )


def corridor_rule_reject(*, rule: CorridorRule, by, reason: str, request=None) -> CorridorRule:
    """proposed → rejected, with a reason; nothing in force changes."""
    return case_transition(case=rule, to=S.REJECTED, by=by, reason=reason, request=request)


@transaction.atomic
def corridor_rules_import(*, rows: list[dict], reason: str) -> list[CorridorRule]:
    """Record the law already in force from a reviewed data file (the initial table, or the
    demo): each row approved as the system, audited. Rows already on record (same corridor,
    category and start) are skipped, so loading twice changes nothing."""
    made = []
    for data in rows:
        key = {
            "origin_id": data["origin"],
            "destination_id": data["destination"],
            "category": data.get("category", "any"),
            "effective_from": data["effective_from"],
        }
        if CorridorRule.objects.filter(**key).exists():
            continue
        values = {k: v for k, v in data.items() if k in RULE_FIELDS}
        values["origin_id"] = values.pop("origin")
        values["destination_id"] = values.pop("destination")
        imported = CorridorRule(
            status=S.APPROVED, decided_at=timezone.now(), decision_reason=reason, **values
        )
        _check(imported)
        imported.save()
        audit_record(
            actor=None,
            action="corridor_rule.import",
            obj=imported,
            role="system",
            organisation=_authority(imported),
            to_state=S.APPROVED,
            reason=reason,
            changes={"status": [None, S.APPROVED], **field_changes({}, _values(imported))},
            country=imported.destination_id,
        )
        made.append(imported)
    return made
