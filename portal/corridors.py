"""Reading the corridor rules (`CorridorRule`): the version in force for a worker on a date, the
answer to "do I need a permit?" in any portal language, and the arrival-registration and
overstay dates the migration-cycle services use.

The services (`licensing.permits`), the destination guides' "rules for your passport" box, the
API (`/api/v1/corridor-rules/`) and the Telegram bot all read through this module, so they
cannot disagree.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .corridor_models import (
    Authorisation,
    CorridorRule,
    DayKind,
    DocumentKind,
    RuleStatus,
    VisaRegime,
    WorkerCategory,
)

HEADLINES = {
    Authorisation.NONE: _(
        "With this passport you need no work permit and no patent to work in this country."
    ),
    Authorisation.WORK_PERMIT: _(
        "With this passport you need a work permit to work in this country."
    ),
    Authorisation.PATENT: _("With this passport you need a patent to work in this country."),
    Authorisation.SCHEME_VISA: _(
        "With this passport you work in this country with a work visa "
        "under a bilateral recruitment scheme."
    ),
}
NO_RULE = _(
    "Karavan has no rule on record for this passport in this country yet; ask the "
    "migration authority or a resource centre."
)
INSTEAD_REGISTER = _(
    "What to do instead: sign an employment contract with your employer and "
    "register your stay within %(days)s %(kind)s of arrival."
)
INSTEAD_NO_REGISTRATION = _(
    "What to do instead: sign an employment contract with your "
    "employer; no registration is needed at arrival."
)
UNCONFIRMED = _(
    "To be confirmed by the authority: this rule is still being checked and may be inaccurate."
)


def rules_in_force(*, on: date | None = None) -> QuerySet[CorridorRule]:
    """Every approved version in force on `on` (today by default)."""
    on = on or timezone.localdate()
    return (
        CorridorRule.objects.filter(status=RuleStatus.APPROVED, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .select_related("origin", "destination")
    )


def corridor_rule_for(
    *, origin: str, destination: str, category: str = WorkerCategory.ANY, on: date | None = None
) -> CorridorRule | None:
    """The version in force on `on` for a worker of nationality `origin` (ISO code) in
    `destination`: the rule for their category if there is one, else the rule for any worker."""
    rules = {
        r.category: r
        for r in rules_in_force(on=on).filter(
            origin_id=origin,
            destination_id=destination,
            category__in=[category or WorkerCategory.ANY, WorkerCategory.ANY],
        )
    }
    return rules.get(category) or rules.get(WorkerCategory.ANY)


def origins_with_rules(*, destination: str, on: date | None = None) -> list:
    """Nationalities that have a rule in force for `destination` (the guide box's choices)."""
    seen = {}
    for rule in rules_in_force(on=on).filter(destination_id=destination).order_by("origin__name"):
        seen.setdefault(rule.origin_id, rule.origin)
    return list(seen.values())


# --- the answer, in words -------------------------------------------------------------------


def _days(n: int, kind: str) -> str:
    return (
        gettext("%(days)s working days")
        if kind == DayKind.WORKING
        else gettext("%(days)s calendar days")
    ) % {"days": n}


def _money(amount) -> str:
    return formats.number_format(
        amount, decimal_pos=0 if amount == int(amount) else 2, use_l10n=True, force_grouping=True
    )


def _documents(kinds: list[str]) -> str:
    labels = dict(DocumentKind.choices)
    return "; ".join(str(labels.get(k, k)) for k in kinds)


@dataclass
class PermitAnswer:
    """ "Do I need a permit?" for one passport, destination and category, in one language.

    `needs` is an `Authorisation` value (or "" without a rule); `rows` are (label, value) pairs
    for a definition list; `instead` says what to do when no permit is needed."""

    rule: CorridorRule | None
    needs: str
    headline: str
    instead: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)
    hotlines: list[str] = field(default_factory=list)
    source: str = ""
    needs_confirmation: bool = False
    language: str = ""
    mark: str = ""  # "To be confirmed by the authority: …", in `language`
    source_label: str = ""  # "Legal source", in `language`

    @property
    def needs_permit(self) -> bool:
        return self.needs in (Authorisation.WORK_PERMIT, Authorisation.PATENT)

    def as_text(self) -> str:
        """Plain text (a chat message, an SMS split by the sender)."""
        lines = [self.headline]
        if self.needs_confirmation:
            lines.append(self.mark)
        if self.instead:
            lines.append(self.instead)
        lines += [f"{label}: {value}" for label, value in self.rows]
        if self.source:
            lines.append(f"{self.source_label}: {self.source}")
        return "\n".join(lines)


