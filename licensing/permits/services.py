"""Every state change for work permits, patents, quotas, fees and payments.

One function per transition: it runs in one transaction, locks the row, checks role and
jurisdiction through the policy, changes state and writes one audit event. Error messages are
module constants (tests import them). Passport numbers never enter an audit event or a log.
"""

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from licensing.permits.permissions import PermitPermission
from licensing.selectors import agency_has_active_licence
from licensing.uploads import upload_check, uploads_check
from portal.audit import audit_record, field_changes
from portal.lifecycle import (
    APPLICATION_TRANSITIONS,
    DOCUMENT_TRANSITIONS,
    ApplicationStatus,
    DocumentStatus,
    InvalidTransition,
    decision_record,
    four_eyes_check,
    reason_required,
    transition_check,
)
from portal.models import AGENCY_ROLES, Organisation, Role
from portal.numbering import number_allocate
from portal.policy import active_memberships, can, roles_in
from portal.submissions import create_once
from portal.tasks import notification_send
from portal.verification import verify_number

from . import selectors
from .models import (
    Category,
    DocumentKind,
    FeeSchedule,
    Patent,
    PaymentOrder,
    PaymentWebhookEvent,
    PermitApplication,
    PermitDocument,
    PermitInformationRequest,
    PermitKind,
    PermitSettings,
    Quota,
    WorkPermit,
)
from .personal_data import passport_encrypt, passport_hash, passport_normalise
from .policy import OFFICER_ROLES

ERROR_NOT_ALLOWED = _("You may not do this for this application or in this jurisdiction.")
ERROR_NO_AUTHORITY = _("No authority issues this kind of document in that country yet.")
ERROR_DUPLICATE_PASSPORT = _("An application of this kind is already open for this passport.")
ERROR_REGION_COUNTRY = _("The region of work must be in the destination country.")
ERROR_PASSPORT_EXPIRED = _("The passport must still be valid.")
ERROR_PASSPORT_FORMAT = _("Enter the passport number as printed: 5 to 20 letters and digits.")
ERROR_MONTHS = _("Ask for between 1 and %(max)s months.")
ERROR_JOB_ORDER_UNKNOWN = _("No published job order has this number.")
ERROR_AGENCY_NOT_LICENSED = _("Only an agency with an active licence may apply on a worker's behalf.")
ERROR_PATENT_LOW_SKILLED = _("Patents are for low-skilled occupations; apply for a work permit instead.")
ERROR_NOT_EDITABLE = _("The application can be changed only as a draft or when information was requested.")
ERROR_INCOMPLETE = _("The application is not complete: %(missing)s.")
ERROR_QUOTA_EXHAUSTED = _("The quota “%(quota)s” is exhausted (%(used)s of %(limit)s issued).")
ERROR_QUOTA_BELOW_USED = _("The limit cannot be lower than the %(used)s documents already issued.")
ERROR_NO_FEE = _("No fee is set for this region; the authority must publish one first.")
ERROR_PAYMENT_MONTHS = _("Pay for between 1 and %(max)s months.")
ERROR_BEYOND_TERM = _("This payment would go beyond the patent's maximum term (until %(until)s).")
ERROR_PATENT_NOT_PAYABLE = _("Fees can be paid only for an active or lapsed patent.")
ERROR_PAYMENT_NOT_PENDING = _("This payment order is not waiting for payment.")
ERROR_NOT_A_WORKER = _("No Karavan account has this e-mail or phone number.")

S = ApplicationStatus
D = DocumentStatus
EDITABLE_STATES = (S.DRAFT, S.INFO_REQUESTED)
#: Fields the applicant fills in (passport_number is handled apart: encrypted and hashed).
APPLICATION_FIELDS = [
    "given_names", "surname", "sex", "birth_date", "nationality", "passport_expiry",
    "occupation", "qualification", "qualification_evidence", "employer_name", "employer_tax_id",
    "employer_region", "job_order_number", "region", "requested_months",
]


class QuotaExhausted(InvalidTransition):
    """Raised after an approval found a quota full; the application has been refused."""


@dataclass
class _QuotaRefusal:
    message: str


# --- helpers ---------------------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(ERROR_NOT_ALLOWED)


def _officer_role(user, country_id: str) -> str:
    """The role under which an officer acts in `country_id` (recorded in the audit event)."""
    roles = {m.role for m in active_memberships(user)
             if m.organisation.country_id == country_id and m.role in OFFICER_ROLES | {Role.AUTHORITY_ADMIN}}
    for role in (Role.SENIOR_OFFICER, Role.AUTHORITY_ADMIN, Role.OFFICER):
        if role in roles:
            return role
    return "superuser" if getattr(user, "is_superuser", False) else ""


def _applicant_role(user, application) -> str:
    if application.agency_id:
        roles = roles_in(user, application.agency_id) & AGENCY_ROLES
        if roles:
            return Role.AGENCY_ADMIN if Role.AGENCY_ADMIN in roles else Role.AGENCY_STAFF
    return "worker"


def _locked(application) -> PermitApplication:
    return (PermitApplication.objects.select_for_update(of=("self",))
            .select_related("authority", "agency", "worker", "occupation", "region")
            .get(pk=application.pk))


