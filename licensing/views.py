"""Public and agency-facing pages. Views translate HTTP to service calls and back."""

import csv
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, TooManyFilesSent, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from licensing.permissions import LicensingPermission
from portal.cases import APPLICANT, case_action_names
from portal.exports import row_safe
from portal.lifecycle import EDITABLE_STATES, DocumentStatus, InvalidTransition
from portal.pagination import page_of
from portal.policy import can, scope
from portal.request_input import parse_id
from portal.uploads import ERROR_TOO_MANY_FILES, private_file_response
from portal.view_helpers import messages_of, pdf_download, posted, service_post

from . import forms, ratelimit, selectors, services
from .certificate import licence_certificate_pdf
from .models import ComplaintEvidence, Licence, LicenceApplication

STEPS = [
    ("scope", gettext_lazy("Scope")),
    ("documents", gettext_lazy("Documents")),
    ("declaration", gettext_lazy("Declaration")),
]
STEP_NAMES = [name for name, _label in STEPS]


def _agency(request):
    agency = selectors.user_agency(user=request.user)
    if agency is None:
        raise Http404
    return agency


def _own_application(request, pk) -> LicenceApplication:
    """The user's agency's application; another agency's is simply not found (404)."""
    return get_object_or_404(
        LicenceApplication.objects.select_related("agency", "authority"),
        pk=pk,
        agency=_agency(request),
    )


def _files_or_error(request):
    """request.FILES, or None when more files were sent than allowed (the user sees why)."""
    try:
        return request.FILES
    except TooManyFilesSent:
        return None


# --- agency ----------------------------------------------------------------------------------


def _moves(application, user) -> dict:
    """What the agency may do now, from the lifecycle table and the policy."""
    moves = case_action_names(application, user, side=APPLICANT)
    return {"moves": moves, "editable": "submit" in moves}


