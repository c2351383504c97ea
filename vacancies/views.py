"""Public vacancy search, the worker's profile and applications, and the agency's job orders.
Views translate HTTP to service calls and back; rules live in services and selectors."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from licensing.selectors import user_agency
from portal.cases import AGENCY, APPLICANT, case_action_names
from portal.lifecycle import InvalidTransition
from portal.models import EscoOccupation, Language, Skill
from portal.pagination import page_of, query_without_page
from portal.policy import can
from portal.request_input import ERROR_BAD_ID, parse_ids
from portal.uploads import private_file_response
from portal.view_helpers import REFUSALS, messages_of, posted, service_post
from vacancies.permissions import VacancyPermission

from . import forms, selectors, services
from .models import (
    JobOrder,
    JobOrderStatus,
    VacancyApplication,
    VacancyApplicationStatus,
    WorkerProfile,
)

PAGE_SIZE = 20
SKILL_SUGGESTIONS = 30


# --- public ----------------------------------------------------------------------------------


def vacancy_list(request):
    """Search published vacancies. A page costs four short queries (bounded count, the
    page's ids, those rows with their joins, their languages), whether the search matches 1
    or 100,000 vacancies; the form's choice lists come from the cache."""
    form = forms.VacancySearchForm(request.GET or None)

    def results_page():
        results = selectors.vacancy_search(
            filters=form.filters() if request.GET else selectors.VacancyFilters()
        )
        return selectors.BoundedPaginator(results, PAGE_SIZE).get_page(request.GET.get("page"))

    # Lazy: the template keeps the results in fragments (no query when they are cached).
    page = SimpleLazyObject(results_page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "vacancies/vacancy_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


def vacancy_detail(request, pk: int):
    """All terms of one vacancy in plain words, and the apply form."""
    job_order = selectors.vacancy_public(pk=pk, terms=False)
    if job_order is None:
        raise Http404
    profile = (
        WorkerProfile.objects.filter(user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    applied = (
        profile is not None
        and VacancyApplication.objects.filter(job_order=job_order, profile=profile).exists()
    )
    content, content_lang = job_order.content_for()
    return render(
        request,
        "vacancies/vacancy_detail.html",
        {
            "job_order": job_order,
            "profile": profile,
            "applied": applied,
            "apply_form": forms.ApplyForm(),
            "content": content,
            "content_lang": content_lang,
            # Lazy: read only when the terms' fragment is not in the cache.
            "terms": SimpleLazyObject(lambda: selectors.vacancy_terms(pk=pk)),
            "content_language": SimpleLazyObject(
                lambda: Language.objects.filter(code=content_lang).first() or content_lang
            ),
        },
    )


def vacancy_contract(request, pk: int):
    """The approved contract template of a published vacancy, so anyone can compare it with
    the one they are asked to sign (its SHA-256 is on the verification page)."""
    job_order = selectors.vacancy_public(pk=pk)
    if job_order is None or not job_order.contract_template:
        raise Http404
    return private_file_response(
        job_order.contract_template,
        filename=f"{job_order.number}-contract.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def vacancy_apply(request, pk: int):
    job_order = get_object_or_404(JobOrder, pk=pk)
    form = forms.ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form expired. Please try again."))
        return redirect("vacancies:vacancy_detail", pk=pk)
    try:
        services.vacancy_application_submit(
            job_order=job_order,
            by=request.user,
            message=form.cleaned_data["message"],
            submission_key=form.cleaned_data["submission_key"],
        )
    except ValidationError as exc:
        for message in messages_of(exc):
            messages.error(request, message)
        if str(services.ERROR_NO_PROFILE) in messages_of(exc):
            return redirect("vacancies:profile")
        return redirect("vacancies:vacancy_detail", pk=pk)
    messages.success(request, _("Your application was sent. The agency will answer here."))
    return redirect("vacancies:my_applications")


# --- worker profile --------------------------------------------------------------------------


def _own_profile(request) -> WorkerProfile:
    profile = WorkerProfile.objects.filter(user=request.user).first()
    if profile is None:
        raise Http404
    return profile


@login_required
def profile(request):
    """Create or edit the worker's profile."""
    existing = WorkerProfile.objects.filter(user=request.user).first()
    initial = forms.WorkerProfileForm.initial_from(existing) if existing else {}
    form = forms.WorkerProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if existing:
                services.worker_profile_update(
                    profile=existing, by=request.user, data=form.service_data()
                )
            else:
                services.worker_profile_create(user=request.user, data=form.service_data())
        except (ValidationError, PermissionDenied) as exc:
            for message in messages_of(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("vacancies:profile")
    return render(
        request,
        "vacancies/worker_profile.html",
        {
            "form": form,
            "profile": existing,
            "consent_form": forms.ConsentForm(initial={"consent": existing.consent_to_agencies})
            if existing
            else None,
            "skills": existing.skills.all() if existing else [],
            "seasons": existing.past_seasons.select_related("country") if existing else [],
            "season_form": forms.SeasonForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def profile_skills(request):
    """Skill suggestions without JavaScript: search ESCO labels, tick the ones to add."""
    profile_obj = _own_profile(request)
    status = 200
    if request.method == "POST":
        added = parse_ids(request.POST.getlist("add"))
        removed = parse_ids(request.POST.getlist("remove"))
        if added is None or removed is None:
            messages.error(request, ERROR_BAD_ID)
            status = 400
        else:
            chosen = Skill.objects.filter(pk__in=added)
            current = set(profile_obj.skills.values_list("pk", flat=True))
            new = (current | set(chosen.values_list("pk", flat=True))) - set(removed)
            services.worker_profile_update(
                profile=profile_obj, by=request.user, data={"skills": sorted(new)}
            )
            messages.success(request, _("Your skills are saved."))
            return redirect("vacancies:profile_skills")
    form = forms.SkillSearchForm(request.GET or None)
    suggestions = []
    if form.is_valid() and form.cleaned_data["q"]:
        suggestions = list(
            Skill.objects.filter(label__icontains=form.cleaned_data["q"])
            .exclude(pk__in=profile_obj.skills.values("pk"))
            .order_by("label")[:SKILL_SUGGESTIONS]
        )
    else:
        suggestions = _occupation_skill_suggestions(profile_obj)
    return render(
        request,
        "vacancies/profile_skills.html",
        {
            "form": form,
            "suggestions": suggestions,
            "skills": profile_obj.skills.all(),
        },
        status=status,
    )


def _occupation_skill_suggestions(profile_obj) -> list[Skill]:
    """Start from the essential skills ESCO lists for the worker's occupation groups."""
    codes = list(profile_obj.occupations.values_list("code", flat=True))
    if not codes:
        return []
    match = Q()
    for code in codes:
        match |= Q(isco__code__startswith=code)
    labels = []
    for occupation in EscoOccupation.objects.filter(match).only("essential_skills")[:5]:
        labels.extend(occupation.essential_skills)
    return list(
        Skill.objects.filter(label__in=labels[: SKILL_SUGGESTIONS * 2])
        .exclude(pk__in=profile_obj.skills.values("pk"))
        .order_by("label")[:SKILL_SUGGESTIONS]
    )


@login_required
@require_POST
def profile_consent(request):
    profile_obj = _own_profile(request)
    consent = bool(posted(request, forms.ConsentForm).get("consent"))
    services.worker_profile_consent_set(profile=profile_obj, by=request.user, consent=consent)
    messages.success(
        request,
        _("Agencies can now see your profile.")
        if consent
        else _("Agencies can no longer see your profile."),
    )
    return redirect("vacancies:profile")


@login_required
@require_POST
def profile_season_add(request):
    profile_obj = _own_profile(request)
    form = forms.SeasonForm(request.POST)
    if form.is_valid():
        service_post(
            request,
            lambda: services.worker_profile_season_add(
                profile=profile_obj, by=request.user, **form.cleaned_data
            ),
            done=_("Season added."),
            refused=ValidationError,
        )
    else:
        messages.error(request, _("Check the dates of the season."))
    return redirect("vacancies:profile")


@login_required
@never_cache
def profile_export(request):
    """Download everything held about the worker, as JSON."""
    data = selectors.worker_profile_export(profile=_own_profile(request))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="karavan-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def profile_delete(request):
    """Confirm, then erase the profile and applications (the account itself stays)."""
    profile_obj = _own_profile(request)
    if request.method == "POST":
        services.worker_profile_delete(profile=profile_obj, by=request.user)
        messages.success(request, _("Your worker profile and applications are deleted."))
        return redirect("portal:dashboard")
    return render(request, "vacancies/profile_delete.html", {"profile": profile_obj})


@login_required
def my_applications(request):
    profile_obj = WorkerProfile.objects.filter(user=request.user).first()
    if profile_obj is None:
        return redirect("vacancies:profile")
    # What needs the worker's answer (an offer to accept or decline) comes first.
    applications = list(selectors.worker_applications(profile=profile_obj))
    return render(
        request,
        "vacancies/my_applications.html",
        {
            "waiting": [a for a in applications if a.status == VacancyApplicationStatus.OFFERED],
            "others": [a for a in applications if a.status != VacancyApplicationStatus.OFFERED],
        },
    )


WORKER_ACTIONS = {
    "accept": services.vacancy_application_accept,
    "decline": services.vacancy_application_decline,
    "withdraw": services.vacancy_application_withdraw,
}


@login_required
@require_POST
def my_application_action(request, pk: int, action: str):
    application = get_object_or_404(VacancyApplication, pk=pk, profile__user=request.user)
    if action not in WORKER_ACTIONS:
        raise Http404
    service_post(
        request,
        lambda: WORKER_ACTIONS[action](application=application, by=request.user),
        done=_("Done."),
    )
    return redirect("vacancies:my_applications")


@login_required
def cost_report(request, pk: int):
    """Tell us what you paid to get this job, and to whom."""
    application = get_object_or_404(
        VacancyApplication.objects.select_related("job_order"), pk=pk, profile__user=request.user
    )
    form = forms.CostReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cost_report_file(application=application, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            for message in messages_of(exc):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your report is recorded; it counts on the "
                    "agency's public record without your name."
                ),
            )
            return redirect("vacancies:my_applications")
    return render(request, "vacancies/cost_report.html", {"form": form, "application": application})


# --- agency ----------------------------------------------------------------------------------


def _agency(request):
    agency = user_agency(user=request.user)
    if agency is None:
        raise Http404
    return agency


def _own_job_order(request, pk) -> JobOrder:
    return get_object_or_404(
        JobOrder.objects.select_related("scheme", "employer", "region", "occupation"),
        pk=pk,
        agency=_agency(request),
    )


@login_required
def agency_job_orders(request):
    agency = _agency(request)
    return render(
        request,
        "vacancies/agency_job_orders.html",
        {
            "agency": agency,
            "page": page_of(request, selectors.agency_job_orders(agency=agency)),
        },
    )


def _save_job_order(request, form, job_order=None):
    """Create or update through the services; attach the contract if one was sent."""
    agency = _agency(request)
    if job_order is None:
        key_form = forms.SubmissionKeyForm(request.POST)
        key = key_form.cleaned_data["submission_key"] if key_form.is_valid() else None
        job_order = services.job_order_create(
            agency=agency, by=request.user, data=form.service_data(), submission_key=key
        )
    else:
        job_order = services.job_order_update(
            job_order=job_order, by=request.user, data=form.service_data()
        )
    upload = form.cleaned_data.get("contract_template")
    if upload:
        services.job_order_contract_attach(job_order=job_order, by=request.user, uploaded=upload)
    return job_order


@login_required
def agency_job_order_edit(request, pk: int | None = None):
    """New job order, or edit a draft / one the authority asked about. A search button
    (`find`) posts the form back to offer occupations or skills: nothing is saved or checked
    then, and everything typed comes back."""
    _agency(request)
    job_order = _own_job_order(request, pk) if pk else None
    if job_order and job_order.status not in (JobOrderStatus.DRAFT, JobOrderStatus.INFO_REQUESTED):
        return redirect("vacancies:agency_job_order", pk=job_order.pk)
    initial = forms.JobOrderForm.initial_from(job_order) if job_order else {}
    form = forms.JobOrderForm(request.POST or None, request.FILES or None, initial=initial)
    searching = request.POST.get("find") in forms.JobOrderForm.CHOOSERS
    if searching:
        form.hold()
    elif request.method == "POST" and form.is_valid():
        try:
            job_order = _save_job_order(request, form, job_order)
        except (ValidationError, InvalidTransition, PermissionDenied) as exc:
            for message in messages_of(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("Job order saved."))
            return redirect("vacancies:agency_job_order", pk=job_order.pk)
    return render(
        request,
        "vacancies/agency_job_order_form.html",
        {
            "form": form,
            "job_order": job_order,
            "key_form": forms.SubmissionKeyForm(),
        },
        status=400 if request.method == "POST" and not searching else 200,
    )


def _with_moves(application, user, side):
    """An application with the moves `user` may make on it now (lifecycle table + policy)."""
    application.moves = case_action_names(application, user, side=side)
    return application


@login_required
def agency_job_order(request, pk: int):
    job_order = _own_job_order(request, pk)
    moves = case_action_names(job_order, request.user, side=APPLICANT)
    page = page_of(request, selectors.job_order_applicants(job_order=job_order))
    return render(
        request,
        "vacancies/agency_job_order.html",
        {
            "job_order": job_order,
            "missing": services.job_order_missing(job_order),
            "information_requests": job_order.information_requests.all(),
            "page": page,
            "applicants": [_with_moves(a, request.user, AGENCY) for a in page.object_list],
            "moves": moves,
            "editable": "submit" in moves,
            "reason_form": forms.ReasonForm(),
            "date_form": forms.DateForm(),
            "permit_form": forms.PermitLinkForm(),
        },
    )


JOB_ORDER_ACTIONS = {
    "submit": services.job_order_submit,
    "withdraw": services.job_order_withdraw,
    "close": services.job_order_close,
}


@login_required
@require_POST
def agency_job_order_action(request, pk: int, action: str):
    job_order = _own_job_order(request, pk)
    if action not in JOB_ORDER_ACTIONS:
        raise Http404
    service_post(
        request,
        lambda: JOB_ORDER_ACTIONS[action](job_order=job_order, by=request.user),
        done=_("Done."),
    )
    return redirect("vacancies:agency_job_order", pk=pk)


@login_required
def agency_job_order_contract(request, pk: int):
    """The contract template, for the agency that posted it."""
    job_order = _own_job_order(request, pk)
    if not job_order.contract_template:
        raise Http404
    return private_file_response(
        job_order.contract_template, filename="contract.pdf", content_type="application/pdf"
    )


AGENCY_APPLICATION_ACTIONS = {"shortlist", "reject", "offer", "departure", "return", "permit"}


@login_required
@require_POST
def agency_application_action(request, pk: int, action: str):
    """Shortlist, reject (with reason), offer, record departure / return, link the permit."""
    application = get_object_or_404(
        VacancyApplication.objects.select_related("job_order"),
        pk=pk,
        job_order__agency=_agency(request),
    )
    if action not in AGENCY_APPLICATION_ACTIONS:
        raise Http404
    try:
        if action == "shortlist":
            services.vacancy_application_shortlist(application=application, by=request.user)
        elif action == "offer":
            services.vacancy_application_offer(application=application, by=request.user)
        elif action == "reject":
            form = forms.ReasonForm(request.POST)
            services.vacancy_application_reject(
                application=application,
                by=request.user,
                reason=form.cleaned_data["reason"] if form.is_valid() else "",
            )
        elif action in ("departure", "return"):
            form = forms.DateForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Enter a valid date."))
            record = (
                services.vacancy_application_departure_record
                if action == "departure"
                else services.vacancy_application_return_record
            )
            kwarg = "departed_on" if action == "departure" else "returned_on"
            record(application=application, by=request.user, **{kwarg: form.cleaned_data["on"]})
        else:
            form = forms.PermitLinkForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Enter the work-permit application number."))
            services.vacancy_application_permit_link(
                application=application, by=request.user, reference=form.cleaned_data["reference"]
            )
    except REFUSALS as exc:
        for message in messages_of(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Done."))
    return redirect("vacancies:agency_job_order", pk=application.job_order_id)


@login_required
def agency_candidates(request):
    """Workers who consent to be seen by agencies (never identity documents)."""
    agency = _agency(request)
    if not can(request.user, VacancyPermission.CANDIDATES_VIEW, agency):
        raise PermissionDenied
    form = forms.CandidateFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    candidates = selectors.agency_candidates(
        user=request.user,
        agency=agency,
        occupation=data["occupation"].code if data.get("occupation") else "",
        origin_country=data["origin_country"].code if data.get("origin_country") else "",
        skill=data.get("skill") or "",
    )
    return render(
        request,
        "vacancies/agency_candidates.html",
        {
            "form": form,
            "page": page_of(request, candidates),
            "query": query_without_page(request),
            "agency": agency,
        },
    )
