"""Reads for vacancies: the public search, the vetting queue, what agencies may see of
workers, the data a worker can download, and the frames the matcher builds on."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.functional import cached_property

from licensing.models import Licence
from portal.lifecycle import DocumentStatus
from portal.models import EscoOccupation, IscoGroup, Region, Skill
from portal.policy import can, scope
from vacancies.permissions import VacancyPermission

from .models import (
    CostReport,
    JobOrder,
    JobOrderStatus,
    RegionalMinimumWage,
    VacancyApplication,
    VacancyApplicationStatus,
    WorkerProfile,
)


def agency_licensed_q(*, on: date | None = None, agency_field: str = "agency") -> Exists:
    """`Exists` subquery: the agency holds a licence active and valid on `on`.

    Published vacancies filter on this in the same query, so a suspension or revocation hides
    the agency's job orders at once — there is no copied flag to keep in step.
    """
    on = on or timezone.localdate()
    return Exists(
        Licence.objects.filter(
            agency_id=OuterRef(agency_field),
            status=DocumentStatus.ACTIVE,
            valid_from__lte=on,
            valid_until__gte=on,
        )
    )


def published_job_orders(*, on: date | None = None) -> QuerySet[JobOrder]:
    """Job orders a worker may see and apply to: approved, still open for applications, and
    posted by an agency whose licence is active today."""
    on = on or timezone.localdate()
    return JobOrder.objects.filter(
        agency_licensed_q(on=on), status=JobOrderStatus.APPROVED, application_deadline__gte=on
    )


@dataclass
class VacancyFilters:
    """What the public search form asks for (all optional)."""

    q: str = ""
    country: str = ""
    region: str = ""
    occupation: str = ""  # ISCO-08 code prefix: 1 to 4 digits
    month: int | None = None
    language: str = ""
    wage_min: Decimal | None = None
    currency: str = ""


def vacancy_search(*, filters: VacancyFilters, on: date | None = None) -> QuerySet[JobOrder]:
    """Published vacancies matching `filters`, newest first, with everything a result card
    shows joined in (a page costs the same number of queries whatever its size).

    Full text matches the stored `search_vector` (`karavan_search`, i.e. `simple` + unaccent, over
    `search_text`, kept by a trigger and GIN-indexed, migration 0005); elsewhere it falls back
    to a case-insensitive substring match. The search page counts with `vacancy_count`
    (bounded) and fetches a page with `vacancy_page` (two short queries).
    """
    qs = published_job_orders(on=on)
    f = filters
    if f.country:
        qs = qs.filter(destination_country_id=f.country.upper())
    if f.region:
        qs = qs.filter(region_id=f.region)
    if f.occupation:
        code = f.occupation.strip()
        qs = (
            qs.filter(occupation_major=code)
            if len(code) == 1
            else qs.filter(occupation__code__startswith=code)
        )
    if f.month:
        qs = qs.annotate(_in_month=F("season_month_mask").bitand(1 << (int(f.month) - 1))).filter(
            _in_month__gt=0
        )
    if f.language:
        qs = qs.filter(languages=f.language)
    if f.wage_min is not None:
        qs = qs.filter(monthly_wage__gte=f.wage_min)
    if f.currency:
        qs = qs.filter(currency=f.currency.upper())
    if f.q.strip():
        qs = _full_text(qs, f.q.strip())
    return (
        qs.select_related(*CARD_RELATIONS)
        .prefetch_related("languages")
        .defer(
            "search_text",
            "search_vector",
            "description",
            "contract_template",
            "agency__competences",
        )
        .order_by("-published_at", "-pk")
    )


#: The search counts at most this many results; past it the page says "more than 1,000".
SEARCH_COUNT_CAP = 1000


def vacancy_count(results: QuerySet, *, cap: int | None = None) -> tuple[int, bool]:
    """(number of results up to `cap`, whether there are more) in one `LIMIT`ed query, so a
    broad search stops counting at cap + 1 rows instead of counting all 100,000."""
    cap = cap or SEARCH_COUNT_CAP
    n = results.order_by().values("pk")[: cap + 1].count()
    return min(n, cap), n > cap


CARD_RELATIONS = ("scheme", "employer", "agency", "region", "occupation", "destination_country")


def vacancy_page(results: QuerySet, *, offset: int, limit: int) -> list[JobOrder]:
    """One page of `results` in two short queries (plus one for the languages): the page's
    ids (filters, order, LIMIT/OFFSET on the job-order table alone), then those rows with
    everything a result card shows. One query doing both with all the joins made PostgreSQL
    spend 50–190 ms just planning it at 100,000 vacancies; these two plan in about 3 ms."""
    ids = list(results.values_list("pk", flat=True)[offset : offset + limit])
    rows = {
        jo.pk: jo
        for jo in JobOrder.objects.filter(pk__in=ids)
        .select_related(*CARD_RELATIONS)
        .prefetch_related("languages")
        .defer(
            "search_text",
            "search_vector",
            "description",
            "contract_template",
            "agency__competences",
        )
        .order_by()
    }
    return [rows[pk] for pk in ids if pk in rows]


class BoundedPaginator(Paginator):
    """Counts at most `SEARCH_COUNT_CAP` results (a `LIMIT`ed count, so a broad
    search does not count 100,000 rows) and pages through those; `more` says the cap was hit
    ("more than 1,000 vacancies found")."""

    @cached_property
    def _bounded(self) -> tuple[int, bool]:
        return vacancy_count(self.object_list)

    @property
    def count(self) -> int:
        return self._bounded[0]

    @property
    def more(self) -> bool:
        return self._bounded[1]

    def page(self, number):
        number = self.validate_number(number)
        rows = vacancy_page(
            self.object_list, offset=(number - 1) * self.per_page, limit=self.per_page
        )
        return self._get_page(rows, number, self)


#: The text-search configuration of migration 0010: `simple` (no stemming) after `unaccent`.
SEARCH_CONFIG = "karavan_search"
SEARCH_WORD = re.compile(r"\w+")


def search_words(text: str) -> list[str]:
    """The words of a query (at most eight), without the operators of tsquery syntax."""
    return SEARCH_WORD.findall(text)[:8]


def _full_text(qs: QuerySet, text: str) -> QuerySet:
    """Every word must match the start of a word of the search document, in any language:
    "сварщик" finds "Сварщики и газорезчики", "payvand" finds "payvandchi". No stemmer
    exists for most of the region's languages, so prefixes stand in for their endings."""
    words = search_words(text)
    if not words:
        return qs
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = " & ".join(f"{word}:*" for word in words)
        return qs.filter(search_vector=SearchQuery(query, config=SEARCH_CONFIG, search_type="raw"))
    for word in words:
        qs = qs.filter(search_text__icontains=word)
    return qs


