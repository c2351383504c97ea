"""Every state change in agency licensing. One function per transition: it runs in one
transaction, locks the row, checks role and jurisdiction through the policy, changes state
and writes one audit event. Error messages are module constants (tests import them)."""

import logging
import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from licensing.permissions import LicensingPermission
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
from portal.permissions import CorePermission
from portal.policy import active_memberships, agency_ids, can, roles_in
from portal.services import membership_grant
from portal.submissions import create_once
from portal.tasks import notification_send

from . import selectors
from .models import (
    Complaint,
    ComplaintEvidence,
    ComplaintStatus,
    InformationRequest,
    Inspection,
    Licence,
    LicenceApplication,
    LicenceDocument,
    Sanction,
)
from .policy import LICENSING_OFFICER_ROLES
from .uploads import upload_check, uploads_check

ERROR_NOT_ALLOWED = _("You may not do this for this agency or in this jurisdiction.")
ERROR_NO_AUTHORITY = _("No authority licenses recruitment agencies in this country yet.")
ERROR_OPEN_APPLICATION = _("This agency already has an open licence application.")
ERROR_ALREADY_LICENSED = _("This agency already holds a licence; apply to renew it instead.")
ERROR_NOT_RENEWABLE = _("Only an active or expired licence can be renewed.")
ERROR_NOT_EDITABLE = _("The application can be changed only as a draft or when information was requested.")
ERROR_INCOMPLETE = _("The application is not complete: %(missing)s.")
ERROR_SECOND_OFFICER = _("A second officer must confirm the revocation; you proposed it.")
ERROR_NO_REVOCATION_PROPOSED = _("No revocation has been proposed for this licence.")
ERROR_REVOCATION_PENDING = _("A revocation is already waiting for a second officer.")
ERROR_ALREADY_IN_AGENCY = _("You already belong to an agency.")
ERROR_NEEDS_DESCRIPTION = _("Describe what happened.")
ERROR_NEEDS_SUBJECT = _("Name the agency or the recruiter.")
ERROR_FINE_AMOUNT = _("A fine needs an amount.")
ERROR_NO_LICENCE = _("The agency has no licence that this sanction could act on.")
ERROR_INSPECTION_STATE = _("Only a planned inspection can be completed or cancelled.")
ERROR_COMPLAINT_CLOSED = _("A decided complaint can no longer be reassigned.")
ERROR_NOT_AUTHORITY_OFFICER = _(
    "The complaint can be assigned only to an officer of the authority handling it.")
ERROR_ALREADY_ASSIGNED = _("This officer already handles the complaint.")

logger = logging.getLogger(__name__)

REQUIRED_DOCUMENTS = [
    LicenceDocument.Kind.REGISTRATION_CERTIFICATE,
    LicenceDocument.Kind.TAX_CLEARANCE,
    LicenceDocument.Kind.OFFICE_PROOF,
    LicenceDocument.Kind.DIRECTOR_ID,
    LicenceDocument.Kind.FINANCIAL_GUARANTEE,
    LicenceDocument.Kind.SAMPLE_CONTRACT,
]
#: Fields an agency edits in the application form.
EDITABLE_FIELDS = ["planned_yearly_placements", "office_address", "declares_no_worker_fees",
                   "declares_no_document_retention"]
EDITABLE_M2M = ["destination_countries", "sectors"]

COMPLAINT_TRANSITIONS = {
    (ComplaintStatus.RECEIVED, ComplaintStatus.INVESTIGATING): "officer",
    (ComplaintStatus.INVESTIGATING, ComplaintStatus.UPHELD): "officer",
    (ComplaintStatus.INVESTIGATING, ComplaintStatus.DISMISSED): "officer",
}
#: Unambiguous characters for tracking codes (no 0/O, 1/I/L).
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
S = ApplicationStatus
D = DocumentStatus


# --- helpers ---------------------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(ERROR_NOT_ALLOWED)


def _officer_role(user, country_id: str) -> str:
    """The role under which an officer acts in `country_id` (recorded in the audit event)."""
    roles = {m.role for m in active_memberships(user)
             if m.organisation.country_id == country_id and m.role in LICENSING_OFFICER_ROLES}
    if Role.SENIOR_OFFICER in roles:
        return Role.SENIOR_OFFICER
    return Role.OFFICER if roles else ("superuser" if getattr(user, "is_superuser", False) else "")


def _agency_role(user, agency) -> str:
    roles = roles_in(user, agency) & AGENCY_ROLES
    return Role.AGENCY_ADMIN if Role.AGENCY_ADMIN in roles else (Role.AGENCY_STAFF if roles else "")