def _snapshot(application: PermitApplication) -> dict:
    data = {}
    for name in APPLICATION_FIELDS:
        field = PermitApplication._meta.get_field(name)
        data[name] = getattr(application, field.attname)
    data["category"] = application.category
    return data


def _audit(application, *, by, action, from_state, reason="", changes=None, role="",
           request=None):
    return audit_record(
        actor=by, action=action, obj=application, role=role,
        organisation=application.agency or application.authority, from_state=from_state,
        to_state=application.status, reason=reason,
        changes=changes if changes is not None else {"status": [from_state, application.status]},
        country=application.authority.country_id, request=request,
    )


def _recipients(application) -> list[str]:
    emails = [application.worker.email]
    if application.agency_id:
        emails.append(application.agency.email)
        emails += [m.user.email for m in application.agency.memberships.filter(
            is_active=True, role__in=list(AGENCY_ROLES)).select_related("user")]
    return sorted({e for e in emails if e})


def _notify(application, subject: str, message: str) -> None:
    """E-mail the worker (and the agency) after the transaction commits."""
    recipients = _recipients(application)
    if not recipients:
        return
    path = reverse("permits:application_detail", kwargs={"pk": application.pk})
    body = "\n\n".join([message, _g("Follow your application: %(url)s")
                        % {"url": settings.SITE_URL.rstrip("/") + path}])
    transaction.on_commit(lambda: notification_send.enqueue(to=recipients, subject=subject,
                                                            body=body))


def _status_mail(application, message: str = "") -> None:
    status = str(S(application.status).label)
    _notify(application,
            _g("Karavan: your %(kind)s application is now “%(status)s”")
            % {"kind": application.get_kind_display().lower(), "status": status},
            message or _g("The status of your application changed to “%(status)s”.") % {"status": status})


def _derive(application: PermitApplication) -> None:
    """Category and track from the occupation and the evidence (authority's settings)."""
    has_diploma = bool(application.pk) and application.documents.filter(kind=DocumentKind.DIPLOMA).exists()
    application.category = selectors.category_derive(
        settings=selectors.permit_settings(authority=application.authority),
        occupation_code=application.occupation_id or "", qualification=application.qualification,
        has_diploma=has_diploma)
    application.fast_track = (application.kind == PermitKind.WORK_PERMIT
                              and application.category == Category.HIGHLY_SKILLED)


def _apply_data(application: PermitApplication, data: dict) -> None:
    """Copy the form's data onto the application and check what only services know."""
    for name in APPLICATION_FIELDS:
        if name in data:
            setattr(application, name, data[name] if data[name] is not None else
                    ("" if name in ("job_order_number", "employer_name", "employer_tax_id",
                                    "qualification_evidence") else None))
    if "passport_number" in data:
        number = passport_normalise(data["passport_number"])
        if not (5 <= len(number) <= 20 and number.isalnum()):
            raise ValidationError(ERROR_PASSPORT_FORMAT)
        application.passport_number_encrypted = passport_encrypt(number)
        application.passport_hash = passport_hash(nationality=application.nationality_id or "",
                                                  number=number)
    elif application.passport_number_encrypted:
        # The fingerprint covers the nationality too: recompute it if that changed.
        from .personal_data import passport_decrypt

        application.passport_hash = passport_hash(
            nationality=application.nationality_id or "",
            number=passport_decrypt(application.passport_number_encrypted))
    if application.region_id and application.region.country_id != application.authority.country_id:
        raise ValidationError(ERROR_REGION_COUNTRY)
    if application.passport_expiry and application.passport_expiry <= timezone.localdate():
        raise ValidationError(ERROR_PASSPORT_EXPIRED)
    limits = selectors.permit_settings(authority=application.authority)
    most = limits.patent_max_months if application.kind == PermitKind.PATENT else limits.permit_max_months
    if not 1 <= (application.requested_months or 0) <= most:
        raise ValidationError(ERROR_MONTHS, params={"max": most})
    application.job_order_number = (application.job_order_number or "").strip().upper()
    if application.job_order_number and verify_number(application.job_order_number) is None:
        raise ValidationError(ERROR_JOB_ORDER_UNKNOWN)
    _derive(application)
    if application.kind == PermitKind.PATENT and application.category != Category.LOW_SKILLED:
        raise ValidationError(ERROR_PATENT_LOW_SKILLED)


# --- applications ----------------------------------------------------------------------------


def worker_find(*, contact: str):
    """The worker account an agency names by e-mail or phone, or ValidationError."""
    from portal.models import User

    contact = (contact or "").strip()
    user = (User.objects.filter(email__iexact=contact).first()
            or User.objects.filter(phone=contact.replace(" ", "")).first()) if contact else None
    if user is None:
        raise ValidationError(ERROR_NOT_A_WORKER)
    return user


