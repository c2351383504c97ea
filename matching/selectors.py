"""Reads for matching and analytics. Querysets only; `matching.frames` makes DataFrames."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from portal.models import Country, Role
from portal.policy import authority_countries
from vacancies import selectors as vacancy_selectors
from vacancies.models import JobOrder, WorkerProfile

from .models import AssessmentImport, DemandAssessment, MatchResult, MatchRun

#: Who reads a country's supply–demand figures, imports assessments and runs the matcher.
ANALYST_ROLES = frozenset({Role.ANALYST})


def analyst_countries(user) -> list[str]:
    """Countries whose figures `user` may see (all for a superuser), sorted."""
    if getattr(user, "is_superuser", False):
        return list(Country.objects.order_by("code").values_list("code", flat=True))
    return sorted(authority_countries(user, ANALYST_ROLES))


# --- analytics inputs ------------------------------------------------------------------------


def analysis_profiles(*, country: str) -> QuerySet[WorkerProfile]:
    """Worker profiles counted as supply for `country`: workers from it, workers who name it
    as a preferred destination, and workers who name none (they would go anywhere — the
    matcher treats them the same way). Aggregates only: consent is about agencies seeing a
    profile, and no figure here identifies anyone."""
    return WorkerProfile.objects.filter(
        Q(origin_country_id=country)
        | Q(preferred_destinations=country)
        | Q(preferred_destinations__isnull=True)
    ).distinct()


def analysis_job_orders(*, country: str) -> QuerySet[JobOrder]:
    """Open positions in `country`: published job orders whose work is there."""
    return vacancy_selectors.published_job_orders().filter(destination_country_id=country)


def analysis_assessments(*, country: str) -> QuerySet[DemandAssessment]:
    return DemandAssessment.objects.filter(region__country_id=country)


def latest_completed_run(*, country: str | None) -> MatchRun | None:
    """The newest completed run covering `country` (a run for every country also covers it)."""
    runs = MatchRun.objects.filter(status=MatchRun.Status.COMPLETED)
    if country:
        runs = runs.filter(Q(country_id=country) | Q(country__isnull=True))
    return runs.order_by("-finished_at", "-pk").first()


def run_worker_results(*, run: MatchRun | None) -> QuerySet[MatchResult]:
    """Each worker's top-k vacancies in `run` (for matchable supply)."""
    if run is None:
        return MatchResult.objects.none()
    return MatchResult.objects.filter(run=run, direction=MatchResult.Direction.FOR_WORKER)


# --- match runs ------------------------------------------------------------------------------


def match_run_job_orders(*, country: str | None) -> QuerySet[JobOrder]:
    """Vacancies a run covers: published (approved, open, agency licensed today), located in
    or vetted by `country` (every published vacancy when None)."""
    qs = vacancy_selectors.published_job_orders()
    if country:
        qs = qs.filter(Q(destination_country_id=country) | Q(scheme__vetting_country_id=country))
    return qs


def match_run_profiles() -> QuerySet[WorkerProfile]:
    """Workers a run covers: only those who consent to agencies seeing their profile."""
    return vacancy_selectors.consenting_profiles()


def match_runs_for(*, user) -> QuerySet[MatchRun]:
    """Runs the user may inspect: those of their countries (and all-country runs)."""
    if getattr(user, "is_superuser", False):
        return MatchRun.objects.all()
    return MatchRun.objects.filter(country_id__in=analyst_countries(user))


def assessment_imports_for(*, user) -> QuerySet[AssessmentImport]:
    if getattr(user, "is_superuser", False):
        return AssessmentImport.objects.all()
    return AssessmentImport.objects.filter(country_id__in=analyst_countries(user))


def committed_import_with_hash(*, sha256: str, country: str) -> AssessmentImport | None:
    return AssessmentImport.objects.filter(
        file_sha256=sha256, country_id=country, status=AssessmentImport.Status.COMMITTED
    ).first()


# --- workers and agencies --------------------------------------------------------------------


def worker_profile_of(*, user) -> WorkerProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return WorkerProfile.objects.filter(user=user).first()


def job_order_candidates(
    *, job_order: JobOrder, limit: int = 20
) -> tuple[MatchRun | None, list[MatchResult]]:
    """The best consenting candidates for `job_order` from the latest run that covered it.

    Each chunk of a run keeps its own top k per job order; merged by score here. A worker
    who withdrew consent since the run is left out.
    """
    runs = MatchRun.objects.filter(status=MatchRun.Status.COMPLETED).filter(
        Q(country__isnull=True)
        | Q(country_id=job_order.destination_country_id)
        | Q(country_id=job_order.scheme.vetting_country_id)
    )
    run = runs.order_by("-finished_at", "-pk").first()
    if run is None:
        return None, []
    results = (
        MatchResult.objects.filter(
            run=run,
            direction=MatchResult.Direction.FOR_JOB_ORDER,
            job_order=job_order,
            profile__consent_to_agencies=True,
        )
        .select_related("profile", "profile__origin_country", "profile__origin_region")
        .prefetch_related("profile__occupations", "profile__languages__language")
        .order_by("-score", "profile_id")[:limit]
    )
    return run, list(results)