#: What a vacancy's terms show beside its own row (`vacancy_terms`).
TERMS_RELATED = (
    "scheme",
    "employer",
    "agency",
    "region",
    "occupation",
    "destination_country",
    "contract_language",
)


def vacancy_public(*, pk: int, terms: bool = True) -> JobOrder | None:
    """One published vacancy, or None (also when its agency lost its licence); with all its
    terms joined, or (`terms=False`) only its employer, for a page that reads the terms from
    a cached fragment or `vacancy_terms`: PostgreSQL spends ~50 ms planning the licence check
    joined with eight tables, ~1 ms with two."""
    qs = published_job_orders().filter(pk=pk)
    if not terms:
        return qs.select_related("employer").first()
    return (
        qs.select_related(*TERMS_RELATED)
        .prefetch_related("languages", "essential_skills", "optional_skills")
        .first()
    )


def vacancy_terms(*, pk: int) -> JobOrder:
    """A vacancy already found public (`vacancy_public`) with everything its page shows, in
    four queries: its row with the related rows, its languages and its two lists of skills."""
    return (
        JobOrder.objects.select_related(*TERMS_RELATED)
        .prefetch_related("languages", "essential_skills", "optional_skills")
        .get(pk=pk)
    )


def regional_minimum_wage(*, region: Region, on: date | None = None) -> RegionalMinimumWage | None:
    """The minimum in force on `on` for `region`: the regional one, else the national one."""
    on = on or timezone.localdate()
    base = RegionalMinimumWage.objects.filter(country_id=region.country_id, valid_from__lte=on)
    return (
        base.filter(region=region).order_by("-valid_from").first()
        or base.filter(region__isnull=True).order_by("-valid_from").first()
    )


