"""The case kernel: every case type (licence application, permit or patent application, job
order, licence, permit, patent, and those to come) is *declared*, not copied.

A case type is a model with a `status` field plus a `CaseType` registered with `case_type()`:
its lifecycle table (data: which move, from which states, by whom, under which permission,
with or without a reason, four eyes or not, and what the move means for the people involved),
the jurisdiction, the organisation the audit names, who hears about each move, and the kinds of
document it takes. From that one declaration the kernel gives:

* `case_transition(case=…, to=…, by=…)`: locks the row, checks the table, the policy and the
  four-eyes rule, saves, writes the audit event and queues the notification, in one
  transaction;
* `actor_role(user, case)`: the role a person acts in, recorded in the audit event;
* `case_actions(case, user, side=…)`: the moves a screen offers this person now (back office,
  agency area, worker area), derived from the table and the policy, never re-coded;
* shared information requests and documents (`portal.case_models`).

See docs/architecture.md for the smallest complete example.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit import audit_record
from .lifecycle import InvalidTransition, four_eyes_check, reason_required
from .models import AGENCY_ROLES, Organisation, Role
from .policy import AUTHORITY_ROLES, active_memberships, can

ERROR_NOT_ALLOWED = _("You may not do this for this case or in this jurisdiction.")

#: Who makes a move; also the screen that offers it.
APPLICANT = "applicant"  # the agency or worker who filed the case (agency / worker area)
OFFICER = "officer"  # an officer of the competent authority (back office)
WORKER = "worker"  # the worker the case is about (worker area)
AGENCY = "agency"  # the agency that recruits, acting on a worker's case (agency area)
SYSTEM = "system"  # a scheduled job (never offered on a screen)


@dataclass(frozen=True)
class Note:
    """The text a move asks for, e.g. the reason of a refusal. `name` is the keyword the
    service takes (reason, message, conditions, response)."""

    name: str
    label: str
    required: bool = True


@dataclass(frozen=True)
class Transition:
    """One row of a lifecycle table."""

    name: str  # audit action suffix and URL slug: "approve"
    sources: tuple[str, ...]  # the states it leaves from
    target: str
    by: str  # APPLICANT, OFFICER, WORKER or SYSTEM
    permission: str  # a declared permission action
    label: str = ""  # the button
    consequence: str = ""  # what it does, said beside the button
    note: Note | None = None
    four_eyes: bool = False  # the submitter or last editor may not make this move
    decides: bool = False  # records decided_by, decided_at, decision_reason
    danger: bool = False
    when: Callable | None = None  # (case) -> bool: offered only then (e.g. a proposal exists)


class Lifecycle:
    """A lifecycle table: transitions, looked up by (from, to) or by name."""

    def __init__(self, *transitions: Transition):
        self.transitions = transitions
        self._by_move = {(s, t.target): t for t in transitions for s in t.sources}
        self._by_name = {t.name: t for t in transitions}

    def move(self, source: str, target: str, *, label: str = "") -> Transition:
        """The move from `source` to `target`; InvalidTransition names the state by `label`."""
        from .lifecycle import ERROR_TRANSITION

        try:
            return self._by_move[(str(source), str(target))]
        except KeyError:
            raise InvalidTransition(ERROR_TRANSITION % {"state": label or source}) from None

    def named(self, name: str) -> Transition | None:
        return self._by_name.get(name)

    def leaving(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def table(self) -> dict[tuple[str, str], str]:
        """{(from, to): who} — the classic table, for tests and documentation."""
        return {move: t.by for move, t in self._by_move.items()}

    def states(self) -> set[str]:
        return {s for s, _t in self._by_move} | {t for _s, t in self._by_move}


@dataclass
class CaseType:
    """The declaration of a case type. `country` and `organisation` read a case (its
    jurisdiction, and the organisation the audit names); `recipients(case, side)` lists who
    hears of a move made by the other side ("applicant": the filers, "officer": the deciding
    officers); `events` maps a transition name to the notification event it sends."""

    model: type[models.Model]
    name: str  # audit prefix: "licence_application"
    lifecycle: Lifecycle
    country: Callable[[models.Model], str]
    organisation: Callable[[models.Model], Organisation | None] = lambda case: None
    recipients: Callable[[models.Model, str], Iterable] = lambda case, side: ()
    events: dict = field(default_factory=dict)  # move → event code, or (code, side)
    document_kinds: type[models.TextChoices] | None = None
    applicant_path: Callable[[models.Model], str] | None = None
    officer_path: Callable[[models.Model], str] | None = None
    related: tuple[str, ...] = ()  # select_related when locking
    services: str = ""  # module with <name>_<transition> functions
    keyword: str = "application"  # how those functions name the case
    edit_permission: str = ""  # who may add documents, while editable
    not_editable: str = ""  # the message when it is not
    document_audit: str = ""  # audit prefix of its documents
    deadline_field: str = ""  # the date officers work to (dashboard)

    def lock(self, case):
        """The case's row, locked until the transaction ends."""
        return (
            self.model.objects.select_for_update(of=("self",))
            .select_related(*self.related)
            .get(pk=case.pk)
        )

    def service(self, transition: Transition) -> Callable:
        from importlib import import_module

        return getattr(import_module(self.services), f"{self.name}_{transition.name}")


_CASE_TYPES: dict[type, CaseType] = {}


def case_type(declaration: CaseType) -> CaseType:
    """Register a case type (once, at import of the app's `cases.py`)."""
    _CASE_TYPES[declaration.model] = declaration
    return declaration


