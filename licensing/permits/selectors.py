"""Reads for work permits and patents. Other apps ask here (e.g. `work_permit_by_number`)."""

import calendar
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from licensing.permits.permissions import PermitPermission
from portal.corridor_models import CorridorRule
from portal.corridors import corridor_rule_for
from portal.lifecycle import EDITABLE_STATES, OPEN_APPLICATION_STATES, DocumentStatus
from portal.models import Organisation
from portal.policy import scope

from .models import (
    Category,
    FeeSchedule,
    Patent,
    PermitApplication,
    PermitKind,
    PermitSettings,
    PublicHoliday,
    Qualification,
    Quota,
    WorkPermit,
)
from .policy import COMPETENCE

#: Derived patent state: fees do not cover today (not stored; see `patent_effective_status`).
LAPSED = "lapsed"


# --- dates -----------------------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """Same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def months_end(start: date, months: int) -> date:
    """Last day of a period of `months` whole months starting on `start`."""
    return add_months(start, months) - timedelta(days=1)


def public_holidays(*, country_id: str, start: date, end: date) -> set[date]:
    """The country's public holidays from the `holidays` package (with its substitute days),
    plus any the authority added itself (`PublicHoliday`, e.g. a one-off decree)."""
    days = set(
        PublicHoliday.objects.filter(country_id=country_id, date__range=(start, end)).values_list(
            "date", flat=True
        )
    )
    try:
        import holidays as calendars

        known = calendars.country_holidays(country_id, years=range(start.year, end.year + 1))
    except (ImportError, NotImplementedError):  # a country the package does not cover
        return days
    return days | {day for day in known if start <= day <= end}


def is_working_day(day: date, holidays: set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def working_days_add(*, country_id: str, start: date, days: int) -> date:
    """The `days`-th working day after `start` (Monday–Friday, minus the country's holidays)."""
    # Generous window: `days` working days never span more than 3×days + 30 calendar days.
    holidays = public_holidays(
        country_id=country_id, start=start, end=start + timedelta(days=days * 3 + 30)
    )
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current, holidays):
            counted += 1
    return current


def working_days_left(
    *, country_id: str, deadline: date | None, today: date | None = None
) -> int | None:
    """Working days from today to the deadline (0 on the day, negative when overdue)."""
    if deadline is None:
        return None
    today = today or timezone.localdate()
    low, high = sorted([today, deadline])
    holidays = public_holidays(country_id=country_id, start=low, end=high)
    count = sum(
        1
        for n in range(1, (high - low).days + 1)
        if is_working_day(low + timedelta(days=n), holidays)
    )
    return count if deadline >= today else -count


# --- authorities and settings ----------------------------------------------------------------


def permit_authority_for(*, country_id: str, kind: str) -> Organisation | None:
    """The authority deciding `kind` (WP or PT) in `country_id`, if any."""
    authorities = Organisation.objects.filter(
        kind=Organisation.Kind.AUTHORITY, country_id=country_id
    ).order_by("pk")
    return next((a for a in authorities if a.has_competence(COMPETENCE[kind])), None)


def permit_destination_authorities(*, kind: str) -> list[Organisation]:
    """Authorities that accept applications of `kind` (one per country)."""
    return [
        a
        for a in Organisation.objects.filter(kind=Organisation.Kind.AUTHORITY)
        .select_related("country")
        .order_by("country_id", "pk")
        if a.has_competence(COMPETENCE[kind])
    ]


def permit_settings(*, authority: Organisation) -> PermitSettings:
    """The authority's saved settings, or the defaults (5/15 working days, 12 months)."""
    return PermitSettings.objects.filter(authority=authority).first() or PermitSettings(
        authority=authority
    )


def category_derive(
    *, settings: PermitSettings, occupation_code: str, qualification: str, has_diploma: bool
) -> str:
    """ISCO-08 major group → category. Groups 1–3 (configurable) with higher education and an
    uploaded diploma are highly skilled, without that evidence skilled; group 9 (configurable)
    is low skilled; every other group (0, 4–8) is skilled."""
    major = (occupation_code or "")[:1]
    if major in (settings.low_skilled_groups or []):
        return Category.LOW_SKILLED
    if (
        major in (settings.highly_skilled_groups or [])
        and qualification == Qualification.HIGHER
        and has_diploma
    ):
        return Category.HIGHLY_SKILLED
    return Category.SKILLED