def job_order_vetting_queue(*, user, status: str = "") -> QuerySet[JobOrder]:
    """The officer's queue: job orders of their vetting country, oldest deadline first."""
    qs = scope(
        user, VacancyPermission.JOB_ORDER_VET, JobOrder.objects.exclude(status=JobOrderStatus.DRAFT)
    )
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("agency", "employer", "scheme", "region").order_by(
        "decision_deadline", "pk"
    )


def agency_job_orders(*, agency) -> QuerySet[JobOrder]:
    return (
        JobOrder.objects.filter(agency=agency)
        .select_related("scheme", "employer", "region", "occupation")
        .annotate(applicant_count=Count("applications"))
        .order_by("-created_at")
    )


def job_order_applicants(*, job_order: JobOrder) -> QuerySet[VacancyApplication]:
    """Applicants to a job order, those with re-entry priority first."""
    return (
        VacancyApplication.objects.filter(job_order=job_order)
        .select_related("profile", "profile__origin_country", "profile__origin_region")
        .prefetch_related("profile__occupations", "profile__skills", "profile__languages__language")
        .order_by("-has_priority", "created_at")
    )


def agency_candidates(
    *, user, agency, occupation: str = "", origin_country: str = "", skill: str = ""
) -> QuerySet[WorkerProfile]:
    """Workers an agency may browse beyond its applicants: only those who consent, now."""
    if not can(user, VacancyPermission.CANDIDATES_VIEW, agency):
        return WorkerProfile.objects.none()
    qs = consenting_profiles()
    if occupation:
        qs = qs.filter(occupations__code__startswith=occupation).distinct()
    if origin_country:
        qs = qs.filter(origin_country_id=origin_country)
    if skill:
        qs = qs.filter(skills__label__icontains=skill).distinct()
    return (
        qs.select_related("origin_country", "origin_region")
        .prefetch_related("occupations", "skills", "languages__language")
        .order_by("-updated_at")
    )


def agency_sees_profile(*, user, agency, profile: WorkerProfile) -> bool:
    """An agency sees a profile if the worker consents or applied to one of its job orders."""
    if not can(user, VacancyPermission.CANDIDATES_VIEW, agency):
        return False
    return (
        profile.consent_to_agencies
        or VacancyApplication.objects.filter(profile=profile, job_order__agency=agency).exists()
    )


def worker_applications(*, profile: WorkerProfile) -> QuerySet[VacancyApplication]:
    return (
        VacancyApplication.objects.filter(profile=profile)
        .select_related(
            "job_order", "job_order__employer", "job_order__region", "job_order__agency"
        )
        .order_by("-created_at")
    )


