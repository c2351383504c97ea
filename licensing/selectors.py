"""Reads for agency licensing. Other apps ask here, e.g. `agency_has_active_licence()`."""

from datetime import date

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from portal.lifecycle import OPEN_APPLICATION_STATES, DocumentStatus
from portal.models import AGENCY_ROLES, Membership, Organisation, Role, User
from portal.policy import active_memberships

from .models import (
    AuthorityLicensingSettings,
    Complaint,
    ComplaintStatus,
    Licence,
    LicenceApplication,
    Sanction,
)
from .policy import LICENSING_OFFICER_ROLES

#: Registry status of an agency that never held a licence.
NOT_LICENSED = "none"


def licensing_authority_for(*, country_id: str) -> Organisation | None:
    """The authority that licenses agencies in `country_id` (its jurisdiction), if any."""
    authorities = Organisation.objects.filter(
        kind=Organisation.Kind.AUTHORITY, country_id=country_id
    ).order_by("pk")
    return next(
        (
            org
            for org in authorities
            if org.has_competence(Organisation.Competence.AGENCY_LICENSING)
        ),
        None,
    )


#: Roles that decide agency licensing.
OFFICER_ROLES = sorted(LICENSING_OFFICER_ROLES)


def licensing_authorities(*, country_id: str) -> list[Organisation]:
    """Every authority of `country_id` with the agency-licensing competence."""
    return [
        org
        for org in Organisation.objects.filter(
            kind=Organisation.Kind.AUTHORITY, country_id=country_id
        ).order_by("pk")
        if org.has_competence(Organisation.Competence.AGENCY_LICENSING)
    ]


def licensing_officers(*, country_id: str) -> QuerySet[User]:
    """Active officers and senior officers who decide agency licensing in `country_id`
    (those notified when an application arrives)."""
    authority_pks = [org.pk for org in licensing_authorities(country_id=country_id)]
    return (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=OFFICER_ROLES,
            memberships__organisation_id__in=authority_pks,
        )
        .distinct()
        .order_by("pk")
    )


def complaint_handling_authority(*, complaint: Complaint) -> Organisation | None:
    """The authority handling a complaint: the one recorded at filing, else today's licensing
    authority of the complaint's country."""
    return complaint.authority or licensing_authority_for(country_id=complaint.country_id)


def complaint_assignable_officers(*, complaint: Complaint) -> QuerySet[User]:
    """Officers and senior officers of the complaint's handling authority (active members)."""
    authority = complaint_handling_authority(complaint=complaint)
    if authority is None or not authority.has_competence(Organisation.Competence.AGENCY_LICENSING):
        return User.objects.none()
    member_pks = Membership.objects.filter(
        organisation=authority, is_active=True, role__in=OFFICER_ROLES
    ).values("user_id")
    return User.objects.filter(is_active=True, pk__in=member_pks).order_by("email")


def authority_settings(*, authority: Organisation) -> AuthorityLicensingSettings:
    """The authority's settings, or the defaults (3 years, 30 days) when none are saved."""
    found = AuthorityLicensingSettings.objects.filter(authority=authority).first()
    return found or AuthorityLicensingSettings(authority=authority)


def user_agency(*, user) -> Organisation | None:
    """The agency the user works for (first active agency membership), or None."""
    for membership in active_memberships(user):
        if (
            membership.role in AGENCY_ROLES
            and membership.organisation.kind == Organisation.Kind.AGENCY
        ):
            return membership.organisation
    return None


def effective_status(licence: Licence, today: date | None = None) -> str:
    """The status a member of the public should see: an overdue active licence is expired,
    even before the daily task has marked it."""
    today = today or timezone.localdate()
    if (
        licence.status in (DocumentStatus.ACTIVE, DocumentStatus.SUSPENDED)
        and licence.valid_until < today
    ):
        return DocumentStatus.EXPIRED
    return licence.status


def agency_current_licence(*, agency: Organisation) -> Licence | None:
    """The agency's latest licence (the head of its renewal chain), whatever its status."""
    return Licence.objects.filter(agency=agency).order_by("-valid_from", "-pk").first()


def agency_has_active_licence(*, agency: Organisation, on: date | None = None) -> bool:
    """Does `agency` hold a licence that is active and valid on `on` (default today)?

    Job orders and permits call this before accepting an agency.
    """
    on = on or timezone.localdate()
    return Licence.objects.filter(
        agency=agency, status=DocumentStatus.ACTIVE, valid_from__lte=on, valid_until__gte=on
    ).exists()


def agency_registry_status(*, agency: Organisation) -> str:
    """active, suspended, revoked, expired — or `NOT_LICENSED`."""
    if agency_has_active_licence(agency=agency):
        return DocumentStatus.ACTIVE
    licence = agency_current_licence(agency=agency)
    return effective_status(licence) if licence else NOT_LICENSED


def agency_open_application(*, agency: Organisation) -> LicenceApplication | None:
    """The agency's application that is not yet decided or withdrawn (at most one)."""
    return LicenceApplication.objects.filter(
        agency=agency, status__in=OPEN_APPLICATION_STATES
    ).first()


def agency_applications(*, agency: Organisation) -> QuerySet[LicenceApplication]:
    """All of the agency's applications, newest first."""
    return LicenceApplication.objects.filter(agency=agency).select_related("renewal_of")


def agency_licences(*, agency: Organisation) -> QuerySet[Licence]:
    """All of the agency's licences, newest first (the licence history)."""
    return Licence.objects.filter(agency=agency).select_related("authority", "previous")