def permit_application_create(*, by, kind: str, country_id: str, data: dict, agency=None,
                              worker=None, submission_key: uuid.UUID | None = None) -> PermitApplication:
    """Start a draft for a work permit or a patent.

    A worker applies for themselves (`worker` omitted); a licensed agency passes `agency` and
    the `worker`, who must then consent before submission. The form's one-time key makes a
    double submit return the same draft. Vacancies may call this with
    `data["job_order_number"]` set when an offer is accepted.
    """
    return create_once(
        PermitApplication, submission_key,
        lambda: _permit_application_create(by=by, kind=kind, country_id=country_id, data=data,
                                           agency=agency, worker=worker,
                                           submission_key=submission_key),
        # the database refuses a second open application for the same passport
        on_conflict=ValidationError(ERROR_DUPLICATE_PASSPORT),
        check=lambda application: _require(application.created_by_id == by.pk))


def _permit_application_create(*, by, kind, country_id, data, agency, worker, submission_key):
    kind = PermitKind(kind)
    authority = selectors.permit_authority_for(country_id=country_id, kind=kind)
    if authority is None:
        raise ValidationError(ERROR_NO_AUTHORITY)
    if agency is not None:
        _require(agency.pk in {m.organisation_id for m in active_memberships(by)
                               if m.role in AGENCY_ROLES})
        if not agency_has_active_licence(agency=agency):
            raise ValidationError(ERROR_AGENCY_NOT_LICENSED)
        _require(worker is not None)
    else:
        worker = by
    application = PermitApplication(kind=kind, authority=authority, worker=worker, agency=agency,
                                    created_by=by, last_edited_by=by, submission_key=submission_key)
    _apply_data(application, data)
    if not application.passport_hash:
        raise ValidationError(ERROR_PASSPORT_FORMAT)
    if selectors.open_application_for_passport(passport_hash=application.passport_hash, kind=kind):
        raise ValidationError(ERROR_DUPLICATE_PASSPORT)
    application.full_clean(exclude=["submission_key"])
    application.save()
    audit_record(actor=by, action="permit_application.create", obj=application,
                 role=_applicant_role(by, application), organisation=agency or authority,
                 to_state=S.DRAFT,
                 changes={"status": [None, S.DRAFT], "passport_number": [None, "[encrypted]"],
                          **field_changes({}, _snapshot(application))},
                 country=authority.country_id)
    if agency is not None:
        _notify(application, _g("Karavan: an agency asks to apply for you"),
                _g("%(agency)s has started a %(kind)s application in your name. Sign in, check "
                   "the details and give your consent before it can be submitted.")
                % {"agency": agency.name, "kind": application.get_kind_display().lower()})
    return application


@transaction.atomic
def permit_application_update(*, application: PermitApplication, by, data: dict) -> PermitApplication:
    """Correct the application (draft, or when the officer asked for information)."""
    application = _locked(application)
    _require(can(by, PermitPermission.APPLICATION_EDIT, application))
    if application.status not in EDITABLE_STATES:
        raise InvalidTransition(ERROR_NOT_EDITABLE)
    before = _snapshot(application)
    old_hash = application.passport_hash
    _apply_data(application, data)
    if application.passport_hash != old_hash and selectors.open_application_for_passport(
            passport_hash=application.passport_hash, kind=application.kind):
        raise ValidationError(ERROR_DUPLICATE_PASSPORT)
    application.last_edited_by = by
    application.full_clean(exclude=["submission_key"])
    application.save()
    changes = field_changes(before, _snapshot(application))
    if application.passport_hash != old_hash:
        changes["passport_number"] = ["[encrypted]", "[changed]"]
    if changes:
        _audit(application, by=by, action="permit_application.update", from_state=application.status,
               changes=changes, role=_applicant_role(by, application))
    return application


@transaction.atomic
def permit_document_add(*, application: PermitApplication, by, kind: str, uploaded) -> PermitDocument:
    """Attach one checked file (PDF, JPEG, PNG ≤ 10 MB) to an editable application."""
    application = _locked(application)
    _require(can(by, PermitPermission.APPLICATION_EDIT, application))
    if application.status not in EDITABLE_STATES:
        raise InvalidTransition(ERROR_NOT_EDITABLE)
    content_type = upload_check(uploaded)
    document = PermitDocument(application=application, kind=kind, uploaded_by=by,
                              original_name=(uploaded.name or "document")[-255:],
                              content_type=content_type, size=uploaded.size)
    document.file.save(uploaded.name or "document", uploaded, save=False)
    document.full_clean()
    document.save()
    application.last_edited_by = by
    _derive(application)
    application.save(update_fields=["last_edited_by", "category", "fast_track", "updated_at"])
    audit_record(actor=by, action="permit_document.add", obj=document,
                 role=_applicant_role(by, application),
                 organisation=application.agency or application.authority,
                 changes={"kind": [None, kind], "original_name": [None, document.original_name]},
                 country=application.authority.country_id)
    return document


@transaction.atomic
def permit_documents_add(*, application: PermitApplication, by,
                         files: list[tuple[str, object]]) -> list[PermitDocument]:
    """Attach several (kind, file) pairs: all are checked first, then all are stored."""
    uploads_check([f for _kind, f in files])
    return [permit_document_add(application=application, by=by, kind=kind, uploaded=f)
            for kind, f in files]