def worker_profile_export(*, profile: WorkerProfile) -> dict:
    """Everything Karavan holds about the worker in this app, as plain JSON-ready data."""
    user = profile.user
    return {
        "account": {
            "email": user.email,
            "phone": user.phone,
            "first_name": user.first_name,
            "last_name": user.last_name,
        },
        "profile": {
            "origin_country": profile.origin_country_id,
            "origin_region": profile.origin_region_id,
            "sex": profile.sex,
            "birth_year": profile.birth_year,
            "years_experience": profile.years_experience,
            "education_level": profile.education_level,
            "months_available": profile.months_available,
            "occupations": sorted(profile.occupations.values_list("code", flat=True)),
            "skills": sorted(profile.skills.values_list("label", flat=True)),
            "languages": {wl.language_id: wl.level for wl in profile.languages.all()},
            "preferred_destinations": sorted(
                profile.preferred_destinations.values_list("code", flat=True)
            ),
            "consent_to_agencies": profile.consent_to_agencies,
            "consent_changed_at": profile.consent_changed_at.isoformat()
            if profile.consent_changed_at
            else None,
            "created_at": profile.created_at.isoformat(),
        },
        "past_seasons": [
            {
                "country": s.country_id,
                "scheme": s.scheme.name if s.scheme else None,
                "departed_on": s.departed_on.isoformat(),
                "returned_on": s.returned_on.isoformat() if s.returned_on else None,
            }
            for s in profile.past_seasons.select_related("scheme")
        ],
        "reentry_priorities": [
            {"scheme": p.scheme.name, "season_year": p.season_year}
            for p in profile.reentry_priorities.select_related("scheme")
        ],
        "saved_searches": [
            {
                **row,
                "wage_min": str(row["wage_min"]) if row["wage_min"] is not None else None,
                **{
                    key: row[key].isoformat() if row[key] else None
                    for key in ("created_at", "last_alerted_at")
                },
            }
            for row in user.saved_searches.values(
                "q",
                "country",
                "region",
                "occupation",
                "month",
                "work_language",
                "wage_min",
                "currency",
                "language",
                "active",
                "created_at",
                "last_alerted_at",
            )
        ],
        "applications": [
            {
                "job_order": a.job_order.number,
                "status": a.status,
                "applied_at": a.created_at.isoformat(),
                "message": a.message,
                "reason": a.decision_reason,
                "work_permit_reference": a.work_permit_reference,
                "departed_on": a.departed_on.isoformat() if a.departed_on else None,
                "returned_on": a.returned_on.isoformat() if a.returned_on else None,
                "cost_reports": [
                    {
                        "amount": str(c.amount),
                        "currency": c.currency,
                        "paid_to": c.paid_to,
                        "paid_to_name": c.paid_to_name,
                        "purpose": c.purpose,
                        "paid_on": c.paid_on.isoformat() if c.paid_on else None,
                        "details": c.details,
                    }
                    for c in a.cost_reports.all()
                ],
            }
            for a in profile.applications.select_related("job_order").prefetch_related(
                "cost_reports"
            )
        ],
    }


def agency_cost_report_summary(*, agency) -> dict:
    """Counts of worker-reported costs for the registry page and the officer's renewal view:
    how many reports, how many workers paid anything, and totals per currency."""
    qs = CostReport.objects.filter(agency=agency)
    paid = qs.filter(amount__gt=0)
    return {
        "reports": qs.count(),
        "reports_with_payment": paid.count(),
        "paid_to_agency": paid.filter(paid_to=CostReport.PaidTo.AGENCY).count(),
        "totals": list(
            paid.values("currency")
            .annotate(total=Sum("amount"), n=Count("pk"))
            .order_by("currency")
        ),
    }


def agency_cost_reports(*, user, agency) -> QuerySet[CostReport]:
    """Individual reports, for officers of the agency's country (at renewal)."""
    if not can(user, VacancyPermission.COST_REPORT_VIEW, agency):
        return CostReport.objects.none()
    return CostReport.objects.filter(agency=agency).order_by("-created_at")


# --- frames for the matcher ------------------------------------------------------------------


def consenting_profiles() -> QuerySet[WorkerProfile]:
    """Profiles the matcher and agencies may use: consent given and not withdrawn."""
    return WorkerProfile.objects.filter(consent_to_agencies=True)


def profile_skill_pairs(*, profiles: QuerySet | None = None) -> QuerySet:
    """(profile_id, skill label) rows for consenting profiles — one query, streamable with
    `.iterator()`, for building a sparse worker × skill matrix."""
    through = WorkerProfile.skills.through
    ids = (profiles if profiles is not None else consenting_profiles()).values("pk")
    return through.objects.filter(workerprofile_id__in=ids).values_list(
        "workerprofile_id", "skill__label"
    )


def profile_language_pairs(*, profiles: QuerySet | None = None) -> QuerySet:
    """(profile_id, language code, level) rows for consenting profiles."""
    from .models import WorkerLanguage

    ids = (profiles if profiles is not None else consenting_profiles()).values("pk")
    return WorkerLanguage.objects.filter(profile_id__in=ids).values_list(
        "profile_id", "language_id", "level"
    )


def profile_occupation_pairs(*, profiles: QuerySet | None = None) -> QuerySet:
    """(profile_id, ISCO-08 code) rows for consenting profiles."""
    through = WorkerProfile.occupations.through
    ids = (profiles if profiles is not None else consenting_profiles()).values("pk")
    return through.objects.filter(workerprofile_id__in=ids).values_list(
        "workerprofile_id", "iscogroup_id"
    )


