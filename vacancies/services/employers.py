"""Employer accreditation by the destination authority: grant (numbered `{CC}-EMP-{year}-
{seq:06d}`), renewal (a new linked accreditation, decided with the employer's record in view),
suspension, reinstatement, revocation and expiry through the kernel; sanctions and the
watchlist. Vetting asks `employer_hiring_problems` before it publishes a job order."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.cases import actor_role, case_transition, require
from portal.lifecycle import DocumentStatus, reason_required
from portal.models import Organisation
from portal.notifications import notify
from portal.numbering import number_allocate
from portal.policy import can

from ..employer_models import EmployerAccreditation, EmployerSanction, EmployerWatch
from ..permissions import VacancyPermission as P

ERROR_NOT_ACCREDITED = _(
    "The employer %(employer)s holds no active accreditation in "
    "%(country)s: only accredited employers may hire migrant workers."
)
ERROR_EMPLOYER_BANNED = _(
    "The employer %(employer)s is banned from hiring migrant workers until %(until)s."
)
ERROR_ALREADY_ACCREDITED = _(
    "The employer already holds an active accreditation here; renew it instead."
)
ERROR_NOT_EMPLOYER = _("Only an employer can be accredited.")
ERROR_NOT_ACCREDITING_AUTHORITY = _("This authority does not accredit employers.")
ERROR_VALIDITY = _("The accreditation must end after it starts.")
ERROR_FINE_AMOUNT = _("A fine needs an amount.")
ERROR_BAN_UNTIL = _("A ban needs the last day it applies, in the future.")
ERROR_NO_ACCREDITATION = _("The employer holds no accreditation to suspend.")
ERROR_NOT_WATCHED = _("The employer is not on the watchlist.")
ERROR_ALREADY_WATCHED = _("The employer is already on the watchlist.")
ERROR_RENEW_STATE = _("Only an active or expired accreditation can be renewed.")

#: How long an accreditation lasts unless the officer says otherwise.
ACCREDITATION_YEARS = 3
D = DocumentStatus

#: Other apps add what counts at renewal (e.g. help cases about the employer):
#: fn(employer) -> list[(label, count, [lines])].
_RECORD_SOURCES: list = []


def register_employer_record_source(fn):
    """Decorator for an app that knows more about employers (help requests, inspections)."""
    _RECORD_SOURCES.append(fn)
    return fn


# --- reads the services need -----------------------------------------------------------------


def employer_current_accreditation(
    *, employer, country_id: str, on: date | None = None
) -> EmployerAccreditation | None:
    """The employer's active accreditation in `country_id` valid on `on` (today)."""
    on = on or timezone.localdate()
    return (
        EmployerAccreditation.objects.filter(
            employer=employer,
            authority__country_id=country_id,
            status=D.ACTIVE,
            valid_from__lte=on,
            valid_until__gte=on,
        )
        .order_by("-valid_until")
        .first()
    )


def employer_ban(*, employer, on: date | None = None) -> EmployerSanction | None:
    """The ban in force against the employer on `on`, if any."""
    on = on or timezone.localdate()
    return (
        EmployerSanction.objects.filter(
            employer=employer, kind=EmployerSanction.Kind.BAN, banned_until__gte=on
        )
        .order_by("-banned_until")
        .first()
    )


def employer_is_watched(*, employer) -> bool:
    return EmployerWatch.objects.filter(employer=employer, removed_at__isnull=True).exists()


def employer_hiring_problems(*, employer, country, on: date | None = None) -> list[str]:
    """Why the employer may not hire migrant workers in `country` now (vetting refuses then)."""
    from django.utils import formats

    problems = []
    ban = employer_ban(employer=employer, on=on)
    if ban is not None:
        problems.append(
            str(ERROR_EMPLOYER_BANNED)
            % {"employer": employer.name, "until": formats.date_format(ban.banned_until)}
        )
    if employer_current_accreditation(employer=employer, country_id=country.pk, on=on) is None:
        problems.append(
            str(ERROR_NOT_ACCREDITED) % {"employer": employer.name, "country": country.local}
        )
    return problems


def employer_record(*, employer) -> dict:
    """What the officer sees at renewal: upheld complaints, sanctions, watchlist entries, and
    whatever other apps register (help cases)."""
    from licensing.models import Complaint, ComplaintStatus

    upheld = list(
        Complaint.objects.filter(employer=employer, status=ComplaintStatus.UPHELD).order_by(
            "-decided_at"
        )
    )
    return {
        "complaints_upheld": upheld,
        "complaints_open": Complaint.objects.filter(
            employer=employer, status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.INVESTIGATING]
        ).count(),
        "sanctions": list(EmployerSanction.objects.filter(employer=employer)),
        "watch": list(EmployerWatch.objects.filter(employer=employer).select_related("authority")),
        "other": [row for source in _RECORD_SOURCES for row in source(employer)],
    }


# --- accreditation ---------------------------------------------------------------------------


