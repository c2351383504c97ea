"""Applicant pages (worker or agency), the public fee page and the payment webhook.

Views translate HTTP to service calls and back. Passport numbers never appear in a URL.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from licensing.permits.permissions import PermitPermission
from licensing.selectors import user_agency
from portal.api.problems import PROBLEM_MEDIA_TYPE, problem
from portal.cases import APPLICANT, case_action_names
from portal.lifecycle import InvalidTransition
from portal.policy import can
from portal.uploads import private_file_response
from portal.view_helpers import messages_of, pdf_download, posted, service_post

from . import forms, selectors, services
from .certificate import permit_certificate_pdf
from .models import Patent, PaymentOrder, PermitApplication, PermitKind
from .personal_data import passport_masked

logger = logging.getLogger(__name__)
KIND_SLUGS = {"work-permit": PermitKind.WORK_PERMIT, "patent": PermitKind.PATENT}


def _visible_application(request, pk) -> PermitApplication:
    """The application if the user may see it; otherwise simply not found (404)."""
    application = get_object_or_404(
        PermitApplication.objects.select_related(
            "authority", "agency", "region", "occupation", "nationality", "worker"
        ),
        pk=pk,
    )
    if not can(request.user, PermitPermission.APPLICATION_VIEW, application):
        raise Http404
    return application


@login_required
def home(request):
    """The worker's (or agency's) applications and issued documents, and where to apply."""
    return render(
        request,
        "permits/home.html",
        {
            "applications": selectors.applications_for_user(user=request.user),
            "documents": [
                (
                    d,
                    selectors.patent_effective_status(d)
                    if isinstance(d, Patent)
                    else selectors.work_permit_effective_status(d),
                    isinstance(d, Patent),
                )
                for d in selectors.documents_for_user(user=request.user)
            ],
            "agency": user_agency(user=request.user),
        },
    )


def fees(request):
    """Public: the fees in force, so a worker knows the cost before applying, and the quotas
    with their gender-impact notes."""
    return render(
        request,
        "permits/fees.html",
        {"fees": selectors.fees_in_force(), "quotas": selectors.quotas_published()},
    )


@login_required
def apply(request, kind_slug: str):
    """Start an application: one page with everything the authority needs to know."""
    kind = KIND_SLUGS.get(kind_slug)
    if kind is None:
        raise Http404
    agency = user_agency(user=request.user)
    form = forms.ApplicationForm(request.POST or None, kind=kind, for_agency=agency is not None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                worker = (
                    services.worker_find(contact=data["worker_contact"])
                    if agency is not None
                    else None
                )
                application = services.permit_application_create(
                    by=request.user,
                    kind=kind,
                    country_id=data["country"].pk,
                    data=form.service_data(),
                    agency=agency,
                    worker=worker,
                    submission_key=data["submission_key"],
                )
            except (ValidationError, PermissionDenied) as exc:
                for message in messages_of(exc):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Draft saved. Upload the documents, then submit."))
                return redirect("permits:application_detail", pk=application.pk)
        status = 400
    return render(
        request,
        "permits/apply.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": PermitKind(kind).label,
            "agency": agency,
            "fees": [f for f in selectors.fees_in_force() if f.kind == kind],
        },
        status=status,
    )


@never_cache
@login_required
def application_detail(request, pk: int):
    """Status timeline, deadline, what is missing, documents, and the next action."""
    application = _visible_application(request, pk)
    moves = case_action_names(application, request.user, side=APPLICANT)
    editable = "submit" in moves or (
        application.status in services.EDITABLE_STATES and request.user.pk == application.worker_id
    )
    is_applicant = can(request.user, PermitPermission.APPLICATION_EDIT, application)
    document = getattr(application, "workpermit", None) or getattr(application, "patent", None)
    return render(
        request,
        "permits/application_detail.html",
        {
            "application": application,
            "timeline": selectors.application_timeline(application=application),
            "missing": services.permit_application_missing(application) if editable else [],
            "required": selectors.required_documents(application=application),
            "documents": application.documents.all(),
            "information_requests": application.information_requests.all(),
            "passport": passport_masked(application.passport_number_encrypted),
            "working_days_left": selectors.working_days_left(
                country_id=application.country_id, deadline=application.decision_deadline
            )
            if application.status in ("submitted", "under_review")
            else None,
            "editable": "submit" in moves,
            "is_applicant": is_applicant,
            "needs_consent": (
                application.agency_id
                and application.worker_consent_at is None
                and request.user.pk == application.worker_id
                and editable
            ),
            "can_withdraw": "withdraw" in moves,
            "document": document,
            "fee": selectors.fee_for(
                authority=application.authority,
                kind=application.kind,
                region_id=application.region_id,
                nationality=application.nationality_id,
            ),
            "document_form": forms.DocumentsForm(),
            "answer_form": forms.AnswerForm(),
            "withdraw_form": forms.WithdrawForm(),
        },
    )


@login_required
@require_POST
def document_upload(request, pk: int):
    application = _visible_application(request, pk)
    form = forms.DocumentsForm(request.POST, request.FILES)
    if form.is_valid():
        service_post(
            request,
            lambda: services.permit_document_add(
                application=application,
                by=request.user,
                kind=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
            ),
            done=_("Document added."),
        )
    else:
        messages.error(request, _("Choose a document type and a file."))
    return redirect("permits:application_detail", pk=pk)


@never_cache
@login_required
def document_download(request, pk: int, doc_pk: int):
    """The applicant's own documents, or those of the officer's jurisdiction; otherwise 404."""
    application = _visible_application(request, pk)
    document = get_object_or_404(application.documents, pk=doc_pk)
    return private_file_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@login_required
@require_POST
def consent(request, pk: int):
    application = _visible_application(request, pk)
    service_post(
        request,
        lambda: services.permit_application_consent_give(
            application=application, by=request.user, request=request
        ),
        done=_("Thank you: your consent is recorded."),
        refused=(InvalidTransition, PermissionDenied),
    )
    return redirect("permits:application_detail", pk=pk)


@login_required
@require_POST
def submit(request, pk: int):
    application = _visible_application(request, pk)
    answer = posted(request, forms.AnswerForm).get("response", "")
    service_post(
        request,
        lambda: services.permit_application_submit(
            application=application, by=request.user, response=answer, request=request
        ),
        done=_("Your application has been submitted."),
    )
    return redirect("permits:application_detail", pk=pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    reason = posted(request, forms.WithdrawForm).get("reason", "")
    service_post(
        request,
        lambda: services.permit_application_withdraw(
            application=_visible_application(request, pk), by=request.user, reason=reason
        ),
        done=_("The application was withdrawn."),
        refused=(InvalidTransition, PermissionDenied),
    )
    return redirect("permits:application_detail", pk=pk)


@never_cache
@login_required
def certificate(request, number: str):
    """The certificate PDF, for the holder, the agency that applied and the officers."""
    document = selectors.issued_document_by_number(number=number)
    if document is None or not can(request.user, PermitPermission.DOCUMENT_VIEW, document):
        raise Http404
    return pdf_download(
        permit_certificate_pdf(document=document), filename=f"{document.number}.pdf"
    )


@never_cache
@login_required
def patent_pay(request, number: str):
    """Order monthly patent fees: the amount comes from the fee schedule of the patent's region.

    Whoever may read the patent sees its orders; only its holder gets the form and may post it
    (anyone else's post is refused with 403, nothing created).
    """
    patent = selectors.patent_by_number(number=number)
    if patent is None or not can(request.user, PermitPermission.DOCUMENT_VIEW, patent):
        raise Http404
    may_order = can(request.user, PermitPermission.PAYMENT_ORDER, patent)
    form = forms.PaymentForm(request.POST if may_order and request.method == "POST" else None)
    status = 200
    if request.method == "POST" and not may_order:
        status = 403
    elif request.method == "POST" and form.is_valid():
        try:
            order = services.payment_order_create(
                patent=patent, by=request.user, months=form.cleaned_data["months"]
            )
        except (ValidationError, PermissionDenied) as exc:
            for message in messages_of(exc):
                form.add_error(None, message)
        else:
            return redirect("permits:payment_order", reference=order.reference)
    return render(
        request,
        "permits/patent_pay.html",
        {
            "patent": patent,
            "form": form,
            "may_order": may_order,
            "status": selectors.patent_effective_status(patent),
            "fee": selectors.fee_for(
                authority=patent.authority,
                kind=PermitKind.PATENT,
                region_id=patent.region_id,
                nationality=patent.application.nationality_id,
            ),
            "orders": patent.payment_orders.all(),
        },
        status=status,
    )


@never_cache
@login_required
def payment_order(request, reference: str):
    """What to pay, with which reference; the status changes when the gateway confirms."""
    order = get_object_or_404(PaymentOrder.objects.select_related("patent"), reference=reference)
    if not can(request.user, PermitPermission.DOCUMENT_VIEW, order.patent):
        raise Http404
    return render(request, "permits/payment_order.html", {"order": order})


@csrf_exempt
@require_POST
def payment_webhook(request):
    """Payment gateway → Karavan. Signed with X-Karavan-Signature (see docs/permits.md)."""
    outcome = services.payment_webhook_receive(
        body=request.body, signature=request.headers.get("X-Karavan-Signature", "")
    )
    logger.info("payment webhook: %s", outcome)
    if outcome == services.WEBHOOK_NOT_CONFIGURED:
        # No secret, no trust: the gateway retries later (docs/permits.md, README production).
        body = problem(
            status_code=503,
            code="webhook_not_configured",
            detail=_(
                "Payment confirmations are not accepted: this instance has no "
                "webhook secret configured."
            ),
            instance=request.path,
        )
        return JsonResponse(body, status=503, content_type=PROBLEM_MEDIA_TYPE)
    status = {
        services.WEBHOOK_BAD_SIGNATURE: 403,
        services.WEBHOOK_MALFORMED: 400,
        services.WEBHOOK_UNKNOWN_REFERENCE: 404,
    }.get(outcome, 200)
    return JsonResponse({"outcome": outcome}, status=status)