def agency_record(*, agency: Organisation) -> dict:
    """What the registry page and the officer at renewal see: licences, sanctions, complaints."""
    return {
        "agency": agency,
        "licences": list(agency_licences(agency=agency)),
        "sanctions": list(Sanction.objects.filter(agency=agency).select_related("licence")),
        "complaints_upheld": Complaint.objects.filter(
            agency=agency, status=ComplaintStatus.UPHELD
        ).count(),
        "complaints_upheld_list": list(
            Complaint.objects.filter(agency=agency, status=ComplaintStatus.UPHELD).only(
                "tracking_code", "category", "outcome", "decided_at"
            )
        ),
        "status": agency_registry_status(agency=agency),
        "deposit_complete": agency_deposit_complete(agency=agency),
    }


def agency_deposit_complete(*, agency: Organisation) -> bool | None:
    """Whether the current (latest active or suspended) licence's guarantee deposit holds the
    country's required amount; None when there is no such licence or no rule."""
    from .services.deposits import deposit_is_complete

    licence = (
        Licence.objects.filter(agency=agency, status__in=["active", "suspended"])
        .order_by("-valid_from", "-pk")
        .first()
    )
    return None if licence is None else deposit_is_complete(licence)


def registry_agencies(*, query: str = "", country: str = "", status: str = "") -> QuerySet:
    """Agencies that ever held a licence, with their latest licence; search by name or number."""
    latest = Licence.objects.filter(agency=OuterRef("pk")).order_by("-valid_from", "-pk")
    qs = (
        Organisation.objects.filter(kind=Organisation.Kind.AGENCY, licences__isnull=False)
        .distinct()
        .annotate(
            licence_number=Subquery(latest.values("number")[:1]),
            licence_status=Subquery(latest.values("status")[:1]),
            licence_valid_until=Subquery(latest.values("valid_until")[:1]),
            upheld_complaints=Count(
                "complaints", filter=Q(complaints__status=ComplaintStatus.UPHELD), distinct=True
            ),
        )
        .select_related("country")
        .order_by("name")
    )
    if query:
        query = query.strip()
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(licences__number__iexact=query)
            | Q(registration_number__iexact=query)
        )
    if country:
        qs = qs.filter(country_id=country.upper())
    today = timezone.localdate()
    if status == DocumentStatus.EXPIRED:
        qs = qs.filter(
            Q(licence_status=DocumentStatus.EXPIRED)
            | Q(
                licence_status__in=[DocumentStatus.ACTIVE, DocumentStatus.SUSPENDED],
                licence_valid_until__lt=today,
            )
        )
    elif status in (DocumentStatus.ACTIVE, DocumentStatus.SUSPENDED):
        qs = qs.filter(licence_status=status, licence_valid_until__gte=today)
    elif status == DocumentStatus.REVOKED:
        qs = qs.filter(licence_status=status)
    return qs


def registry_agency(*, pk: int) -> Organisation | None:
    """One agency as the public registry lists it, or None if it never held a licence."""
    return registry_agencies().filter(pk=pk).first()


def tracking_code_normalise(*, code: str) -> str:
    """A tracking code as stored: spaces dropped, upper case."""
    return "".join((code or "").split()).upper()


def complaint_by_tracking_code(*, code: str) -> Complaint | None:
    """The complaint a complainant follows with their code (case-insensitive, spaces ignored)."""
    code = tracking_code_normalise(code=code)
    if not code:
        return None
    return Complaint.objects.filter(tracking_code=code).select_related("agency").first()


def licences_due_for_reminder(*, today: date, days: int) -> QuerySet[Licence]:
    """Active licences due the `days` (60 or 30) reminder that has not been sent yet.

    The 60-day reminder covers 31–60 days left; inside 30 days only the 30-day one is sent.
    """
    from datetime import timedelta

    qs = Licence.objects.filter(
        status=DocumentStatus.ACTIVE,
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=days),
    )
    if days == 60:
        return qs.filter(
            valid_until__gt=today + timedelta(days=30), reminder_60_sent_on__isnull=True
        )
    return qs.filter(reminder_30_sent_on__isnull=True)


def licences_overdue(*, today: date) -> QuerySet[Licence]:
    """Active or suspended licences whose validity ended before today."""
    return Licence.objects.filter(
        status__in=[DocumentStatus.ACTIVE, DocumentStatus.SUSPENDED], valid_until__lt=today
    )


def agency_by_licence_number(*, number: str) -> Organisation | None:
    """The agency holding licence `number` (any status), for complaints that quote it."""
    from portal.verification import normalise_number

    licence = (
        Licence.objects.filter(number=normalise_number(number)).select_related("agency").first()
    )
    return licence.agency if licence else None


def employer_named(*, name: str = "", number: str = "") -> Organisation | None:
    """The employer a complaint names: by an accreditation (…-EMP-…) or contract (…-EC-…)
    number through the verification registry (licensing knows neither model), else by its
    exact registered name."""
    from portal.verification import NUMBER_RE, normalise_number, verify_number

    employers = Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER)
    match = NUMBER_RE.match(normalise_number(number))
    if match and match["kind"] in ("EMP", "EC"):
        result = verify_number(number)
        if result is not None:
            holder = result.holder if match["kind"] == "EMP" else result.issuer
            found = employers.filter(name=holder).first()
            if found:
                return found
    name = (name or "").strip()
    return employers.filter(name__iexact=name).first() if name else None


def agency_contacts(*, agency: Organisation) -> list:
    """Who hears about an agency's cases: its contact address and its active administrators."""
    admins = User.objects.filter(
        memberships__organisation=agency,
        memberships__is_active=True,
        memberships__role=Role.AGENCY_ADMIN,
    ).distinct()
    return [agency.email, *admins] if agency.email else list(admins)