def _accreditation_create(
    *, employer, authority, by, valid_from, valid_until, conditions, previous=None
) -> EmployerAccreditation:
    number = number_allocate(country=authority.country_id, kind="EMP", year=valid_from.year)
    accreditation = EmployerAccreditation(
        employer=employer,
        authority=authority,
        number=number,
        status=D.ACTIVE,
        valid_from=valid_from,
        valid_until=valid_until,
        conditions=(conditions or "").strip(),
        previous=previous,
        granted_by=by,
    )
    accreditation.full_clean()
    accreditation.save()
    return accreditation


@transaction.atomic
def employer_accreditation_grant(
    *,
    employer: Organisation,
    authority: Organisation,
    by,
    valid_until: date | None = None,
    conditions: str = "",
) -> EmployerAccreditation:
    """An officer of the destination's accrediting authority accredits an employer."""
    require(can(by, P.EMPLOYER_ACCREDIT, authority))
    if not authority.has_competence(Organisation.Competence.EMPLOYER_ACCREDITATION):
        raise ValidationError(ERROR_NOT_ACCREDITING_AUTHORITY)
    if employer.kind != Organisation.Kind.EMPLOYER:
        raise ValidationError(ERROR_NOT_EMPLOYER)
    # One grant at a time per employer: lock the employer's row.
    Organisation.objects.select_for_update().get(pk=employer.pk)
    if employer_current_accreditation(employer=employer, country_id=authority.country_id):
        raise ValidationError(ERROR_ALREADY_ACCREDITED)
    ban = employer_ban(employer=employer)
    if ban is not None:
        raise ValidationError(
            str(ERROR_EMPLOYER_BANNED) % {"employer": employer.name, "until": ban.banned_until}
        )
    today = timezone.localdate()
    valid_until = valid_until or today.replace(year=today.year + ACCREDITATION_YEARS)
    if valid_until <= today:
        raise ValidationError(ERROR_VALIDITY)
    accreditation = _accreditation_create(
        employer=employer,
        authority=authority,
        by=by,
        valid_from=today,
        valid_until=valid_until,
        conditions=conditions,
    )
    audit_record(
        actor=by,
        action="employer_accreditation.grant",
        obj=accreditation,
        role=actor_role(by, accreditation),
        organisation=employer,
        to_state=D.ACTIVE,
        changes={"number": [None, accreditation.number], "valid_until": [None, str(valid_until)]},
        country=authority.country_id,
    )
    notify(
        event="employer_accreditation.grant",
        recipients=[employer.email] if employer.email else [],
        context={"number": accreditation.number},
    )
    return accreditation


@transaction.atomic
def employer_accreditation_renew(
    *,
    accreditation: EmployerAccreditation,
    by,
    valid_until: date | None = None,
    conditions: str | None = None,
) -> EmployerAccreditation:
    """Renewal: a new accreditation linked to the old one, starting the day after it ends (or
    today, if it has ended). The officer decides with `employer_record` in view."""
    accreditation = (
        EmployerAccreditation.objects.select_for_update()
        .select_related("employer", "authority")
        .get(pk=accreditation.pk)
    )
    require(can(by, P.EMPLOYER_ACCREDIT, accreditation))
    if accreditation.status not in (D.ACTIVE, D.EXPIRED):
        raise ValidationError(ERROR_RENEW_STATE)
    ban = employer_ban(employer=accreditation.employer)
    if ban is not None:
        raise ValidationError(
            str(ERROR_EMPLOYER_BANNED)
            % {"employer": accreditation.employer.name, "until": ban.banned_until}
        )
    today = timezone.localdate()
    start = max(today, accreditation.valid_until + timedelta(days=1))
    valid_until = valid_until or start.replace(year=start.year + ACCREDITATION_YEARS)
    if valid_until <= start:
        raise ValidationError(ERROR_VALIDITY)
    renewed = _accreditation_create(
        employer=accreditation.employer,
        authority=accreditation.authority,
        by=by,
        valid_from=start,
        valid_until=valid_until,
        conditions=accreditation.conditions if conditions is None else conditions,
        previous=accreditation,
    )
    record = employer_record(employer=accreditation.employer)
    audit_record(
        actor=by,
        action="employer_accreditation.renew",
        obj=renewed,
        role=actor_role(by, renewed),
        organisation=accreditation.employer,
        to_state=D.ACTIVE,
        changes={
            "number": [None, renewed.number],
            "previous": [None, accreditation.number],
            "valid_until": [None, str(valid_until)],
            "complaints_upheld": [None, len(record["complaints_upheld"])],
            "sanctions": [None, len(record["sanctions"])],
        },
        country=accreditation.authority.country_id,
    )
    return renewed


def employer_accreditation_suspend(*, accreditation, by, reason: str):
    """Suspended: vetting refuses the employer's job orders until it is reinstated."""

    def note(acc):
        acc.status_reason = reason.strip()

    return case_transition(case=accreditation, to=D.SUSPENDED, by=by, reason=reason, effect=note)


