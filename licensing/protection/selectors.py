"""Reads for help requests and referrals: lookups, who is told, eligible organisations, and
the figures by sex the statistics use."""

from django.db.models import Count, Q, QuerySet

from licensing.selectors import tracking_code_normalise
from portal.choices import Sex
from portal.models import STAFF_ROLES, Organisation, User
from portal.notifications import Address
from portal.policy import AUTHORITY_ROLES

from .models import (
    PARTY_RULES,
    HelpCategory,
    HelpOutcome,
    HelpReferral,
    HelpRequest,
    HelpStatus,
    Party,
    Priority,
    ReferralStatus,
)


def help_request_by_tracking_code(*, code: str) -> HelpRequest | None:
    """The request a person follows with their code (case-insensitive, spaces ignored)."""
    code = tracking_code_normalise(code=code)
    if not code:
        return None
    return (
        HelpRequest.objects.filter(tracking_code=code)
        .select_related("origin_country", "current_country")
        .first()
    )


def triage_officers(*, country_id: str) -> QuerySet[User]:
    """Active officers of the authorities that triage help requests of `country_id`'s citizens."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=AUTHORITY_ROLES,
            memberships__organisation__kind=Organisation.Kind.AUTHORITY,
            memberships__organisation__country_id=country_id,
            memberships__organisation__competences__contains=[
                Organisation.Competence.MIGRANT_PROTECTION.value
            ],
        )
        .distinct()
        .order_by("pk")
    )


def party_contacts(*, organisation: Organisation) -> list:
    """Who hears of a referral: the organisation's address and its back-office members."""
    members = (
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__is_active=True,
            memberships__role__in=STAFF_ROLES,
        )
        .distinct()
        .order_by("pk")
    )
    return [organisation.email, *members] if organisation.email else list(members)


def person_contacts(*, help_request: HelpRequest) -> list:
    """The person, when they are not anonymous: their account, or the contact they gave."""
    if help_request.is_anonymous:
        return []
    if help_request.filed_by_id:
        return [help_request.filed_by]
    contact = help_request.contact.strip()
    if "@" in contact:
        return [Address("email", contact, help_request.language)]
    digits = "".join(c for c in contact if c.isdigit())
    if len(digits) >= 8:
        return [Address("sms", "+" + digits, help_request.language)]
    return []


def referral_candidates(*, help_request: HelpRequest, party: str) -> QuerySet[Organisation]:
    """The organisations a request may be referred to as `party` (see `PARTY_RULES`): a
    destination inspectorate, an origin consulate, or any NGO or resource centre."""
    kind, competence, country = PARTY_RULES[Party(party)]
    qs = Organisation.objects.filter(kind=kind)
    if competence:
        qs = qs.filter(competences__contains=[competence])
    if country == "current":
        qs = qs.filter(country_id=help_request.current_country_id)
    elif country == "origin":
        qs = qs.filter(country_id=help_request.origin_country_id)
    return qs.order_by("name")


def referral_organisations() -> QuerySet[Organisation]:
    """Every organisation that can receive a referral of some kind (for the officer's form)."""
    return (
        Organisation.objects.filter(
            Q(kind=Organisation.Kind.PARTNER)
            | Q(kind=Organisation.Kind.AUTHORITY, competences__contains=["labour_inspection"])
            | Q(kind=Organisation.Kind.AUTHORITY, competences__contains=["consular_assistance"])
        )
        .select_related("country")
        .order_by("name")
    )


def referrals_overdue(*, today) -> QuerySet[HelpReferral]:
    """Referrals still awaiting an answer after their due day."""
    return HelpReferral.objects.filter(status=ReferralStatus.SENT, due_on__lt=today).order_by(
        "due_on", "pk"
    )


def help_figures_by_sex(*, country_id: str | None = None, year: int | None = None) -> dict:
    """Help requests counted by sex: in total, by category, by status, by priority, by outcome
    of the closed ones, and referrals by kind of party. For the statistics page and API.

    Returns ``{"total": {...}, "category": {code: {...}}, "status": …, "priority": …,
    "outcome": …, "party": …}`` where each ``{...}`` is ``{"F": n, "M": n, "X": n,
    "total": n}``; every key of the choices appears, with zeros.
    """
    qs = HelpRequest.objects.all()
    referrals = HelpReferral.objects.all()
    if country_id:
        qs = qs.filter(origin_country_id=country_id)
        referrals = referrals.filter(help_request__origin_country_id=country_id)
    if year:
        qs = qs.filter(created_at__year=year)
        referrals = referrals.filter(help_request__created_at__year=year)

    def empty():
        return {**{s.value: 0 for s in Sex}, "total": 0}

    def split(rows, field, choices, sex_field="sex"):
        table = {c.value: empty() for c in choices}
        for row in rows.values(field, sex_field).annotate(n=Count("pk")).order_by():
            if row[field] in table:
                table[row[field]][row[sex_field]] += row["n"]
                table[row[field]]["total"] += row["n"]
        return table

    total = empty()
    for row in qs.values("sex").annotate(n=Count("pk")).order_by():
        total[row["sex"]] += row["n"]
        total["total"] += row["n"]
    return {
        "total": total,
        "category": split(qs, "category", HelpCategory),
        "status": split(qs, "status", HelpStatus),
        "priority": split(qs, "priority", Priority),
        "outcome": split(qs.filter(status=HelpStatus.CLOSED), "outcome", HelpOutcome),
        "party": split(referrals, "party", Party, sex_field="help_request__sex"),
    }


def help_requests_records(*, year: int, country_id: str | None = None):
    """``(category, priority, outcome, sex)`` of each help request filed in `year` (of origin
    `country_id`; None: all): the records of the public statistics, nothing personal."""
    qs = HelpRequest.objects.filter(created_at__year=year)
    if country_id:
        qs = qs.filter(origin_country_id=country_id)
    return list(qs.values_list("category", "priority", "outcome", "sex").order_by())