def application_corridor_rule(
    *, application: PermitApplication, on: date | None = None
) -> CorridorRule | None:
    """The corridor rule for the applicant's nationality at the authority's country, for their
    category, in force on `on` (today)."""
    if not (application.nationality_id and application.authority_id):
        return None
    return corridor_rule_for(
        origin=application.nationality_id,
        destination=application.authority.country_id,
        category=application.category or "any",
        on=on,
    )


def required_documents(
    *, application: PermitApplication, settings: PermitSettings | None = None
) -> list[str]:
    """Document types this application needs: the corridor rule's list for the track (the one
    recorded at submission, or today's while the applicant can still change the application),
    else the authority's settings; the shorter fast-track list for the highly skilled."""
    rule = (
        application_corridor_rule(application=application)
        if application.status in EDITABLE_STATES or not application.corridor_rule_id
        else application.corridor_rule
    )
    track = (
        "patent"
        if application.kind == PermitKind.PATENT
        else "highly_skilled"
        if application.fast_track
        else "standard"
    )
    if rule is not None and rule.documents_for(track):
        return rule.documents_for(track)
    settings = settings or permit_settings(authority=application.authority)
    if application.kind == PermitKind.PATENT:
        return list(settings.patent_documents)
    if application.fast_track:
        return list(settings.fast_track_documents)
    return list(settings.standard_documents)


def decision_period_days(*, application: PermitApplication) -> int:
    settings = permit_settings(authority=application.authority)
    return (
        settings.fast_track_working_days
        if application.fast_track
        else settings.standard_working_days
    )


# --- fees and quotas -------------------------------------------------------------------------


def fee_for(
    *,
    authority: Organisation,
    kind: str,
    region_id: str | None,
    on: date | None = None,
    nationality: str = "",
) -> FeeSchedule | None:
    """The fee in force on `on`: the region's own row if the authority set one; else the fee
    the corridor rule for `nationality` states (an unsaved row); else the all-regions row."""
    on = on or timezone.localdate()
    rows = (
        FeeSchedule.objects.filter(authority=authority, kind=kind, effective_from__lte=on)
        .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=on))
        .filter(Q(region_id=region_id) | Q(region__isnull=True))
        .select_related("region")
        .order_by("region_id", "-effective_from")
    )
    rows = list(rows)
    specific = [r for r in rows if r.region_id]
    if specific:
        return specific[0]
    rule = (
        corridor_rule_for(origin=nationality, destination=authority.country_id, on=on)
        if nationality
        else None
    )
    wanted = "patent" if kind == PermitKind.PATENT else "work_permit"
    if rule is not None and rule.authorisation == wanted and rule.fee_amount is not None:
        # A patent's schedule is per month; the rule may price several months at once.
        per = rule.fee_months if kind == PermitKind.PATENT and rule.fee_months else 1
        return FeeSchedule(
            authority=authority,
            kind=kind,
            amount=rule.fee_amount / per,
            currency=rule.fee_currency,
            effective_from=rule.effective_from,
            effective_until=rule.effective_to,
        )
    return (rows or [None])[0]


def fees_in_force(*, on: date | None = None) -> QuerySet[FeeSchedule]:
    """Every fee in force, for the public fee page (seen before applying)."""
    on = on or timezone.localdate()
    return (
        FeeSchedule.objects.filter(effective_from__lte=on)
        .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=on))
        .select_related("authority", "authority__country", "region")
        .order_by("authority__country_id", "kind", "region__name")
    )


def quotas_published(*, on: date | None = None) -> list[Quota]:
    """Quotas of this year and later, each with its gender-impact note (public fee page)."""
    from .services.gender_impact import labelled

    year = (on or timezone.localdate()).year
    quotas = list(
        Quota.objects.filter(year__gte=year).select_related("country", "region", "occupation_group")
    )
    for quota in quotas:
        quota.note_rows = labelled(quota.gender_impact or {})
    return quotas


def quotas_applicable(
    *, country_id: str, year: int, kind: str, region_id: str, occupation_code: str
) -> QuerySet[Quota]:
    """Quotas an approval counts against: country-wide or the region's, for every occupation or
    an ISCO-08 group that contains the occupation. Ordered by pk, the order they are locked in."""
    prefixes = [occupation_code[:n] for n in range(1, len(occupation_code) + 1)]
    return (
        Quota.objects.filter(country_id=country_id, year=year, kind=kind)
        .filter(Q(region__isnull=True) | Q(region_id=region_id))
        .filter(Q(occupation_group__isnull=True) | Q(occupation_group_id__in=prefixes))
        .order_by("pk")
    )