@transaction.atomic
def permit_application_consent_give(*, application: PermitApplication, by,
                                    request=None) -> PermitApplication:
    """The worker, signed in, agrees that the agency applies on their behalf."""
    application = _locked(application)
    _require(can(by, PermitPermission.APPLICATION_CONSENT, application) and application.agency_id)
    if application.status not in EDITABLE_STATES:
        raise InvalidTransition(ERROR_NOT_EDITABLE)
    if application.worker_consent_at is None:
        application.worker_consent_at = timezone.now()
        application.save(update_fields=["worker_consent_at", "updated_at"])
        _audit(application, by=by, action="permit_application.consent", from_state=application.status,
               changes={"worker_consent_at": [None, application.worker_consent_at.isoformat()]},
               role="worker", request=request)
    return application


def permit_application_missing(application: PermitApplication) -> list[str]:
    """What still prevents submission, as labels the applicant understands."""
    missing = []
    if application.kind == PermitKind.WORK_PERMIT and not (
            application.employer_name.strip() and application.employer_tax_id.strip()):
        missing.append(_g("employer and tax id"))
    if application.agency_id and application.worker_consent_at is None:
        missing.append(_g("the worker's consent"))
    present = set(application.documents.values_list("kind", flat=True))
    missing += [str(DocumentKind(k).label) for k in selectors.required_documents(application=application)
                if k not in present]
    return missing


@transaction.atomic
def permit_application_submit(*, application: PermitApplication, by, response: str = "",
                              request=None) -> PermitApplication:
    """draft → submitted, or info_requested → submitted with the answer. Fixes the category
    and sets the decision deadline in working days (fast track 5, standard 15 by default)."""
    application = _locked(application)
    _require(can(by, PermitPermission.APPLICATION_EDIT, application))
    from_state = application.status
    transition_check(APPLICATION_TRANSITIONS, from_state, S.SUBMITTED)
    if application.agency_id and not agency_has_active_licence(agency=application.agency):
        raise ValidationError(ERROR_AGENCY_NOT_LICENSED)
    _derive(application)
    missing = permit_application_missing(application)
    if missing:
        raise ValidationError(ERROR_INCOMPLETE, params={"missing": ", ".join(missing)})
    if from_state == S.INFO_REQUESTED:
        response = reason_required(response)
        open_request = application.information_requests.filter(responded_at__isnull=True).last()
        if open_request:
            open_request.response = response
            open_request.responded_at = timezone.now()
            open_request.save()
    old_deadline = application.decision_deadline
    today = timezone.localdate()
    application.status = S.SUBMITTED
    application.submitted_by = by
    application.submitted_at = timezone.now()
    application.decision_deadline = selectors.working_days_add(
        country_id=application.authority.country_id, start=today,
        days=selectors.decision_period_days(application=application))
    application.save()
    _audit(application, by=by, action="permit_application.submit", from_state=from_state,
           reason=response, role=_applicant_role(by, application), request=request,
           changes={"status": [from_state, S.SUBMITTED], "category": [None, application.category],
                    "fast_track": [None, application.fast_track],
                    "decision_deadline": [str(old_deadline) if old_deadline else None,
                                          str(application.decision_deadline)]})
    _status_mail(application, _g("Your application was received. The authority decides by %(date)s.")
                 % {"date": application.decision_deadline.strftime("%d.%m.%Y")})
    return application


@transaction.atomic
def permit_application_withdraw(*, application: PermitApplication, by, reason: str = "") -> PermitApplication:
    """The applicant (or the worker, always) withdraws an open application."""
    application = _locked(application)
    _require(can(by, PermitPermission.APPLICATION_EDIT, application) or by.pk == application.worker_id)
    from_state = application.status
    transition_check(APPLICATION_TRANSITIONS, from_state, S.WITHDRAWN)
    application.status = S.WITHDRAWN
    application.decision_reason = reason.strip()
    application.save()
    _audit(application, by=by, action="permit_application.withdraw", from_state=from_state,
           reason=reason.strip(), role=_applicant_role(by, application))
    _status_mail(application)
    return application


@transaction.atomic
def permit_application_review_start(*, application: PermitApplication, by) -> PermitApplication:
    """An officer takes a submitted application: submitted → under_review."""
    application = _locked(application)
    _require(can(by, PermitPermission.APPLICATION_DECIDE, application))
    from_state = application.status
    transition_check(APPLICATION_TRANSITIONS, from_state, S.UNDER_REVIEW)
    application.status = S.UNDER_REVIEW
    application.save()
    _audit(application, by=by, action="permit_application.review_start", from_state=from_state,
           role=_officer_role(by, application.country_id))
    _status_mail(application)
    return application


@transaction.atomic
def permit_application_request_info(*, application: PermitApplication, by, message: str) -> PermitApplication:
    """under_review → info_requested; the applicant answers and resubmits (new deadline)."""
    application = _locked(application)
    _require(can(by, PermitPermission.APPLICATION_DECIDE, application))
    from_state = application.status
    transition_check(APPLICATION_TRANSITIONS, from_state, S.INFO_REQUESTED)
    message = reason_required(message)
    PermitInformationRequest.objects.create(application=application, message=message,
                                            requested_by=by)
    application.status = S.INFO_REQUESTED
    application.save()
    _audit(application, by=by, action="permit_application.request_info", from_state=from_state,
           reason=message, role=_officer_role(by, application.country_id))
    _status_mail(application, _g("The authority asks for more information:") + "\n\n" + message)
    return application