def rule_answer(rule: CorridorRule | None) -> PermitAnswer:
    """The rule in words, in the active language."""
    if rule is None:
        return PermitAnswer(
            rule=None, needs="", headline=str(NO_RULE), language=translation.get_language()
        )
    rows = [(gettext("Visa"), str(VisaRegime(rule.visa_regime).label))]
    if rule.registration_days:
        rows.append(
            (
                gettext("Registration after arrival"),
                gettext("within %(period)s")
                % {"period": _days(rule.registration_days, rule.registration_day_kind)},
            )
        )
    else:
        rows.append((gettext("Registration after arrival"), gettext("not needed")))
    if rule.stay_without_registration_days:
        rows.append(
            (
                gettext("Longest stay without registration"),
                _days(rule.stay_without_registration_days, DayKind.CALENDAR),
            )
        )
    if rule.max_stay_days and rule.max_stay_window_days:
        stay = gettext("%(days)s days in any %(window)s days") % {
            "days": rule.max_stay_days,
            "window": rule.max_stay_window_days,
        }
    elif rule.max_stay_days:
        stay = _days(rule.max_stay_days, DayKind.CALENDAR)
    else:
        stay = gettext("as long as the employment contract, permit or patent")
    rows.append((gettext("Longest stay"), stay))
    if rule.fee_amount is not None:
        money = f"{_money(rule.fee_amount)} {rule.fee_currency}"
        fee = (
            gettext("%(money)s for each %(months)s month(s)")
            % {"money": money, "months": rule.fee_months}
            if rule.fee_months
            else gettext("%(money)s, paid once") % {"money": money}
        )
    elif rule.authorisation == Authorisation.NONE:
        fee = gettext("none")
    else:
        fee = gettext("not on record: see the fees page or ask the authority")
    rows.append((gettext("State fee"), fee))
    tracks = {
        Authorisation.WORK_PERMIT: [
            ("standard", gettext("Documents")),
            ("highly_skilled", gettext("Documents (highly skilled)")),
        ],
        Authorisation.PATENT: [("patent", gettext("Documents"))],
    }.get(rule.authorisation, [])
    for track, label in tracks:
        if rule.documents_for(track):
            rows.append((label, _documents(rule.documents_for(track))))
    if rule.hotline_list():
        rows.append((gettext("Official hotlines"), ", ".join(rule.hotline_list())))
    instead = ""
    if rule.authorisation == Authorisation.NONE:
        instead = (
            str(INSTEAD_REGISTER)
            % {"days": rule.registration_days, "kind": DayKind(rule.registration_day_kind).label}
            if rule.registration_days
            else str(INSTEAD_NO_REGISTRATION)
        )
    return PermitAnswer(
        rule=rule,
        needs=rule.authorisation,
        headline=str(HEADLINES[rule.authorisation]),
        instead=instead,
        rows=rows,
        hotlines=rule.hotline_list(),
        source=rule.source_text(),
        needs_confirmation=rule.needs_confirmation,
        language=translation.get_language(),
        mark=str(UNCONFIRMED),
        source_label=gettext("Legal source"),
    )


