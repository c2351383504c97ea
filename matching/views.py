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
        labels = {
            label for item in items for label in (*item["shared_skills"], *item["missing_skills"])
        }
        known = {skill.label: skill for skill in Skill.objects.filter(label__in=labels)}
        for item in items:
            for key in ("shared_skills", "missing_skills"):
                item[key] = [known.get(label, label) for label in item[key]]
    return render(request, "matching/vacancies_for_you.html", {"profile": profile, "items": items})


@login_required
def job_order_candidates(request, pk: int):
    """Workers who consent to agencies, ranked for one of the agency's own job orders. Never
    identity documents; contact goes through the vacancies app's invitation flow."""
    job_order = get_object_or_404(
        JobOrder.objects.select_related("scheme", "region", "occupation"), pk=pk
    )
    if not can(request.user, MatchingPermission.CANDIDATES_VIEW, job_order):
        raise Http404
    run, results = selectors.job_order_candidates(job_order=job_order)
    return render(
        request,
        "matching/job_order_candidates.html",
        {"job_order": job_order, "run": run, "results": results},
    )


def statistics(request):
    """/<lang>/statistics/: public, disclosure-controlled figures of every registered indicator
    (matching.indicators), each with a chart, a one-sentence summary, its tables and downloads."""
    from . import indicators, public_statistics
    from .forms import StatisticsFilterForm

    form = StatisticsFilterForm(request.GET)
    year, country = form.chosen()
    sections = [
        public_statistics.section(ind, year=year, country=country)
        for ind in indicators.indicators()
    ]
    return render(
        request,
        "matching/statistics.html",
        {
            "form": form,
            "year": year,
            "country": country,
            "sections": sections,
            "query": request.GET.urlencode() if form.is_bound and form.is_valid() else "",
            "threshold": indicators.THRESHOLD,
            "note": public_statistics.note(),
        },
    )


def statistics_download(request, slug: str, fmt: str):
    """One indicator's table as CSV or XLSX (?table=summary|detail, same filters as the page)."""
    from django.http import HttpResponse

    from . import indicators, public_statistics
    from .forms import StatisticsFilterForm

    indicator = indicators.get(slug)
    kind = request.GET.get("table", "detail")
    if indicator is None or fmt not in ("csv", "xlsx") or kind not in public_statistics.TABLES:
        raise Http404
    year, country = StatisticsFilterForm(request.GET).chosen()
    records = indicator.read(year=year, country=country)
    table = public_statistics.build_table(indicator, records, kind)
    content, content_type = public_statistics.export(table, fmt, year=year)
    response = HttpResponse(content, content_type=content_type)
    name = f"karavan-statistics-{slug}-{kind}-{year}{'-' + country if country else ''}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