def permit_application_approve(*, application: PermitApplication, by,
                               request=None) -> WorkPermit | Patent:
    """under_review → approved: reserve every matching quota, then allocate the number and
    issue the work permit or patent, all in one transaction.

    When a quota is exhausted the application is refused instead (reason names the quota),
    that refusal is committed, and `QuotaExhausted` is raised with the same message.
    """
    outcome = _permit_application_approve(application=application, by=by, request=request)
    if isinstance(outcome, _QuotaRefusal):
        raise QuotaExhausted(outcome.message)
    return outcome


@transaction.atomic
def _permit_application_approve(*, application, by, request):
    application = _locked(application)
    _require(can(by, PermitPermission.APPLICATION_DECIDE, application))
    from_state = application.status
    transition_check(APPLICATION_TRANSITIONS, from_state, S.APPROVED)
    four_eyes_check(application, by)
    today = timezone.localdate()
    country_id = application.authority.country_id
    role = _officer_role(by, country_id)
    # Lock every matching quota (in pk order, so concurrent approvals never deadlock) and re-read
    # its `used` under the lock: the check and the increment cannot interleave.
    quotas = list(selectors.quotas_applicable(
        country_id=country_id, year=today.year, kind=application.kind,
        region_id=application.region_id, occupation_code=application.occupation_id,
    ).select_for_update(of=("self",)))
    full = next((q for q in quotas if q.used >= q.limit), None)
    if full is not None:
        message = str(ERROR_QUOTA_EXHAUSTED % {"quota": str(full), "used": full.used,
                                               "limit": full.limit})
        application.status = S.REFUSED
        application.decided_by = by
        application.decided_at = timezone.now()
        application.decision_reason = message
        application.save()
        _audit(application, by=by, action="permit_application.refuse", from_state=from_state,
               reason=message, role=role, request=request,
               changes={"status": [from_state, S.REFUSED], "quota": [None, full.pk]})
        _status_mail(application, message)
        return _QuotaRefusal(message)
    for quota in quotas:
        quota.used += 1
        quota.save(update_fields=["used"])
    # Only now, after the reservation succeeded, so refusals never consume a number.
    number = number_allocate(country=country_id, kind=application.kind, year=today.year)
    limits = selectors.permit_settings(authority=application.authority)
    common = {"number": number, "application": application, "holder": application.worker,
              "authority": application.authority, "region": application.region,
              "occupation": application.occupation, "category": application.category,
              "valid_from": today}
    if application.kind == PermitKind.WORK_PERMIT:
        document = WorkPermit.objects.create(
            **common, employer_name=application.employer_name,
            job_order_number=application.job_order_number,
            valid_until=selectors.months_end(today, min(application.requested_months,
                                                        limits.permit_max_months)))
    else:
        # Issued unpaid, hence lapsed until the first monthly fee is confirmed.
        document = Patent.objects.create(
            **common, valid_until=selectors.months_end(today, limits.patent_max_months))
    document.quotas.set(quotas)
    application.status = S.APPROVED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decision_reason = ""
    application.save()
    _audit(application, by=by, action="permit_application.approve", from_state=from_state,
           role=role, request=request,
           changes={"status": [from_state, S.APPROVED], "number": [None, number],
                    "quotas": [None, [q.pk for q in quotas]]})
    _status_mail(application, _g("Your %(kind)s %(number)s has been issued.")
                 % {"kind": application.get_kind_display().lower(), "number": number})
    return document


@transaction.atomic
def permit_application_refuse(*, application: PermitApplication, by, reason: str,
                              request=None) -> PermitApplication:
    """under_review → refused, with a reason the applicant sees."""
    application = _locked(application)
    _require(can(by, PermitPermission.APPLICATION_DECIDE, application))
    from_state = decision_record(application, by=by, to=S.REFUSED, reason=reason_required(reason))
    reason = application.decision_reason
    _audit(application, by=by, action="permit_application.refuse", from_state=from_state,
           reason=reason, role=_officer_role(by, application.country_id), request=request)
    _status_mail(application, reason)
    return application


@transaction.atomic
def permit_application_passport_reveal(*, application: PermitApplication, by, request=None) -> str:
    """An officer reads the passport number in clear; every such read is audited."""
    from .personal_data import passport_decrypt

    application = PermitApplication.objects.select_related("authority", "agency").get(pk=application.pk)
    _require(can(by, PermitPermission.APPLICATION_DECIDE, application))
    audit_record(actor=by, action="permit_application.passport_view", obj=application,
                 role=_officer_role(by, application.country_id),
                 organisation=application.authority, reason="",
                 changes={"field": "passport_number"}, country=application.country_id,
                 request=request)
    return passport_decrypt(application.passport_number_encrypted)


# --- issued documents ------------------------------------------------------------------------


