"""Public-side matcher pages: "vacancies for you" for a worker, ranked consenting candidates
for an agency's own job order. Plain HTML, no JavaScript."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from matching.permissions import MatchingPermission
from portal.models import Skill
from portal.policy import can
from vacancies.models import JobOrder

from . import selectors, services


@login_required
def vacancies_for_you(request):
    """The published vacancies that fit the signed-in worker's profile best, with the skills
    they share and the ones they still lack."""
    profile = selectors.worker_profile_of(user=request.user)
    items = []
    if profile is not None and can(request.user, MatchingPermission.WORKER_VACANCIES, profile):
        items = services.vacancies_for_worker(profile=profile)
        # Skills as reference rows, so the page shows them in the reader's language.
        labels = {label for item in items
                  for label in (*item["shared_skills"], *item["missing_skills"])}
        known = {skill.label: skill for skill in Skill.objects.filter(label__in=labels)}
        for item in items:
            for key in ("shared_skills", "missing_skills"):
                item[key] = [known.get(label, label) for label in item[key]]
    return render(request, "matching/vacancies_for_you.html",
                  {"profile": profile, "items": items})


@login_required
def job_order_candidates(request, pk: int):
    """Workers who consent to agencies, ranked for one of the agency's own job orders. Never
    identity documents; contact goes through the vacancies app's invitation flow."""
    job_order = get_object_or_404(JobOrder.objects.select_related("scheme", "region",
                                                                  "occupation"), pk=pk)
    if not can(request.user, MatchingPermission.CANDIDATES_VIEW, job_order):
        raise Http404
    run, results = selectors.job_order_candidates(job_order=job_order)
    return render(request, "matching/job_order_candidates.html",
                  {"job_order": job_order, "run": run, "results": results})