def quota_uptake(*, user, year: int | None = None) -> QuerySet[Quota]:
    """Quotas the user may see, with limit, used and remaining, for officers and analysts."""
    qs = scope(user, PermitPermission.QUOTA_VIEW, Quota.objects.all())
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("country", "region", "occupation_group")


# --- applications ----------------------------------------------------------------------------


def open_application_for_passport(*, passport_hash: str, kind: str) -> PermitApplication | None:
    return PermitApplication.objects.filter(
        passport_hash=passport_hash, kind=kind, status__in=OPEN_APPLICATION_STATES
    ).first()


def applications_for_user(*, user) -> QuerySet[PermitApplication]:
    """The applications a worker holds or an agency filed (for the applicant's own pages)."""
    from portal.models import AGENCY_ROLES
    from portal.policy import agency_ids

    return (
        PermitApplication.objects.filter(
            Q(worker=user) | Q(agency_id__in=agency_ids(user, AGENCY_ROLES))
        )
        .select_related("authority", "region", "occupation", "agency")
        .order_by("-created_at")
    )


def permit_applications_queue(
    *, user, status: str = "", kind: str = "", category: str = "", overdue: bool = False
) -> QuerySet[PermitApplication]:
    """The officer's queue: submitted and open cases of their jurisdiction, earliest deadline
    first (so overdue cases lead)."""
    qs = scope(
        user,
        PermitPermission.APPLICATION_DECIDE,
        PermitApplication.objects.exclude(status__in=["draft", "withdrawn"]),
    )
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if category:
        qs = qs.filter(category=category)
    if overdue:
        qs = qs.filter(
            decision_deadline__lt=timezone.localdate(), status__in=["submitted", "under_review"]
        )
    return qs.select_related("authority", "region", "occupation").order_by(
        "decision_deadline", "pk"
    )


def application_timeline(*, application: PermitApplication) -> list:
    """Status changes of the application as the applicant sees them (from the audit log)."""
    from portal.models import AuditEvent

    return list(
        AuditEvent.objects.filter(
            object_type="permits.permitapplication", object_id=str(application.pk)
        )
        .exclude(from_state="", to_state="")
        .exclude(action="permit_application.passport_view")
        .order_by("time", "id")
        .only("time", "action", "from_state", "to_state", "reason")
    )


# --- issued documents ------------------------------------------------------------------------


def work_permit_effective_status(permit: WorkPermit, today: date | None = None) -> str:
    """What the public sees: an active or suspended permit past its end is expired."""
    today = today or timezone.localdate()
    if (
        permit.status in (DocumentStatus.ACTIVE, DocumentStatus.SUSPENDED)
        and permit.valid_until < today
    ):
        return DocumentStatus.EXPIRED
    return permit.status


def patent_effective_status(patent: Patent, today: date | None = None) -> str:
    """revoked / suspended as stored; expired after the maximum term; otherwise active while
    prepaid fees cover today and lapsed when they do not (unpaid means lapsed)."""
    today = today or timezone.localdate()
    if patent.status in (DocumentStatus.REVOKED, DocumentStatus.EXPIRED):
        return patent.status
    if patent.valid_until < today:
        return DocumentStatus.EXPIRED
    if patent.status == DocumentStatus.SUSPENDED:
        return DocumentStatus.SUSPENDED
    if patent.paid_until is None or patent.paid_until < today or patent.paid_period_start > today:
        return LAPSED
    return DocumentStatus.ACTIVE


def work_permit_by_number(*, number: str) -> WorkPermit | None:
    """The work permit with `number` (e.g. for the vacancies app's chained check via
    `job_order_number`)."""
    return (
        WorkPermit.objects.select_related(
            "application", "application__nationality", "authority", "region", "holder"
        )
        .filter(number=number)
        .first()
    )


def patent_by_number(*, number: str) -> Patent | None:
    return (
        Patent.objects.select_related(
            "application", "application__nationality", "authority", "region", "holder"
        )
        .filter(number=number)
        .first()
    )


def issued_document_by_number(*, number: str) -> WorkPermit | Patent | None:
    return work_permit_by_number(number=number) or patent_by_number(number=number)


def documents_for_user(*, user) -> list:
    """Work permits and patents the user holds."""
    return [
        *WorkPermit.objects.filter(holder=user).select_related("region"),
        *Patent.objects.filter(holder=user).select_related("region"),
    ]


def work_permits_for_job_order(*, job_order_number: str) -> QuerySet[WorkPermit]:
    """Permits issued for workers hired through a job order (for the vacancies app)."""
    return WorkPermit.objects.filter(job_order_number=job_order_number)