def _document_move(model, document, *, by, target: str, action: str, reason: str = ""):
    document = (model.objects.select_for_update(of=("self",))
                .select_related("application", "authority").get(pk=document.pk))
    _require(can(by, PermitPermission.DOCUMENT_MANAGE, document))
    from_state = document.status
    transition_check(DOCUMENT_TRANSITIONS, from_state, target)
    document.status = target
    document.status_reason = reason
    document.save(update_fields=["status", "status_reason"])
    audit_record(actor=by, action=action, obj=document,
                 role=_officer_role(by, document.country_id), organisation=document.authority,
                 from_state=from_state, to_state=target, reason=reason,
                 changes={"status": [from_state, target]}, country=document.country_id)
    application = document.application
    _notify(application, _g("Karavan: %(number)s is now “%(status)s”")
            % {"number": document.number, "status": str(D(target).label)},
            reason or _g("The status of %(number)s changed.") % {"number": document.number})
    return document


@transaction.atomic
def work_permit_suspend(*, permit: WorkPermit, by, reason: str) -> WorkPermit:
    """active → suspended, with a reason shown on the verification page."""
    return _document_move(WorkPermit, permit, by=by, target=D.SUSPENDED,
                          action="work_permit.suspend", reason=reason_required(reason))


@transaction.atomic
def work_permit_reinstate(*, permit: WorkPermit, by, reason: str = "") -> WorkPermit:
    return _document_move(WorkPermit, permit, by=by, target=D.ACTIVE,
                          action="work_permit.reinstate", reason=reason.strip())


@transaction.atomic
def work_permit_revoke(*, permit: WorkPermit, by, reason: str) -> WorkPermit:
    """active or suspended → revoked; the reason is required and public."""
    return _document_move(WorkPermit, permit, by=by, target=D.REVOKED,
                          action="work_permit.revoke", reason=reason_required(reason))


@transaction.atomic
def patent_suspend(*, patent: Patent, by, reason: str) -> Patent:
    return _document_move(Patent, patent, by=by, target=D.SUSPENDED, action="patent.suspend",
                          reason=reason_required(reason))


@transaction.atomic
def patent_reinstate(*, patent: Patent, by, reason: str = "") -> Patent:
    return _document_move(Patent, patent, by=by, target=D.ACTIVE, action="patent.reinstate",
                          reason=reason.strip())


@transaction.atomic
def patent_revoke(*, patent: Patent, by, reason: str) -> Patent:
    return _document_move(Patent, patent, by=by, target=D.REVOKED, action="patent.revoke",
                          reason=reason_required(reason))


# --- quotas and fees -------------------------------------------------------------------------


@transaction.atomic
def quota_create(*, by, country_id: str, year: int, kind: str, limit: int, reason: str,
                 region=None, occupation_group=None) -> Quota:
    """Open a quota (reason required, audited)."""
    reason = reason_required(reason)
    quota = Quota(country_id=country_id, year=year, kind=kind, limit=limit, region=region,
                  occupation_group=occupation_group)
    _require(can(by, PermitPermission.QUOTA_MANAGE, quota))
    if region is not None and region.country_id != country_id:
        raise ValidationError(ERROR_REGION_COUNTRY)
    quota.full_clean()
    quota.save()
    audit_record(actor=by, action="quota.create", obj=quota, role=_officer_role(by, country_id),
                 reason=reason, changes={"limit": [None, limit]}, country=country_id)
    return quota


@transaction.atomic
def quota_change(*, quota: Quota, by, limit: int, reason: str) -> Quota:
    """Raise or lower a quota's limit (never below what is already issued); reason required."""
    quota = Quota.objects.select_for_update(of=("self",)).get(pk=quota.pk)
    _require(can(by, PermitPermission.QUOTA_MANAGE, quota))
    reason = reason_required(reason)
    if limit < quota.used:
        raise ValidationError(ERROR_QUOTA_BELOW_USED, params={"used": quota.used})
    old = quota.limit
    quota.limit = limit
    quota.save(update_fields=["limit"])
    audit_record(actor=by, action="quota.change", obj=quota,
                 role=_officer_role(by, quota.country_id), reason=reason,
                 changes={"limit": [old, limit]}, country=quota.country_id)
    return quota


@transaction.atomic
def fee_schedule_set(*, by, authority: Organisation, kind: str, amount: Decimal, currency: str,
                     effective_from: date, region=None, reason: str = "") -> FeeSchedule:
    """Publish a fee from `effective_from`; the previous open-ended row of the same authority,
    kind and region ends the day before. Audited."""
    fee = FeeSchedule(authority=authority, kind=kind, region=region, amount=amount,
                      currency=currency.upper(), effective_from=effective_from)
    _require(can(by, PermitPermission.FEE_MANAGE, fee))
    if region is not None and region.country_id != authority.country_id:
        raise ValidationError(ERROR_REGION_COUNTRY)
    previous = list(FeeSchedule.objects.select_for_update(of=("self",)).filter(
        authority=authority, kind=kind, region=region, effective_until__isnull=True,
        effective_from__lt=effective_from).order_by("pk"))
    for row in previous:
        row.effective_until = effective_from - timedelta(days=1)
        row.save(update_fields=["effective_until"])
    fee.full_clean()
    fee.save()
    audit_record(actor=by, action="fee_schedule.set", obj=fee,
                 role=_officer_role(by, authority.country_id), organisation=authority,
                 reason=reason.strip(),
                 changes={"amount": [str(previous[0].amount) if previous else None, str(amount)],
                          "currency": [None, fee.currency],
                          "effective_from": [None, str(effective_from)]},
                 country=authority.country_id)
    return fee