@login_required
def agency_register(request):
    """A signed-in user without an organisation registers their recruitment agency."""
    if selectors.user_agency(user=request.user):
        return redirect("licensing:agency_home")
    form = forms.AgencyRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agency_register(
                user=request.user,
                name=data["name"],
                country_id=data["country"].pk,
                registration_number=data["registration_number"],
                address=data["address"],
                email=data["email"],
                phone=data["phone"],
                submission_key=data["submission_key"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Your agency is registered. You can now apply for a licence.")
            )
            return redirect("licensing:agency_home")
    return render(request, "licensing/agency_register.html", {"form": form})


@login_required
def agency_home(request):
    """The agency's licences and applications, with what to do next."""
    agency = selectors.user_agency(user=request.user)
    if agency is None:
        return redirect("licensing:agency_register")
    licences = [
        (lic, selectors.effective_status(lic)) for lic in selectors.agency_licences(agency=agency)
    ]
    open_application = selectors.agency_open_application(agency=agency)
    renewable = [lic.pk for lic, status in licences[:1] if status in ("active", "expired")]
    return render(
        request,
        "licensing/agency_home.html",
        {
            "agency": agency,
            "licences": licences,
            "renewable_pk": None if open_application or not renewable else renewable[0],
            "page": page_of(request, selectors.agency_applications(agency=agency)),
            "open_application": open_application,
            "start_form": forms.StartApplicationForm(),
        },
    )


@login_required
@require_POST
def application_start(request, licence_pk: int | None = None):
    """Create the draft (new or renewal); the form's one-time key stops double submits."""
    agency = _agency(request)
    renewal_of = None
    if licence_pk is not None:
        renewal_of = get_object_or_404(Licence, pk=licence_pk, agency=agency)
    form = forms.StartApplicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form expired. Please try again."))
        return redirect("licensing:agency_home")
    try:
        application = services.licence_application_create(
            agency=agency,
            by=request.user,
            renewal_of=renewal_of,
            submission_key=form.cleaned_data["submission_key"],
        )
    except (ValidationError, PermissionDenied) as exc:
        for message in messages_of(exc):
            messages.error(request, message)
        return redirect("licensing:agency_home")
    return redirect("licensing:application_step", pk=application.pk, step="scope")


def _step_context(application, step, form, **extra):
    return {
        "application": application,
        "step": step,
        "steps": STEPS,
        "form": form,
        "editable": application.status in EDITABLE_STATES,
        **extra,
    }


@login_required
def application_step(request, pk: int, step: str):
    """One step of the multi-step form. Every POST saves the draft; "next" moves on."""
    application = _own_application(request, pk)
    if step not in STEP_NAMES:
        raise Http404
    form_class = {
        "scope": forms.ScopeForm,
        "documents": forms.DocumentsForm,
        "declaration": forms.DeclarationForm,
    }[step]
    if step == "scope":
        form_class = partial(forms.ScopeForm, agency_country=application.agency.country_id)
    if step == "scope":
        initial = {
            "destination_countries": application.destination_countries.all(),
            "sectors": application.sectors.all(),
            "planned_yearly_placements": application.planned_yearly_placements,
            "office_address": application.office_address,
        }
    elif step == "declaration":
        initial = {
            "declares_no_worker_fees": application.declares_no_worker_fees,
            "declares_no_document_retention": application.declares_no_document_retention,
        }
    else:
        initial = {}
    status = 200
    if request.method == "POST":
        files = _files_or_error(request)
        if files is None:
            form = form_class(initial=initial)
            messages.error(request, ERROR_TOO_MANY_FILES)
            return render(
                request,
                "licensing/application_step.html",
                _step_context(application, step, form),
                status=400,
            )
        form = form_class(request.POST, files, initial=initial)
        if form.is_valid():
            try:
                if step == "documents":
                    services.licence_documents_add(
                        application=application, by=request.user, files=form.files_by_kind()
                    )
                else:
                    data = dict(form.cleaned_data)
                    for name in ("destination_countries", "sectors"):
                        if name in data:
                            data[name] = list(data[name])
                    services.licence_application_update(
                        application=application, by=request.user, data=data
                    )
            except (ValidationError, InvalidTransition) as exc:
                for message in messages_of(exc):
                    form.add_error(None, message)
            else:
                if "next" in request.POST:
                    following = STEP_NAMES.index(step) + 1
                    if following < len(STEP_NAMES):
                        return redirect(
                            "licensing:application_step", pk=pk, step=STEP_NAMES[following]
                        )
                    return redirect("licensing:application_detail", pk=pk)
                messages.success(request, _("Draft saved."))
                return redirect("licensing:application_step", pk=pk, step=step)
        status = 400
    else:
        form = form_class(initial=initial)
    return render(
        request,
        "licensing/application_step.html",
        _step_context(application, step, form, documents=application.documents.all()),
        status=status,
    )


@login_required
def application_detail(request, pk: int):
    """Review page: everything entered, what is missing, the authority's questions, submit."""
    application = _own_application(request, pk)
    return render(
        request,
        "licensing/application_detail.html",
        {
            "application": application,
            "steps": STEPS,
            "missing": services.licence_application_missing(application),
            "documents": application.documents.all(),
            "information_requests": application.information_requests.all(),
            "resubmit_form": forms.ResubmitForm(),
            "withdraw_form": forms.WithdrawForm(),
            **_moves(application, request.user),
        },
    )


@login_required
@require_POST
def application_submit(request, pk: int):
    application = _own_application(request, pk)
    answer = posted(request, forms.ResubmitForm).get("response", "")
    service_post(
        request,
        lambda: services.licence_application_submit(
            application=application, by=request.user, response=answer, request=request
        ),
        done=_("Your application has been submitted."),
        refused=(ValidationError, InvalidTransition),
    )
    return redirect("licensing:application_detail", pk=pk)


@login_required
@require_POST
def application_withdraw(request, pk: int):
    reason = posted(request, forms.WithdrawForm).get("reason", "")
    service_post(
        request,
        lambda: services.licence_application_withdraw(
            application=_own_application(request, pk), by=request.user, reason=reason
        ),
        done=_("The application was withdrawn."),
        refused=InvalidTransition,
    )
    return redirect("licensing:application_detail", pk=pk)


@login_required
@require_POST
def document_remove(request, pk: int, doc_pk: int):
    application = _own_application(request, pk)
    document = get_object_or_404(application.documents, pk=doc_pk)
    service_post(
        request,
        lambda: services.licence_document_remove(document=document, by=request.user),
        refused=InvalidTransition,
    )
    return redirect("licensing:application_step", pk=pk, step="documents")


@never_cache
@login_required
def document_download(request, pk: int, doc_pk: int):
    """The agency's own documents, or those of the officer's jurisdiction; otherwise 404."""
    visible = scope(
        request.user, LicensingPermission.APPLICATION_VIEW, LicenceApplication.objects.all()
    )
    application = get_object_or_404(visible, pk=pk)
    document = get_object_or_404(application.documents, pk=doc_pk)
    return private_file_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@never_cache
@login_required
def licence_certificate(request, number: str):
    """The certificate PDF, for the holder and the officers of its jurisdiction."""
    licence = get_object_or_404(
        Licence.objects.select_related("agency", "authority"), number=number
    )
    if not can(request.user, LicensingPermission.LICENCE_VIEW, licence):
        raise Http404
    return pdf_download(licence_certificate_pdf(licence=licence), filename=f"{licence.number}.pdf")


# --- public registry -------------------------------------------------------------------------


def _registry_queryset(form):
    data = form.cleaned_data if form.is_valid() else {}
    country = data.get("country")
    return selectors.registry_agencies(
        query=data.get("q", ""),
        status=data.get("status", ""),
        country=country.pk if country else "",
    )


def _with_status(agencies):
    """Attach the status the public sees (an overdue licence shows as expired)."""
    today = timezone.localdate()
    for agency in agencies:
        status = agency.licence_status
        if (
            status in (DocumentStatus.ACTIVE, DocumentStatus.SUSPENDED)
            and agency.licence_valid_until
            and agency.licence_valid_until < today
        ):
            status = DocumentStatus.EXPIRED
        agency.registry_status = status
        agency.registry_status_label = DocumentStatus(status).label
        yield agency


def registry(request):
    """Public registry of licensed agencies: search by name or number, filter, paginate."""
    form = forms.RegistrySearchForm(request.GET or None)

    def results_page():
        page = Paginator(_registry_queryset(form), 25).get_page(request.GET.get("page"))
        page.object_list = list(_with_status(page.object_list))
        return page

    query = request.GET.copy()
    query.pop("page", None)
    # Lazy: the template keeps the results in a fragment (no query when it is cached).
    page = SimpleLazyObject(results_page)
    return render(
        request,
        "licensing/registry.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


def registry_csv(request):
    """The same search as CSV (UTF-8 with BOM so spreadsheets read Cyrillic correctly)."""
    form = forms.RegistrySearchForm(request.GET or None)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="karavan-agency-registry.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "agency",
            "country",
            "registration_number",
            "licence_number",
            "status",
            "valid_until",
            "upheld_complaints",
        ]
    )
    for agency in _with_status(_registry_queryset(form).iterator()):
        writer.writerow(
            row_safe(
                "" if v is None else str(v)
                for v in (
                    agency.name,
                    agency.country_id,
                    agency.registration_number,
                    agency.licence_number,
                    agency.registry_status,
                    agency.licence_valid_until,
                    agency.upheld_complaints,
                )
            )
        )
    return response