def employer_accreditation_reinstate(*, accreditation, by, reason: str = ""):
    def note(acc):
        acc.status_reason = (reason or "").strip()

    return case_transition(case=accreditation, to=D.ACTIVE, by=by, reason=reason, effect=note)


def employer_accreditation_revoke(*, accreditation, by, reason: str):
    def note(acc):
        acc.status_reason = reason.strip()

    return case_transition(case=accreditation, to=D.REVOKED, by=by, reason=reason, effect=note)


def employer_accreditation_expire(*, accreditation):
    """The daily job: an accreditation past its last day expires."""
    return case_transition(case=accreditation, to=D.EXPIRED, by=None)


def employer_accreditations_expire(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    due = EmployerAccreditation.objects.filter(
        status__in=[D.ACTIVE, D.SUSPENDED], valid_until__lt=today
    )
    for accreditation in due:
        employer_accreditation_expire(accreditation=accreditation)
    return len(due)


# --- sanctions and the watchlist -------------------------------------------------------------


@transaction.atomic
def employer_sanction_impose(
    *,
    employer: Organisation,
    authority: Organisation,
    by,
    kind: str,
    reason: str,
    amount=None,
    banned_until: date | None = None,
    complaint=None,
) -> EmployerSanction:
    """A warning, fine, suspension (the current accreditation is suspended) or ban (the current
    accreditation is revoked and no job order is vetted until `banned_until`)."""
    require(can(by, P.EMPLOYER_ACCREDIT, authority))
    reason = reason_required(reason)
    K = EmployerSanction.Kind
    if kind == K.FINE and not amount:
        raise ValidationError(ERROR_FINE_AMOUNT)
    if kind == K.BAN and (banned_until is None or banned_until <= timezone.localdate()):
        raise ValidationError(ERROR_BAN_UNTIL)
    current = (
        EmployerAccreditation.objects.filter(
            employer=employer,
            authority__country_id=authority.country_id,
            status__in=[D.ACTIVE, D.SUSPENDED],
        )
        .order_by("-valid_until")
        .first()
    )
    if kind == K.SUSPENSION and (current is None or current.status != D.ACTIVE):
        raise ValidationError(ERROR_NO_ACCREDITATION)
    sanction = EmployerSanction(
        employer=employer,
        authority=authority,
        accreditation=current,
        complaint=complaint,
        kind=kind,
        amount=amount if kind == K.FINE else None,
        reason=reason,
        banned_until=banned_until if kind == K.BAN else None,
        imposed_by=by,
        imposed_on=timezone.localdate(),
    )
    sanction.full_clean()
    sanction.save()
    audit_record(
        actor=by,
        action="employer_sanction.impose",
        obj=sanction,
        role=actor_role(by, country=authority.country_id),
        organisation=employer,
        reason=reason,
        changes={
            "kind": [None, kind],
            "amount": [None, str(amount) if amount else None],
            "banned_until": [None, str(banned_until) if banned_until else None],
        },
        country=authority.country_id,
    )
    if kind == K.SUSPENSION:
        employer_accreditation_suspend(accreditation=current, by=by, reason=reason)
    elif kind == K.BAN and current is not None:
        employer_accreditation_revoke(accreditation=current, by=by, reason=reason)
    return sanction


@transaction.atomic
def employer_watch_add(
    *, employer: Organisation, authority: Organisation, by, reason: str
) -> EmployerWatch:
    """Put an employer on the watchlist: vetting officers see a warning on its job orders."""
    require(can(by, P.EMPLOYER_ACCREDIT, authority))
    reason = reason_required(reason)
    Organisation.objects.select_for_update().get(pk=employer.pk)
    if EmployerWatch.objects.filter(
        employer=employer, authority=authority, removed_at__isnull=True
    ).exists():
        raise ValidationError(ERROR_ALREADY_WATCHED)
    entry = EmployerWatch.objects.create(
        employer=employer, authority=authority, reason=reason, added_by=by
    )
    audit_record(
        actor=by,
        action="employer_watch.add",
        obj=entry,
        role=actor_role(by, country=authority.country_id),
        organisation=employer,
        reason=reason,
        to_state="watched",
        changes={"watched": [False, True]},
        country=authority.country_id,
    )
    return entry


@transaction.atomic
def employer_watch_remove(*, entry: EmployerWatch, by, reason: str) -> EmployerWatch:
    entry = EmployerWatch.objects.select_for_update().select_related("authority").get(pk=entry.pk)
    require(can(by, P.EMPLOYER_ACCREDIT, entry))
    reason = reason_required(reason)
    if entry.removed_at is not None:
        raise ValidationError(ERROR_NOT_WATCHED)
    entry.removed_at, entry.removed_by = timezone.now(), by
    entry.save(update_fields=["removed_at", "removed_by"])
    audit_record(
        actor=by,
        action="employer_watch.remove",
        obj=entry,
        role=actor_role(by, country=entry.authority.country_id),
        organisation=entry.employer,
        reason=reason,
        from_state="watched",
        to_state="closed",
        changes={"watched": [True, False]},
        country=entry.authority.country_id,
    )
    return entry