def job_order_skill_pairs(
    *, job_orders: QuerySet | None = None, essential: bool = True
) -> QuerySet:
    """(job_order_id, skill label) rows for published job orders (essential or optional)."""
    field = JobOrder.essential_skills if essential else JobOrder.optional_skills
    through = field.through
    ids = (job_orders if job_orders is not None else published_job_orders()).values("pk")
    return through.objects.filter(joborder_id__in=ids).values_list("joborder_id", "skill__label")


def job_order_language_pairs(*, job_orders: QuerySet | None = None) -> QuerySet:
    """(job_order_id, language code) rows for published job orders."""
    through = JobOrder.languages.through
    ids = (job_orders if job_orders is not None else published_job_orders()).values("pk")
    return through.objects.filter(joborder_id__in=ids).values_list("joborder_id", "language_id")


def applications_in_state(*, status: str) -> QuerySet[VacancyApplication]:
    return VacancyApplication.objects.filter(status=status)


ACTIVE_PLACEMENT_STATES = (
    VacancyApplicationStatus.ACCEPTED,
    VacancyApplicationStatus.DEPARTED,
    VacancyApplicationStatus.RETURNED,
)


def placement_for_permit(*, reference: str) -> VacancyApplication | None:
    """The accepted application that a work-permit application (number or id) came from."""
    if not reference:
        return None
    return (
        VacancyApplication.objects.filter(
            work_permit_reference=reference, status__in=ACTIVE_PLACEMENT_STATES
        )
        .select_related(
            "job_order", "job_order__agency", "job_order__employer", "job_order__scheme"
        )
        .first()
    )


def placement_permit_applications(*, application: VacancyApplication) -> QuerySet:
    """The worker's permit applications that name this job order — the link from an accepted
    offer to the work-permit application, made by number so neither side copies state."""
    from licensing.permits.models import PermitApplication

    if not application.job_order.number:
        return PermitApplication.objects.none()
    return PermitApplication.objects.filter(
        worker_id=application.profile.user_id, job_order_number=application.job_order.number
    )


#: How many occupations / skills one search of the job-order form offers.
CHOOSER_LIMIT = 20


def _label_match(words: list[str], *, with_synonyms: bool = False) -> Q:
    """Every word inside the English label or the label in one of the seven languages (and,
    for ISCO groups, the words people use for the job): "сварщик" and "кафшергар" both find
    7212 Welders and flamecutters."""
    from django.conf import settings

    match = Q()
    for word in words:
        one = Q(label__icontains=word)
        for code, _name in settings.LANGUAGES:
            one |= Q(**{f"names__{code}__icontains": word})
            if with_synonyms:
                one |= Q(**{f"synonyms__{code}__icontains": word})
        match &= one
    return match


def occupations_find(text: str, *, limit: int = CHOOSER_LIMIT) -> list[IscoGroup]:
    """ISCO-08 unit groups (the level a job order names) matching `text`: a code prefix
    ("721") or words of their label in any of the portal's languages."""
    text = text.strip()[:80]
    if not text:
        return []
    groups = IscoGroup.objects.filter(level=4)
    if text.isdigit():
        return list(groups.filter(code__startswith=text).order_by("code")[:limit])
    words = search_words(text)
    if not words:
        return []
    return list(groups.filter(_label_match(words, with_synonyms=True)).order_by("code")[:limit])


def skills_find(text: str, *, limit: int = CHOOSER_LIMIT) -> list[Skill]:
    """ESCO skills whose English label or translated label holds every word of `text`."""
    words = search_words(text.strip()[:80])
    if not words:
        return []
    return list(Skill.objects.filter(_label_match(words)).order_by("label")[:limit])


def occupation_essential_skills(occupation_code: str, *, limit: int = 15) -> list[Skill]:
    """The essential skills ESCO lists for the occupations of an ISCO unit group (the first
    three), as skills of the list: offered as soon as the agency chooses the occupation."""
    labels = []
    for occupation in EscoOccupation.objects.filter(isco_id=occupation_code).only(
        "essential_skills"
    )[:3]:
        labels.extend(label for label in occupation.essential_skills if label not in labels)
    return list(Skill.objects.filter(label__in=labels[:limit]).order_by("label"))