def _add_years(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def _snapshot(application: LicenceApplication) -> dict:
    data = {name: getattr(application, name) for name in EDITABLE_FIELDS}
    if application.pk:
        data["destination_countries"] = sorted(
            application.destination_countries.values_list("pk", flat=True))
        data["sectors"] = sorted(application.sectors.values_list("pk", flat=True))
    return data


def _notify(recipients: list[str], subject: str, body: str) -> None:
    """Send an e-mail after the transaction commits (nothing is sent for a rolled-back change).
    A mail failure is logged and never undoes the decision already committed."""
    recipients = [r for r in recipients if r]

    def send():
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # noqa: BLE001 — mail is best effort; the audit log is the record
            logger.exception("licensing e-mail could not be sent")

    if recipients:
        transaction.on_commit(send)


def _agency_contacts(agency: Organisation) -> list[str]:
    emails = [agency.email] + [m.user.email for m in agency.memberships.filter(
        is_active=True, role=Role.AGENCY_ADMIN).select_related("user")]
    return sorted({e for e in emails if e})


def _locked_application(application) -> LicenceApplication:
    return LicenceApplication.objects.select_for_update().select_related("agency").get(
        pk=application.pk)


def _locked_licence(licence) -> Licence:
    return Licence.objects.select_for_update().select_related("agency").get(pk=licence.pk)


def _application_audit(application, *, by, action, from_state, reason="", changes=None,
                       role="", request=None):
    return audit_record(
        actor=by, action=action, obj=application, role=role,
        organisation=application.agency, from_state=from_state, to_state=application.status,
        reason=reason, changes=changes or {"status": [from_state, application.status]},
        country=application.agency.country_id, request=request,
    )


# --- agencies --------------------------------------------------------------------------------


@transaction.atomic
def agency_register(*, user, name: str, country_id: str, registration_number: str,
                    address: str = "", email: str = "", phone: str = "") -> Organisation:
    """A signed-in user registers their recruitment agency and becomes its administrator."""
    if agency_ids(user, AGENCY_ROLES):
        raise ValidationError(ERROR_ALREADY_IN_AGENCY)
    agency = Organisation(name=name.strip(), kind=Organisation.Kind.AGENCY, country_id=country_id,
                          registration_number=registration_number.strip(), address=address,
                          email=email or (user.email or ""), phone=phone)
    agency.full_clean()
    agency.save()
    membership_grant(user=user, organisation=agency, role=Role.AGENCY_ADMIN, by=None)
    audit_record(actor=user, action="organisation.register", obj=agency, role=Role.AGENCY_ADMIN,
                 organisation=agency, to_state="registered",
                 changes={"name": [None, agency.name],
                          "registration_number": [None, agency.registration_number]},
                 country=country_id)
    return agency


# --- applications ----------------------------------------------------------------------------


def licence_application_create(*, agency: Organisation, by, submission_key: uuid.UUID | None = None,
                               renewal_of: Licence | None = None) -> LicenceApplication:
    """Start a draft (new licence or renewal). The form's one-time key makes a double submit
    return the same draft instead of creating a second one."""
    return create_once(
        LicenceApplication, submission_key,
        lambda: _licence_application_create(agency=agency, by=by, submission_key=submission_key,
                                            renewal_of=renewal_of),
        check=lambda application: _require(application.agency_id == agency.pk))


def _licence_application_create(*, agency, by, submission_key, renewal_of):
    _require(can(by, LicensingPermission.APPLICATION_CREATE, agency))
    Organisation.objects.select_for_update().get(pk=agency.pk)  # one open application at a time
    if selectors.agency_open_application(agency=agency):
        raise ValidationError(ERROR_OPEN_APPLICATION)
    authority = selectors.licensing_authority_for(country_id=agency.country_id)
    if authority is None:
        raise ValidationError(ERROR_NO_AUTHORITY)
    if renewal_of is None and Licence.objects.filter(
            agency=agency, status__in=[D.ACTIVE, D.SUSPENDED]).exists():
        raise ValidationError(ERROR_ALREADY_LICENSED)
    if renewal_of is not None and (renewal_of.agency_id != agency.pk
                                   or renewal_of.status not in (D.ACTIVE, D.EXPIRED)):
        raise ValidationError(ERROR_NOT_RENEWABLE)
    application = LicenceApplication.objects.create(
        agency=agency, authority=authority, created_by=by, last_edited_by=by,
        submission_key=submission_key,
        kind=LicenceApplication.Kind.RENEWAL if renewal_of else LicenceApplication.Kind.NEW,
        renewal_of=renewal_of, office_address=agency.address,
    )
    if renewal_of is not None:
        application.destination_countries.set(renewal_of.destination_countries.all())
        previous = renewal_of.application
        if previous is not None:
            application.sectors.set(previous.sectors.all())
            application.planned_yearly_placements = previous.planned_yearly_placements
            application.office_address = previous.office_address or agency.address
            application.save(update_fields=["planned_yearly_placements", "office_address"])
    audit_record(actor=by, action="licence_application.create", obj=application,
                 role=_agency_role(by, agency), organisation=agency, to_state=S.DRAFT,
                 changes={"status": [None, S.DRAFT], "kind": [None, application.kind]},
                 country=agency.country_id)
    return application


@transaction.atomic
def licence_application_update(*, application: LicenceApplication, by, data: dict) -> LicenceApplication:
    """Save a step of the form (scope, declaration). Allowed in draft or when info was requested."""
    application = _locked_application(application)
    _require(can(by, LicensingPermission.APPLICATION_EDIT, application))
    if application.status not in (S.DRAFT, S.INFO_REQUESTED):
        raise InvalidTransition(ERROR_NOT_EDITABLE)
    before = _snapshot(application)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(application, name, data[name])
    if (application.declares_no_worker_fees and application.declares_no_document_retention
            and not application.declared_at):
        application.declared_at = timezone.now()
    application.last_edited_by = by
    application.full_clean(exclude=["submission_key"])
    application.save()
    for name in EDITABLE_M2M:
        if name in data:
            getattr(application, name).set(data[name])
    changes = field_changes(before, _snapshot(application))
    if changes:
        audit_record(actor=by, action="licence_application.update", obj=application,
                     role=_agency_role(by, application.agency), organisation=application.agency,
                     from_state=application.status, to_state=application.status, changes=changes,
                     country=application.agency.country_id)
    return application


@transaction.atomic
def licence_document_add(*, application: LicenceApplication, by, kind: str, uploaded) -> LicenceDocument:
    """Attach one checked file (PDF, JPEG, PNG ≤ 10 MB) to an editable application."""
    application = _locked_application(application)
    _require(can(by, LicensingPermission.APPLICATION_EDIT, application))
    if application.status not in (S.DRAFT, S.INFO_REQUESTED):
        raise InvalidTransition(ERROR_NOT_EDITABLE)
    content_type = upload_check(uploaded)
    document = LicenceDocument(application=application, kind=kind, uploaded_by=by,
                               original_name=(uploaded.name or "document")[-255:],
                               content_type=content_type, size=uploaded.size)
    document.file.save(uploaded.name or "document", uploaded, save=False)
    document.full_clean()
    document.save()
    application.last_edited_by = by
    application.save(update_fields=["last_edited_by", "updated_at"])
    audit_record(actor=by, action="licence_document.add", obj=document,
                 role=_agency_role(by, application.agency), organisation=application.agency,
                 changes={"kind": [None, kind], "original_name": [None, document.original_name]},
                 country=application.agency.country_id)
    return document


@transaction.atomic
def licence_documents_add(*, application: LicenceApplication, by,
                          files: list[tuple[str, object]]) -> list[LicenceDocument]:
    """Attach several (kind, file) pairs at once: all are checked first, then all are stored."""
    uploads_check([f for _kind, f in files])
    return [licence_document_add(application=application, by=by, kind=kind, uploaded=f)
            for kind, f in files]


@transaction.atomic
def licence_document_remove(*, document: LicenceDocument, by) -> None:
    """Remove a document from an editable application (the file is deleted too)."""
    application = _locked_application(document.application)
    _require(can(by, LicensingPermission.APPLICATION_EDIT, application))
    if application.status not in (S.DRAFT, S.INFO_REQUESTED):
        raise InvalidTransition(ERROR_NOT_EDITABLE)
    audit_record(actor=by, action="licence_document.remove", obj=document,
                 role=_agency_role(by, application.agency), organisation=application.agency,
                 changes={"kind": [document.kind, None],
                          "original_name": [document.original_name, None]},
                 country=application.agency.country_id)
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


def licence_application_missing(application: LicenceApplication) -> list[str]:
    """What still prevents submission, as labels the applicant understands."""
    missing = []
    if not application.destination_countries.exists():
        missing.append(_g("destination countries"))
    if not application.sectors.exists():
        missing.append(_g("sectors"))
    if not application.planned_yearly_placements:
        missing.append(_g("planned placements per year"))
    if not application.office_address.strip():
        missing.append(_g("office address"))
    if not (application.declares_no_worker_fees and application.declares_no_document_retention):
        missing.append(_g("fair-recruitment declaration"))
    present = set(application.documents.values_list("kind", flat=True))
    missing += [str(LicenceDocument.Kind(k).label) for k in REQUIRED_DOCUMENTS if k not in present]
    return missing


@transaction.atomic
def licence_application_submit(*, application: LicenceApplication, by, response: str = "",
                               request=None) -> LicenceApplication:
    """draft → submitted, or info_requested → submitted with the applicant's answer."""
    application = _locked_application(application)
    _require(can(by, LicensingPermission.APPLICATION_EDIT, application))
    from_state = application.status
    transition_check(APPLICATION_TRANSITIONS, from_state, S.SUBMITTED)
    missing = licence_application_missing(application)
    if missing:
        raise ValidationError(ERROR_INCOMPLETE, params={"missing": ", ".join(missing)})
    if from_state == S.INFO_REQUESTED:
        response = reason_required(response)
        open_request = application.information_requests.filter(responded_at__isnull=True).last()
        if open_request:
            open_request.response = response
            open_request.responded_by = by
            open_request.responded_at = timezone.now()
            open_request.save()
    period = selectors.authority_settings(authority=application.authority).decision_period_days
    old_deadline = application.decision_deadline
    application.status = S.SUBMITTED
    application.submitted_by = by
    application.submitted_at = timezone.now()
    application.decision_deadline = timezone.localdate() + timedelta(days=period)
    application.save()
    return_changes = {"status": [from_state, S.SUBMITTED],
                      "decision_deadline": [str(old_deadline) if old_deadline else None,
                                            str(application.decision_deadline)]}
    _application_audit(application, by=by, action="licence_application.submit",
                       from_state=from_state, reason=response, changes=return_changes,
                       role=_agency_role(by, application.agency), request=request)
    _officers_notify_submitted(application, resubmitted=from_state == S.INFO_REQUESTED)
    return application


def _officers_notify_submitted(application: LicenceApplication, *, resubmitted: bool) -> None:
    """E-mail the officers who decide in the agency's country, once the submission commits
    (a background task, so a slow mail server never holds up the agency's page)."""
    recipients = sorted({email for email in selectors.licensing_officers(
        country_id=application.agency.country_id).values_list("email", flat=True) if email})
    if not recipients:
        return
    params = {"agency": application.agency.name, "kind": application.get_kind_display().lower(),
              "deadline": application.decision_deadline.isoformat()}
    if resubmitted:
        subject = _g("Karavan: %(agency)s answered your request and resubmitted its licence "
                     "application") % params
        lines = [_g("%(agency)s answered the request for information and resubmitted its "
                    "%(kind)s licence application.") % params]
    else:
        subject = _g("Karavan: new licence application from %(agency)s") % params
        lines = [_g("%(agency)s submitted a %(kind)s licence application.") % params]
    lines.append(_g("Decision due by %(deadline)s.") % params)
    try:
        path = reverse("licensing_applications:inspect", args=[application.pk])
    except NoReverseMatch:  # the back office is not mounted (e.g. an API-only process)
        path = ""
    if path:
        lines.append(_g("Open the case: %(url)s") % {"url": settings.SITE_URL.rstrip("/") + path})
    body = "\n\n".join(lines)
    transaction.on_commit(lambda: notification_send.enqueue(to=recipients, subject=subject,
                                                            body=body))


@transaction.atomic
def licence_application_withdraw(*, application: LicenceApplication, by, reason: str = "") -> LicenceApplication:
    """The applicant withdraws an open application."""
    application = _locked_application(application)
    _require(can(by, LicensingPermission.APPLICATION_EDIT, application))
    from_state = application.status
    transition_check(APPLICATION_TRANSITIONS, from_state, S.WITHDRAWN)
    application.status = S.WITHDRAWN
    application.decision_reason = reason
    application.save()
    _application_audit(application, by=by, action="licence_application.withdraw",
                       from_state=from_state, reason=reason,
                       role=_agency_role(by, application.agency))
    return application


@transaction.atomic
def licence_application_review_start(*, application: LicenceApplication, by) -> LicenceApplication:
    """An officer takes a submitted application: submitted → under_review."""
    application = _locked_application(application)
    _require(can(by, LicensingPermission.APPLICATION_DECIDE, application))
    from_state = application.status
    transition_check(APPLICATION_TRANSITIONS, from_state, S.UNDER_REVIEW)
    application.status = S.UNDER_REVIEW
    application.save()
    _application_audit(application, by=by, action="licence_application.review_start",
                       from_state=from_state, role=_officer_role(by, application.country_id))
    return application


@transaction.atomic
def licence_application_request_info(*, application: LicenceApplication, by, message: str) -> LicenceApplication:
    """under_review → info_requested; the message goes to the applicant, who answers and resubmits."""
    application = _locked_application(application)
    _require(can(by, LicensingPermission.APPLICATION_DECIDE, application))
    from_state = application.status
    transition_check(APPLICATION_TRANSITIONS, from_state, S.INFO_REQUESTED)
    message = reason_required(message)
    InformationRequest.objects.create(application=application, message=message, requested_by=by)
    application.status = S.INFO_REQUESTED
    application.save()
    _application_audit(application, by=by, action="licence_application.request_info",
                       from_state=from_state, reason=message,
                       role=_officer_role(by, application.country_id))
    _notify(_agency_contacts(application.agency), _g("Karavan: information requested"),
            _g("The licensing authority asks for more information:") + "\n\n" + message)
    return application


@transaction.atomic
def licence_application_approve(*, application: LicenceApplication, by, conditions: str = "",
                                request=None) -> Licence:
    """under_review → approved, issuing the licence with a gapless number in this transaction."""
    application = _locked_application(application)
    _require(can(by, LicensingPermission.APPLICATION_DECIDE, application))
    from_state = application.status
    transition_check(APPLICATION_TRANSITIONS, from_state, S.APPROVED)
    four_eyes_check(application, by)
    today = timezone.localdate()
    valid_from = today
    previous = application.renewal_of
    if previous is not None and previous.status == D.ACTIVE and previous.valid_until >= today:
        valid_from = previous.valid_until + timedelta(days=1)  # continuous cover
    years = selectors.authority_settings(authority=application.authority).licence_validity_years
    number = number_allocate(country=application.agency.country_id, kind="LIC", year=today.year)
    licence = Licence.objects.create(
        number=number, agency=application.agency, authority=application.authority,
        application=application, previous=previous, conditions=conditions.strip(),
        valid_from=valid_from, valid_until=_add_years(valid_from, years) - timedelta(days=1),
    )
    licence.destination_countries.set(application.destination_countries.all())
    application.status = S.APPROVED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.decision_reason = conditions.strip()
    application.save()
    _application_audit(application, by=by, action="licence_application.approve",
                       from_state=from_state, reason=conditions.strip(),
                       changes={"status": [from_state, S.APPROVED], "licence": [None, number]},
                       role=_officer_role(by, application.country_id), request=request)
    _notify(_agency_contacts(application.agency), _g("Karavan: licence issued"),
            _g("Your recruitment-agency licence %(number)s has been issued.") % {"number": number})
    return licence


@transaction.atomic
def licence_application_refuse(*, application: LicenceApplication, by, reason: str,
                               request=None) -> LicenceApplication:
    """under_review → refused, with a reason the applicant sees."""
    application = _locked_application(application)
    _require(can(by, LicensingPermission.APPLICATION_DECIDE, application))
    from_state = decision_record(application, by=by, to=S.REFUSED, reason=reason_required(reason))
    reason = application.decision_reason
    _application_audit(application, by=by, action="licence_application.refuse",
                       from_state=from_state, reason=reason,
                       role=_officer_role(by, application.country_id), request=request)
    _notify(_agency_contacts(application.agency), _g("Karavan: licence application refused"),
            reason)
    return application


# --- licences --------------------------------------------------------------------------------


def _licence_move(licence: Licence, *, by, target: str, action: str, reason: str = "",
                  extra_changes: dict | None = None) -> Licence:
    from_state = licence.status
    licence.status = target
    licence.status_reason = reason
    licence.save()
    audit_record(actor=by, action=action, obj=licence,
                 role=_officer_role(by, licence.country_id) if by else "system",
                 organisation=licence.agency, from_state=from_state, to_state=target,
                 reason=reason, changes={"status": [from_state, target], **(extra_changes or {})},
                 country=licence.country_id)
    return licence


@transaction.atomic
def licence_suspend(*, licence: Licence, by, reason: str) -> Licence:
    """active → suspended, with a reason shown in the registry."""
    licence = _locked_licence(licence)
    _require(can(by, LicensingPermission.LICENCE_MANAGE, licence))
    transition_check(DOCUMENT_TRANSITIONS, licence.status, D.SUSPENDED)
    reason = reason_required(reason)
    _notify(_agency_contacts(licence.agency), _g("Karavan: licence suspended"), reason)
    return _licence_move(licence, by=by, target=D.SUSPENDED, action="licence.suspend",
                         reason=reason)


@transaction.atomic
def licence_reinstate(*, licence: Licence, by, reason: str = "") -> Licence:
    """suspended → active (the grounds for suspension are resolved)."""
    licence = _locked_licence(licence)
    _require(can(by, LicensingPermission.LICENCE_MANAGE, licence))
    transition_check(DOCUMENT_TRANSITIONS, licence.status, D.ACTIVE)
    if licence.revocation_requested_by_id:
        raise InvalidTransition(ERROR_REVOCATION_PENDING)
    return _licence_move(licence, by=by, target=D.ACTIVE, action="licence.reinstate",
                         reason=reason.strip())


@transaction.atomic
def licence_revocation_propose(*, licence: Licence, by, reason: str) -> Licence:
    """First step of revocation: an officer proposes it with a reason; nothing changes yet."""
    licence = _locked_licence(licence)
    _require(can(by, LicensingPermission.LICENCE_MANAGE, licence))
    transition_check(DOCUMENT_TRANSITIONS, licence.status, D.REVOKED)
    if licence.revocation_requested_by_id:
        raise InvalidTransition(ERROR_REVOCATION_PENDING)
    reason = reason_required(reason)
    licence.revocation_requested_by = by
    licence.revocation_requested_at = timezone.now()
    licence.revocation_reason = reason
    licence.save()
    audit_record(actor=by, action="licence.revocation_propose", obj=licence,
                 role=_officer_role(by, licence.country_id), organisation=licence.agency,
                 from_state=licence.status, to_state=licence.status, reason=reason,
                 changes={"revocation_reason": ["", reason],
                          "revocation_requested_by": [None, str(by)]},
                 country=licence.country_id)
    return licence


@transaction.atomic
def licence_revocation_confirm(*, licence: Licence, by) -> Licence:
    """Second step: another officer confirms; the licence is revoked with the proposed reason."""
    licence = _locked_licence(licence)
    _require(can(by, LicensingPermission.LICENCE_MANAGE, licence))
    if not licence.revocation_requested_by_id:
        raise InvalidTransition(ERROR_NO_REVOCATION_PROPOSED)
    if licence.revocation_requested_by_id == by.pk:
        raise InvalidTransition(ERROR_SECOND_OFFICER)
    transition_check(DOCUMENT_TRANSITIONS, licence.status, D.REVOKED)
    _notify(_agency_contacts(licence.agency), _g("Karavan: licence revoked"),
            licence.revocation_reason)
    return _licence_move(licence, by=by, target=D.REVOKED, action="licence.revoke",
                         reason=licence.revocation_reason,
                         extra_changes={"proposed_by": [None, str(licence.revocation_requested_by)]})


@transaction.atomic
def licence_revocation_cancel(*, licence: Licence, by, reason: str) -> Licence:
    """The second officer (or the proposer) declines the proposed revocation."""
    licence = _locked_licence(licence)
    _require(can(by, LicensingPermission.LICENCE_MANAGE, licence))
    if not licence.revocation_requested_by_id:
        raise InvalidTransition(ERROR_NO_REVOCATION_PROPOSED)
    reason = reason_required(reason)
    old = licence.revocation_reason
    licence.revocation_requested_by = None
    licence.revocation_requested_at = None
    licence.revocation_reason = ""
    licence.save()
    audit_record(actor=by, action="licence.revocation_cancel", obj=licence,
                 role=_officer_role(by, licence.country_id), organisation=licence.agency,
                 from_state=licence.status, to_state=licence.status, reason=reason,
                 changes={"revocation_reason": [old, ""]}, country=licence.country_id)
    return licence


@transaction.atomic
def licence_expire(*, licence: Licence, today: date | None = None) -> Licence:
    """System move: active or suspended → expired once `valid_until` has passed."""
    licence = _locked_licence(licence)
    today = today or timezone.localdate()
    if licence.valid_until >= today:
        raise InvalidTransition(_g("The licence is still valid."))
    transition_check(DOCUMENT_TRANSITIONS, licence.status, D.EXPIRED)
    return _licence_move(licence, by=None, target=D.EXPIRED, action="licence.expire")


@transaction.atomic
def licence_reminder_send(*, licence: Licence, days: int, today: date) -> None:
    """E-mail the agency that its licence expires in about `days` days (60 or 30), once."""
    licence = _locked_licence(licence)
    field = "reminder_60_sent_on" if days == 60 else "reminder_30_sent_on"
    if getattr(licence, field):
        return
    setattr(licence, field, today)
    licence.save(update_fields=[field])
    audit_record(actor=None, action=f"licence.reminder_{days}", obj=licence, role="system",
                 organisation=licence.agency, changes={field: [None, str(today)]},
                 country=licence.country_id)
    _notify(_agency_contacts(licence.agency),
            _g("Karavan: your licence %(number)s expires on %(date)s") % {
                "number": licence.number, "date": licence.valid_until.isoformat()},
            _g("Apply for renewal in good time so that your licence stays valid. "
               "Your licence %(number)s expires on %(date)s.") % {
                "number": licence.number, "date": licence.valid_until.isoformat()})


def licences_daily(*, today: date | None = None) -> dict:
    """The daily run: expire overdue licences, then send 60- and 30-day reminders."""
    today = today or timezone.localdate()
    done = {"expired": 0, "reminded_60": 0, "reminded_30": 0}
    for licence in selectors.licences_overdue(today=today):
        licence_expire(licence=licence, today=today)
        done["expired"] += 1
    for days in (60, 30):
        for licence in selectors.licences_due_for_reminder(today=today, days=days):
            licence_reminder_send(licence=licence, days=days, today=today)
            done[f"reminded_{days}"] += 1
    return done


# --- complaints ------------------------------------------------------------------------------


def _tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


@transaction.atomic
def complaint_file(*, by, country_id: str, category: str, description: str,
                   agency: Organisation | None = None, recruiter_name: str = "",
                   subject_number: str = "", amount_paid=None, currency: str = "",
                   is_anonymous: bool = True, contact_name: str = "", contact: str = "",
                   complainant_country: str = "", evidence: list | None = None) -> Complaint:
    """Anyone (signed in or not, anonymous if they wish) files a complaint; returns it with
    its tracking code. No IP address is recorded."""
    if not (description or "").strip():
        raise ValidationError(ERROR_NEEDS_DESCRIPTION)
    if agency is None and not recruiter_name.strip():
        raise ValidationError(ERROR_NEEDS_SUBJECT)
    if agency is not None:
        country_id = agency.country_id
    content_types = uploads_check(evidence or [])
    authority = selectors.licensing_authority_for(country_id=country_id)
    period = selectors.authority_settings(authority=authority).complaint_period_days if authority else 30
    signed_in = getattr(by, "is_authenticated", False)
    complaint = Complaint(
        tracking_code=_tracking_code(), agency=agency, recruiter_name=recruiter_name.strip(),
        subject_number=subject_number.strip()[:40], country_id=country_id, authority=authority,
        category=category, description=description.strip(), amount_paid=amount_paid,
        currency=currency, is_anonymous=is_anonymous,
        contact_name="" if is_anonymous else contact_name.strip(),
        contact="" if is_anonymous else contact.strip(),
        complainant_country=complainant_country,
        filed_by=by if signed_in and not is_anonymous else None,
        deadline=timezone.localdate() + timedelta(days=period),
    )
    complaint.full_clean()
    while Complaint.objects.filter(tracking_code=complaint.tracking_code).exists():
        complaint.tracking_code = _tracking_code()
    complaint.save()
    for uploaded, content_type in zip(evidence or [], content_types, strict=True):
        item = ComplaintEvidence(complaint=complaint, original_name=(uploaded.name or "")[-255:],
                                 content_type=content_type, size=uploaded.size)
        item.file.save(uploaded.name or "evidence", uploaded, save=False)
        item.save()
    audit_record(actor=None if is_anonymous else by, action="complaint.file", obj=complaint,
                 organisation=agency, to_state=complaint.status,
                 changes={"status": [None, complaint.status], "category": [None, category],
                          "evidence": [None, len(content_types)]},
                 country=country_id)
    return complaint


def _complaint_move(complaint: Complaint, *, by, target: str, action: str, reason: str = "",
                    changes: dict | None = None) -> Complaint:
    from_state = complaint.status
    transition_check(COMPLAINT_TRANSITIONS, from_state, target)
    complaint.status = target
    complaint.save()
    audit_record(actor=by, action=action, obj=complaint,
                 role=_officer_role(by, complaint.country_id), organisation=complaint.agency,
                 from_state=from_state, to_state=target, reason=reason,
                 changes={"status": [from_state, target], **(changes or {})},
                 country=complaint.country_id)
    return complaint


@transaction.atomic
def complaint_investigate(*, complaint: Complaint, by, officer=None) -> Complaint:
    """received → investigating, assigning the handling officer (default: the one acting)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    _require(can(by, LicensingPermission.COMPLAINT_HANDLE, complaint))
    officer = officer or by
    _require(can(officer, LicensingPermission.COMPLAINT_HANDLE, complaint))
    complaint.handling_officer = officer
    return _complaint_move(complaint, by=by, target=ComplaintStatus.INVESTIGATING,
                           action="complaint.investigate",
                           changes={"handling_officer": [None, str(officer)]})


@transaction.atomic
def complaint_assign(*, complaint: Complaint, by, officer, reason: str) -> Complaint:
    """A senior officer of the handling authority gives an open complaint to another officer of
    the same authority. The status stays as it is; the handling officer changes."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    _require(can(by, LicensingPermission.COMPLAINT_ASSIGN, complaint))
    if complaint.status not in (ComplaintStatus.RECEIVED, ComplaintStatus.INVESTIGATING):
        raise InvalidTransition(ERROR_COMPLAINT_CLOSED)
    reason = reason_required(reason)
    if officer is None or not selectors.complaint_assignable_officers(
            complaint=complaint).filter(pk=officer.pk).exists():
        raise ValidationError(ERROR_NOT_AUTHORITY_OFFICER)
    if complaint.handling_officer_id == officer.pk:
        raise ValidationError(ERROR_ALREADY_ASSIGNED)
    previous = complaint.handling_officer
    complaint.handling_officer = officer
    complaint.save()
    audit_record(actor=by, action="complaint.assign", obj=complaint,
                 role=_officer_role(by, complaint.country_id), organisation=complaint.agency,
                 from_state=complaint.status, to_state=complaint.status, reason=reason,
                 changes={"handling_officer": [str(previous) if previous else None,
                                               str(officer)]},
                 country=complaint.country_id)
    return complaint


@transaction.atomic
def complaint_decide(*, complaint: Complaint, by, upheld: bool, outcome: str) -> Complaint:
    """investigating → upheld or dismissed, with an outcome the complainant reads."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    _require(can(by, LicensingPermission.COMPLAINT_HANDLE, complaint))
    outcome = reason_required(outcome)
    complaint.outcome = outcome
    complaint.decided_at = timezone.now()
    target = ComplaintStatus.UPHELD if upheld else ComplaintStatus.DISMISSED
    return _complaint_move(complaint, by=by, target=target, action="complaint.decide",
                           reason=outcome)


# --- inspections and sanctions ---------------------------------------------------------------


@transaction.atomic
def inspection_plan(*, agency: Organisation, by, scheduled_for: date,
                    kind: str = Inspection.Kind.PLANNED, complaint: Complaint | None = None,
                    inspector=None) -> Inspection:
    """Plan a (planned or ad hoc) inspection of an agency in the officer's jurisdiction."""
    _require(can(by, LicensingPermission.OVERSIGHT_MANAGE, agency))
    authority = selectors.licensing_authority_for(country_id=agency.country_id)
    inspection = Inspection(agency=agency, authority=authority, kind=kind, complaint=complaint,
                            scheduled_for=scheduled_for, inspector=inspector or by)
    inspection.full_clean()
    inspection.save()
    audit_record(actor=by, action="inspection.plan", obj=inspection,
                 role=_officer_role(by, agency.country_id), organisation=agency,
                 to_state=inspection.status,
                 changes={"status": [None, inspection.status], "kind": [None, kind],
                          "scheduled_for": [None, str(scheduled_for)]},
                 country=agency.country_id)
    return inspection


@transaction.atomic
def inspection_complete(*, inspection: Inspection, by, carried_out_on: date,
                        findings: str) -> Inspection:
    """planned → completed, recording the findings."""
    inspection = Inspection.objects.select_for_update().select_related("agency").get(pk=inspection.pk)
    _require(can(by, LicensingPermission.OVERSIGHT_MANAGE, inspection.agency))
    if inspection.status != Inspection.Status.PLANNED:
        raise InvalidTransition(ERROR_INSPECTION_STATE)
    findings = reason_required(findings)
    inspection.status = Inspection.Status.COMPLETED
    inspection.carried_out_on = carried_out_on
    inspection.findings = findings
    inspection.save()
    audit_record(actor=by, action="inspection.complete", obj=inspection,
                 role=_officer_role(by, inspection.agency.country_id),
                 organisation=inspection.agency, from_state=Inspection.Status.PLANNED,
                 to_state=inspection.status, reason=findings,
                 changes={"status": [Inspection.Status.PLANNED, inspection.status],
                          "carried_out_on": [None, str(carried_out_on)]},
                 country=inspection.agency.country_id)
    return inspection


@transaction.atomic
def inspection_cancel(*, inspection: Inspection, by, reason: str) -> Inspection:
    """planned → cancelled, with a reason."""
    inspection = Inspection.objects.select_for_update().select_related("agency").get(pk=inspection.pk)
    _require(can(by, LicensingPermission.OVERSIGHT_MANAGE, inspection.agency))
    if inspection.status != Inspection.Status.PLANNED:
        raise InvalidTransition(ERROR_INSPECTION_STATE)
    reason = reason_required(reason)
    inspection.status = Inspection.Status.CANCELLED
    inspection.save()
    audit_record(actor=by, action="inspection.cancel", obj=inspection,
                 role=_officer_role(by, inspection.agency.country_id),
                 organisation=inspection.agency, from_state=Inspection.Status.PLANNED,
                 to_state=inspection.status, reason=reason,
                 changes={"status": [Inspection.Status.PLANNED, inspection.status]},
                 country=inspection.agency.country_id)
    return inspection


@transaction.atomic
def sanction_impose(*, agency: Organisation, by, kind: str, reason: str, amount=None,
                    inspection: Inspection | None = None,
                    complaint: Complaint | None = None) -> Sanction:
    """Impose a warning, fine, suspension or revocation. A suspension suspends the current
    licence; a revocation proposes it (a second officer must still confirm)."""
    _require(can(by, LicensingPermission.OVERSIGHT_MANAGE, agency))
    reason = reason_required(reason)
    if kind == Sanction.Kind.FINE and not amount:
        raise ValidationError(ERROR_FINE_AMOUNT)
    licence = Licence.objects.filter(agency=agency, status__in=[D.ACTIVE, D.SUSPENDED]).order_by(
        "-valid_from").first()
    if kind in (Sanction.Kind.SUSPENSION, Sanction.Kind.REVOCATION) and licence is None:
        raise ValidationError(ERROR_NO_LICENCE)
    sanction = Sanction(agency=agency, authority=selectors.licensing_authority_for(
        country_id=agency.country_id), licence=licence, inspection=inspection, complaint=complaint,
        kind=kind, amount=amount if kind == Sanction.Kind.FINE else None, reason=reason,
        imposed_by=by, imposed_on=timezone.localdate())
    sanction.full_clean()
    sanction.save()
    audit_record(actor=by, action="sanction.impose", obj=sanction,
                 role=_officer_role(by, agency.country_id), organisation=agency, reason=reason,
                 changes={"kind": [None, kind], "amount": [None, str(amount) if amount else None]},
                 country=agency.country_id)
    if kind == Sanction.Kind.SUSPENSION:
        licence_suspend(licence=licence, by=by, reason=reason)
    elif kind == Sanction.Kind.REVOCATION:
        licence_revocation_propose(licence=licence, by=by, reason=reason)
    return sanction


@transaction.atomic
def authority_settings_update(*, authority: Organisation, by, licence_validity_years: int,
                              decision_period_days: int, complaint_period_days: int):
    """An authority administrator sets licence validity and handling periods."""
    from .models import AuthorityLicensingSettings

    _require(can(by, CorePermission.ORGANISATION_MANAGE, authority))
    current, _created = AuthorityLicensingSettings.objects.select_for_update().get_or_create(
        authority=authority)
    before = {f: getattr(current, f) for f in ("licence_validity_years", "decision_period_days",
                                               "complaint_period_days")}
    current.licence_validity_years = licence_validity_years
    current.decision_period_days = decision_period_days
    current.complaint_period_days = complaint_period_days
    current.full_clean()
    current.save()
    audit_record(actor=by, action="licensing_settings.update", obj=current,
                 role=Role.AUTHORITY_ADMIN, organisation=authority,
                 changes=field_changes(before, {f: getattr(current, f) for f in before}),
                 country=authority.country_id)
    return current