def case_type_of(model_or_case) -> CaseType:
    model = model_or_case if isinstance(model_or_case, type) else type(model_or_case)
    return _CASE_TYPES[model._meta.concrete_model]


def case_types() -> list[CaseType]:
    return list(_CASE_TYPES.values())


# --- who acts ----------------------------------------------------------------------------------

#: Officer roles by precedence: the audit names the highest role a person holds.
OFFICER_PRECEDENCE = (Role.SENIOR_OFFICER, Role.AUTHORITY_ADMIN, Role.OFFICER)


def actor_role(user, case=None, *, country: str = "", organisation=None) -> str:
    """The role `user` acts in on `case` (or in `country` / for `organisation`), as the audit
    records it: agency administrator or staff of the case's organisation, else the highest
    authority role in the case's country, else "worker" for the person the case is about,
    "superuser", or "system" when nobody acts."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "system" if user is None else ""
    if case is not None:
        kind = case_type_of(case)
        country = country or kind.country(case)
        organisation = organisation or kind.organisation(case)
    memberships = active_memberships(user)
    if organisation is not None:
        agency = {
            m.role for m in memberships if m.organisation_id == organisation.pk
        } & AGENCY_ROLES
        if agency:
            return Role.AGENCY_ADMIN if Role.AGENCY_ADMIN in agency else Role.AGENCY_STAFF
    held = {
        m.role
        for m in memberships
        if m.role in AUTHORITY_ROLES
        and m.organisation.kind == Organisation.Kind.AUTHORITY
        and (not country or m.organisation.country_id == country)
    }
    for role in OFFICER_PRECEDENCE:
        if role in held:
            return role
    if getattr(user, "is_superuser", False):
        return "superuser"
    return "worker" if not memberships else ""


# --- moving a case -----------------------------------------------------------------------------


def require(allowed: bool, message=ERROR_NOT_ALLOWED) -> None:
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def case_transition(
    *,
    case,
    to: str,
    by,
    reason: str = "",
    changes: dict | None = None,
    effect: Callable | None = None,
    context: dict | None = None,
    request=None,
):
    """Move `case` to `to` as `by` (None: the system) and return the locked, saved case.

    Locks the row, finds the move in the lifecycle table (else InvalidTransition), checks the
    move's permission (else PermissionDenied) and the four-eyes rule, requires the reason the
    move asks for, runs `effect(case)` (extra changes that belong to this move, e.g. issuing
    the licence; it returns audit changes and may refuse with ValidationError), sets the state
    (and the decision fields for a decision), saves, writes one audit event and queues the
    notification declared for the move.
    """
    kind = case_type_of(case)
    case = kind.lock(case)
    from_state = case.status
    move = kind.lifecycle.move(from_state, to, label=case.get_status_display())
    if by is not None:
        require(can(by, move.permission, case))
    elif move.by != SYSTEM:
        raise PermissionDenied(ERROR_NOT_ALLOWED)
    if move.four_eyes:
        four_eyes_check(case, by)
    reason = reason_required(reason) if move.note and move.note.required else (reason or "").strip()
    extra = (effect(case) if effect else None) or {}
    case.status = move.target
    if move.decides:
        case.decided_by, case.decided_at, case.decision_reason = by, timezone.now(), reason
    case.save()
    audit_record(
        actor=by,
        action=f"{kind.name}.{move.name}",
        obj=case,
        role=actor_role(by, case),
        organisation=kind.organisation(case),
        from_state=from_state,
        to_state=move.target,
        reason=reason,
        changes=changes if changes is not None else {"status": [from_state, move.target], **extra},
        country=kind.country(case),
        request=request,
    )
    case_notify(case, move, from_state=from_state, reason=reason, context=context)
    return case


def case_notify(
    case, move: Transition, *, from_state: str, reason: str = "", context: dict | None = None
) -> None:
    """Queue the event declared for `move` (or for the move out of `from_state`), to the side
    the declaration names, by default the side that did not make it."""
    from .notifications import notify

    kind = case_type_of(case)
    event = kind.events.get(f"{move.name}:{from_state}") or kind.events.get(move.name)
    if not event:
        return
    event, side = (
        event
        if isinstance(event, tuple)
        else (event, APPLICANT if move.by in (OFFICER, SYSTEM) else OFFICER)
    )
    path_of = kind.applicant_path if side == APPLICANT else kind.officer_path
    notify(
        event=event,
        recipients=kind.recipients(case, side),
        context={
            "case": str(case),
            "number": getattr(case, "number", "") or "",
            "status": case.status,
            "text": reason,
            "path": path_of(case) if path_of else "",
            **(context or {}),
        },
    )


# --- what a screen offers ----------------------------------------------------------------------


def case_actions(case, user, *, side: str) -> list[Transition]:
    """The moves `user` may make on `case` now, from the screen of `side` (OFFICER for the back
    office, APPLICANT for the agency or worker area, WORKER for the worker area)."""
    kind = case_type_of(case)
    return [
        t
        for t in kind.lifecycle.leaving(case.status)
        if t.by == side and (t.when is None or t.when(case)) and can(user, t.permission, case)
    ]


def case_action_names(case, user, *, side: str) -> set[str]:
    """The names of the moves `user` may make now, for templates: `{% if "withdraw" in moves %}`."""
    return {t.name for t in case_actions(case, user, side=side)}


def case_history(case):
    """The case's audit events, oldest first (its history, for the case page)."""
    from .models import AuditEvent

    return AuditEvent.objects.filter(
        object_type=case._meta.label_lower, object_id=str(case.pk)
    ).order_by("time", "pk")