SETTINGS_FIELDS = ["fast_track_working_days", "standard_working_days", "patent_max_months",
                   "permit_max_months", "fast_track_documents", "standard_documents",
                   "patent_documents", "highly_skilled_groups", "low_skilled_groups"]


@transaction.atomic
def permit_settings_update(*, authority: Organisation, by, data: dict) -> PermitSettings:
    """An authority sets its deadlines, document lists and category rule; audited field by field."""
    _require(can(by, PermitPermission.SETTINGS_MANAGE, authority))
    current, _created = PermitSettings.objects.select_for_update().get_or_create(authority=authority)
    before = {name: getattr(current, name) for name in SETTINGS_FIELDS}
    for name in SETTINGS_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    current.full_clean()
    current.save()
    changes = field_changes(before, {name: getattr(current, name) for name in SETTINGS_FIELDS})
    if changes:
        audit_record(actor=by, action="permit_settings.update", obj=current,
                     role=_officer_role(by, authority.country_id), organisation=authority,
                     changes=changes, country=authority.country_id)
    return current


# --- patent payments -------------------------------------------------------------------------


def _payment_extension(patent: Patent, months: int, today: date) -> tuple[date, date, date, int]:
    """(covered_from, paid_until, period_start, paid_months) after paying `months` today.

    An unbroken run counts whole months from its first day, so 31 January + 1 month covers to
    27/28 February and + 2 months to 30 March (no drift across short months). A payment after a
    lapse starts a new run on the day of payment (or the patent's first day, if later).
    """
    if patent.paid_until is not None and patent.paid_until + timedelta(days=1) >= today:
        start, total = patent.paid_period_start, patent.paid_months + months
        covered_from = patent.paid_until + timedelta(days=1)
    else:
        start, total = max(today, patent.valid_from), months
        covered_from = start
    paid_until = min(selectors.months_end(start, total), patent.valid_until)
    return covered_from, paid_until, start, total


@transaction.atomic
def payment_order_create(*, patent: Patent, by, months: int) -> PaymentOrder:
    """The holder (or the agency) orders `months` of patent fees at the schedule's monthly rate."""
    patent = Patent.objects.select_for_update(of=("self",)).select_related(
        "application", "authority").get(pk=patent.pk)
    _require(can(by, PermitPermission.DOCUMENT_VIEW, patent))
    today = timezone.localdate()
    if selectors.patent_effective_status(patent, today) not in (D.ACTIVE, selectors.LAPSED):
        raise ValidationError(ERROR_PATENT_NOT_PAYABLE)
    limit = selectors.permit_settings(authority=patent.authority).patent_max_months
    if not 1 <= months <= limit:
        raise ValidationError(ERROR_PAYMENT_MONTHS, params={"max": limit})
    covered_from, _until, start, total = _payment_extension(patent, months, today)
    if covered_from > patent.valid_until or selectors.months_end(start, total - 1) >= patent.valid_until:
        raise ValidationError(ERROR_BEYOND_TERM, params={"until": patent.valid_until.strftime("%d.%m.%Y")})
    fee = selectors.fee_for(authority=patent.authority, kind=PermitKind.PATENT,
                            region_id=patent.region_id, on=today)
    if fee is None:
        raise ValidationError(ERROR_NO_FEE)
    order = PaymentOrder.objects.create(
        reference="PAY-" + secrets.token_hex(6).upper(), patent=patent, months=months,
        amount=fee.amount * months, currency=fee.currency, created_by=by)
    audit_record(actor=by, action="payment_order.create", obj=order, role="holder",
                 organisation=patent.authority, to_state=PaymentOrder.Status.PENDING,
                 changes={"patent": [None, patent.number], "months": [None, months],
                          "amount": [None, str(order.amount)], "currency": [None, order.currency]},
                 country=patent.country_id)
    return order