def needs_permit_answer(
    origin: str,
    destination: str,
    category: str = WorkerCategory.ANY,
    on_date: date | None = None,
    language: str = "",
) -> PermitAnswer:
    """The answer to "do I need a permit?" — for the Telegram bot (issue 20), the guide box and
    the services. `origin` and `destination` are ISO codes; `language` a portal language code
    (default: the active one)."""
    rule = corridor_rule_for(
        origin=(origin or "").upper(),
        destination=(destination or "").upper(),
        category=category or WorkerCategory.ANY,
        on=on_date,
    )
    with translation.override(language or translation.get_language()):
        return rule_answer(rule)


# --- dates for the migration cycle ----------------------------------------------------------


def _working_days_after(*, country_id: str, start: date, days: int) -> date:
    """The `days`-th working day after `start` (Monday–Friday minus the country's public
    holidays from the `holidays` package)."""
    try:
        import holidays as calendars

        off = calendars.country_holidays(country_id, years=range(start.year, start.year + 2))
    except (ImportError, NotImplementedError):  # a country the package does not cover
        off = {}
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            counted += 1
    return current


def registration_due_date(
    *, origin: str, destination: str, arrival: date, category: str = WorkerCategory.ANY
) -> date | None:
    """Last day to register the stay after arriving on `arrival`, under the rule in force on the
    arrival day; None when no registration is needed at arrival (or no rule is on record)."""
    rule = corridor_rule_for(origin=origin, destination=destination, category=category, on=arrival)
    if rule is None or not rule.registration_days:
        return None
    if rule.registration_day_kind == DayKind.WORKING:
        return _working_days_after(
            country_id=destination, start=arrival, days=rule.registration_days
        )
    return arrival + timedelta(days=rule.registration_days)


def stay_limit_date(
    *,
    origin: str,
    destination: str,
    arrival: date,
    category: str = WorkerCategory.ANY,
    authorised_until: date | None = None,
) -> date | None:
    """Last day of lawful stay after arriving on `arrival`: the rule's maximum stay, or the end
    of a permit, patent or contract (`authorised_until`) when that is later and the rule ties
    the stay to it. None when nothing limits it on record."""
    rule = corridor_rule_for(origin=origin, destination=destination, category=category, on=arrival)
    limit = (
        arrival + timedelta(days=rule.max_stay_days - 1) if rule and rule.max_stay_days else None
    )
    if authorised_until and (limit is None or authorised_until > limit):
        return authorised_until
    return limit


def is_overstaying(
    *,
    origin: str,
    destination: str,
    arrival: date,
    on: date | None = None,
    category: str = WorkerCategory.ANY,
    authorised_until: date | None = None,
) -> bool:
    """Whether a worker who arrived on `arrival` is past their lawful stay on `on` (today)."""
    limit = stay_limit_date(
        origin=origin,
        destination=destination,
        arrival=arrival,
        category=category,
        authorised_until=authorised_until,
    )
    return limit is not None and (on or timezone.localdate()) > limit


# --- what the guides show -------------------------------------------------------------------


def country_label(country) -> str:
    """A country's name in the active language (its stored labels, see `portal.labels`)."""
    return country.local


def passport_choices(*, destination: str, on: date | None = None) -> list[tuple[str, str]]:
    """(code, name in the active language) of the nationalities with rules for `destination`."""
    return sorted(
        ((c.code, country_label(c)) for c in origins_with_rules(destination=destination, on=on)),
        key=lambda pair: pair[1],
    )


def passport_answers(
    *, origin: str, destination: str, on: date | None = None
) -> list[tuple[str, PermitAnswer]]:
    """Every rule in force for one passport at `destination`, in words: (heading, answer);
    the category-specific rules first, the rule for any other worker last."""
    rules = list(rules_in_force(on=on).filter(origin_id=origin, destination_id=destination))
    specific = [r for r in rules if r.category != WorkerCategory.ANY]
    general = [r for r in rules if r.category == WorkerCategory.ANY]
    answers = []
    for rule_ in sorted(specific, key=lambda r: r.category):
        answers.append(
            (
                gettext("%(category)s work") % {"category": WorkerCategory(rule_.category).label},
                rule_answer(rule_),
            )
        )
    for rule_ in general:
        answers.append((gettext("Any other work") if specific else "", rule_answer(rule_)))
    return answers