def registry_agency(request, pk: int):
    """One agency's public record: licence history, sanctions, upheld complaints."""
    agency = selectors.registry_agency(pk=pk)
    if agency is None:
        raise Http404
    # Lazy: the template keeps the record in a fragment (no query when it is cached).
    record = SimpleLazyObject(lambda: selectors.agency_record(agency=agency))
    return render(
        request,
        "licensing/registry_agency.html",
        {
            "agency": agency,
            "record": record,
            "licences": SimpleLazyObject(
                lambda: [(lic, selectors.effective_status(lic)) for lic in record["licences"]]
            ),
        },
    )


# --- complaints ------------------------------------------------------------------------------


def _rate_limited(request, template: str, action: str, context: dict, *, wait: int = 0):
    """The page again, with the rate-limit message and HTTP 429 (nothing was done): "wait
    `wait` seconds and send again" when only slowed, else the longest window."""
    message = ratelimit.ERROR_SLOWED % {"seconds": wait} if wait else ratelimit.ERROR_RATE_LIMITED
    response = render(request, template, {**context, "rate_limited": message}, status=429)
    response["Retry-After"] = str(wait or ratelimit.retry_after(action))
    return response


def complaint_new(request):
    """Anyone may complain, anonymously, from anywhere; no account needed."""
    initial = {"licence_number": request.GET.get("subject", "")[:40], "is_anonymous": True}
    agency_pk = parse_id(request.GET.get("agency"))
    if agency_pk is not None:
        agency = selectors.registry_agency(pk=agency_pk)
        if agency:
            initial.update(
                agency_name=agency.name,
                country=agency.country_id,
                licence_number=agency.licence_number or "",
            )
    status = 200
    if request.method == "POST":
        files = _files_or_error(request)  # first: reading the body may find too many files
        action, decision = ratelimit.complaint_decision(
            request, form_key=request.POST.get("submission_key")
        )
        if not decision.allowed:
            # Keep what they typed (files must be chosen again) and say why nothing was filed.
            return _rate_limited(
                request,
                "licensing/complaint_new.html",
                action,
                {"form": forms.ComplaintForm(request.POST)},
                wait=decision.wait,
            )
        form = forms.ComplaintForm(request.POST, files or {})
        if files is None:
            form.is_valid()
            form.add_error("evidence", ERROR_TOO_MANY_FILES)
        elif form.is_valid():
            data = form.cleaned_data
            number = data["licence_number"].strip()
            employer = None
            if data.get("against") == "employer":
                agency = None
                employer = selectors.employer_named(name=data["employer_name"], number=number)
                country_id = (
                    employer.country_id
                    if employer
                    else data["work_country"].pk
                    if data["work_country"]
                    else data["country"].pk
                )
                subject_name = data["employer_name"] or ""
            else:
                agency = selectors.agency_by_licence_number(number=number) if number else None
                country_id, subject_name = data["country"].pk, data["agency_name"] or ""
            try:
                complaint = services.complaint_file(
                    by=request.user,
                    country_id=country_id,
                    category=data["category"],
                    description=data["description"],
                    agency=agency,
                    employer=employer,
                    recruiter_name=subject_name,
                    subject_number=number,
                    amount_paid=data["amount_paid"],
                    currency=data["currency"].upper(),
                    is_anonymous=data["is_anonymous"],
                    contact_name=data["contact_name"],
                    contact=data["contact"],
                    complainant_country=data["complainant_country"].pk
                    if data["complainant_country"]
                    else "",
                    evidence=data["evidence"],
                    submission_key=data["submission_key"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                request.session["licensing_complaint_code"] = complaint.tracking_code
                return redirect("licensing:complaint_filed")
        status = 400
    else:
        form = forms.ComplaintForm(initial=initial)
    return render(request, "licensing/complaint_new.html", {"form": form}, status=status)


@never_cache
def complaint_filed(request):
    """Shows the tracking code once, right after filing."""
    code = request.session.pop("licensing_complaint_code", None)
    if not code:
        return redirect("licensing:complaint_track")
    return render(request, "licensing/complaint_filed.html", {"code": code})


@never_cache
def complaint_track(request):
    """Follow a complaint with its tracking code (sent by POST so it stays out of URLs and logs)."""
    form = forms.TrackForm(request.POST or None)
    complaint, status = None, 200
    if request.method == "POST" and form.is_valid():
        code = selectors.tracking_code_normalise(code=form.cleaned_data["code"])
        if not ratelimit.consume(request, action="complaint_track", key=code):
            return _rate_limited(
                request,
                "licensing/complaint_track.html",
                "complaint_track",
                {"form": forms.TrackForm(), "complaint": None},
            )
        complaint = selectors.complaint_by_tracking_code(code=form.cleaned_data["code"])
        if complaint is None:
            form.add_error(
                "code", _("No complaint has this tracking code. Check it and try again.")
            )
            status = 404
    return render(
        request,
        "licensing/complaint_track.html",
        {"form": form, "complaint": complaint},
        status=status,
    )


@never_cache
@login_required
def complaint_evidence(request, pk: int):
    """Evidence files, for the officers handling complaints of that country only."""
    item = get_object_or_404(ComplaintEvidence.objects.select_related("complaint"), pk=pk)
    if not can(request.user, LicensingPermission.COMPLAINT_HANDLE, item.complaint):
        raise Http404
    return private_file_response(
        item.file, filename=item.original_name, content_type=item.content_type
    )