def _payment_order_confirm(order: PaymentOrder, *, by, source: str, event_id: str | None = None,
                           reason: str = "", request=None) -> PaymentOrder:
    """Mark a locked, pending order paid and extend its patent; one audit event."""
    patent = Patent.objects.select_for_update(of=("self",)).select_related("authority").get(
        pk=order.patent_id)
    today = timezone.localdate()
    old_until = patent.paid_until
    covered_from, paid_until, start, total = _payment_extension(patent, order.months, today)
    patent.paid_period_start, patent.paid_months, patent.paid_until = start, total, paid_until
    patent.save(update_fields=["paid_period_start", "paid_months", "paid_until"])
    order.status = PaymentOrder.Status.CONFIRMED
    order.confirmed_at = timezone.now()
    order.confirmed_by = by if getattr(by, "is_authenticated", False) else None
    order.confirmation_source = source
    order.gateway_event_id = event_id
    order.covered_from, order.covered_until = covered_from, paid_until
    order.save()
    audit_record(actor=by or "payment gateway", action="payment_order.confirm", obj=order,
                 role=_officer_role(by, patent.country_id) if by else "gateway",
                 organisation=patent.authority, from_state=PaymentOrder.Status.PENDING,
                 to_state=PaymentOrder.Status.CONFIRMED, reason=reason,
                 changes={"status": [PaymentOrder.Status.PENDING, PaymentOrder.Status.CONFIRMED],
                          "source": [None, source], "gateway_event_id": [None, event_id],
                          "patent_paid_until": [str(old_until) if old_until else None, str(paid_until)]},
                 country=patent.country_id, request=request)
    _notify(patent.application, _g("Karavan: payment received for %(number)s") % {"number": patent.number},
            _g("Your patent is paid until %(date)s.") % {"date": paid_until.strftime("%d.%m.%Y")})
    return order


@transaction.atomic
def payment_order_confirm_manually(*, order: PaymentOrder, by, reason: str, request=None) -> PaymentOrder:
    """An officer confirms a payment seen on the bank statement (reason required, audited)."""
    order = PaymentOrder.objects.select_for_update(of=("self",)).get(pk=order.pk)
    _require(can(by, PermitPermission.PAYMENT_CONFIRM, order))
    reason = reason_required(reason)
    if order.status != PaymentOrder.Status.PENDING:
        raise InvalidTransition(ERROR_PAYMENT_NOT_PENDING)
    return _payment_order_confirm(order, by=by, source=PaymentOrder.Source.OFFICER,
                                  reason=reason, request=request)


# --- payment gateway webhook -----------------------------------------------------------------

WEBHOOK_OK = "confirmed"
WEBHOOK_DUPLICATE = "duplicate"
WEBHOOK_BAD_SIGNATURE = "bad_signature"
WEBHOOK_MALFORMED = "malformed"
WEBHOOK_UNKNOWN_REFERENCE = "unknown_reference"
WEBHOOK_AMOUNT_MISMATCH = "amount_mismatch"
WEBHOOK_NOT_PENDING = "not_pending"
WEBHOOK_IGNORED = "ignored"


def webhook_secret() -> bytes:
    """KARAVAN_PAYMENT_WEBHOOK_SECRET from settings; derived from SECRET_KEY in development."""
    import hashlib

    secret = getattr(settings, "KARAVAN_PAYMENT_WEBHOOK_SECRET", "") or hashlib.sha256(
        ("karavan-payment-webhook:" + settings.SECRET_KEY).encode()).hexdigest()
    return secret.encode()


def webhook_signature(body: bytes) -> str:
    """The header value a gateway sends: "sha256=" + hex HMAC-SHA256 of the raw body."""
    import hashlib
    import hmac

    return "sha256=" + hmac.new(webhook_secret(), body, hashlib.sha256).hexdigest()


def payment_webhook_receive(*, body: bytes, signature: str) -> str:
    """Check the signature, then confirm the order the event names, once.

    Returns one of the WEBHOOK_* outcomes. A bad signature or a replayed event id changes
    nothing; every correctly signed event is recorded by its id.
    """
    import hmac

    if not hmac.compare_digest(webhook_signature(body), (signature or "").strip()):
        return WEBHOOK_BAD_SIGNATURE
    try:
        event = json.loads(body.decode("utf-8"))
        event_id = str(event["event_id"])[:100]
        reference = str(event["reference"])[:24]
        status = str(event.get("status", ""))
        amount = Decimal(str(event["amount"]))
        currency = str(event.get("currency", "")).upper()
    except (ValueError, KeyError, TypeError, ArithmeticError):
        return WEBHOOK_MALFORMED
    try:
        with transaction.atomic():
            return _payment_webhook_apply(event_id=event_id, reference=reference, status=status,
                                          amount=amount, currency=currency)
    except IntegrityError:
        return WEBHOOK_DUPLICATE  # the same event arrived twice at the same moment


def _payment_webhook_apply(*, event_id, reference, status, amount, currency) -> str:
    if PaymentWebhookEvent.objects.filter(event_id=event_id).exists():
        return WEBHOOK_DUPLICATE
    order = (PaymentOrder.objects.select_for_update(of=("self",)).filter(reference=reference)
             .order_by("pk").first())
    if order is None:
        outcome = WEBHOOK_UNKNOWN_REFERENCE
    elif status != "paid":
        outcome = WEBHOOK_IGNORED
    elif order.status != PaymentOrder.Status.PENDING:
        outcome = WEBHOOK_NOT_PENDING
    elif amount != order.amount or currency != order.currency:
        outcome = WEBHOOK_AMOUNT_MISMATCH
    else:
        outcome = WEBHOOK_OK
    PaymentWebhookEvent.objects.create(event_id=event_id, reference=reference, outcome=outcome)
    if outcome == WEBHOOK_OK:
        _payment_order_confirm(order, by=None, source=PaymentOrder.Source.GATEWAY,
                               event_id=event_id)
    return outcome
