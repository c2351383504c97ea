"""Licence applications: an agency's draft, its documents, submission and the officer's
decision. Every move goes through the kernel's `case_transition`."""

import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record, field_changes
from portal.case_services import (
    case_document_add,
    case_document_remove,
    case_documents_add,
    case_editable_lock,
    case_request_info,
    case_submit,
    case_withdraw,
)
from portal.cases import actor_role, case_transition, require
from portal.lifecycle import ApplicationStatus, DocumentStatus
from portal.models import Organisation
from portal.numbering import number_allocate
from portal.policy import can
from portal.submissions import create_once

from .. import selectors
from ..models import Licence, LicenceApplication, LicenceDocumentKind
from ..permissions import LicensingPermission as P

ERROR_NO_AUTHORITY = _("No authority licenses recruitment agencies in this country yet.")
ERROR_OPEN_APPLICATION = _("This agency already has an open licence application.")
ERROR_ALREADY_LICENSED = _("This agency already holds a licence; apply to renew it instead.")
ERROR_NOT_RENEWABLE = _("Only an active or expired licence can be renewed.")
ERROR_NOT_EDITABLE = _(
    "The application can be changed only as a draft or when information was requested."
)
ERROR_INCOMPLETE = _("The application is not complete: %(missing)s.")

REQUIRED_DOCUMENTS = [
    LicenceDocumentKind.REGISTRATION_CERTIFICATE,
    LicenceDocumentKind.TAX_CLEARANCE,
    LicenceDocumentKind.OFFICE_PROOF,
    LicenceDocumentKind.DIRECTOR_ID,
    LicenceDocumentKind.FINANCIAL_GUARANTEE,
    LicenceDocumentKind.SAMPLE_CONTRACT,
]
#: Fields an agency edits in the application form.
EDITABLE_FIELDS = [
    "planned_yearly_placements",
    "office_address",
    "declares_no_worker_fees",
    "declares_no_document_retention",
]
EDITABLE_M2M = ["destination_countries", "sectors"]
S = ApplicationStatus
D = DocumentStatus


def _add_years(start, years: int):
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def _snapshot(application: LicenceApplication) -> dict:
    data = {name: getattr(application, name) for name in EDITABLE_FIELDS}
    if application.pk:
        data["destination_countries"] = sorted(
            application.destination_countries.values_list("pk", flat=True)
        )
        data["sectors"] = sorted(application.sectors.values_list("pk", flat=True))
    return data


def licence_application_create(
    *,
    agency: Organisation,
    by,
    submission_key: uuid.UUID | None = None,
    renewal_of: Licence | None = None,
) -> LicenceApplication:
    """Start a draft (new licence or renewal). The form's one-time key makes a double submit
    return the same draft instead of creating a second one."""
    return create_once(
        LicenceApplication,
        submission_key,
        lambda: _licence_application_create(
            agency=agency, by=by, submission_key=submission_key, renewal_of=renewal_of
        ),
        check=lambda application: require(application.agency_id == agency.pk),
    )


def _licence_application_create(*, agency, by, submission_key, renewal_of):
    require(can(by, P.APPLICATION_CREATE, agency))
    Organisation.objects.select_for_update().get(pk=agency.pk)  # one open application at a time
    if selectors.agency_open_application(agency=agency):
        raise ValidationError(ERROR_OPEN_APPLICATION)
    authority = selectors.licensing_authority_for(country_id=agency.country_id)
    if authority is None:
        raise ValidationError(ERROR_NO_AUTHORITY)
    if (
        renewal_of is None
        and Licence.objects.filter(agency=agency, status__in=[D.ACTIVE, D.SUSPENDED]).exists()
    ):
        raise ValidationError(ERROR_ALREADY_LICENSED)
    if renewal_of is not None and (
        renewal_of.agency_id != agency.pk or renewal_of.status not in (D.ACTIVE, D.EXPIRED)
    ):
        raise ValidationError(ERROR_NOT_RENEWABLE)
    application = LicenceApplication.objects.create(
        agency=agency,
        authority=authority,
        created_by=by,
        last_edited_by=by,
        submission_key=submission_key,
        kind=LicenceApplication.Kind.RENEWAL if renewal_of else LicenceApplication.Kind.NEW,
        renewal_of=renewal_of,
        office_address=agency.address,
    )
    if renewal_of is not None:
        application.destination_countries.set(renewal_of.destination_countries.all())
        previous = renewal_of.application
        if previous is not None:
            application.sectors.set(previous.sectors.all())
            application.planned_yearly_placements = previous.planned_yearly_placements
            application.office_address = previous.office_address or agency.address
            application.save(update_fields=["planned_yearly_placements", "office_address"])
    audit_record(
        actor=by,
        action="licence_application.create",
        obj=application,
        role=actor_role(by, application),
        organisation=agency,
        to_state=S.DRAFT,
        changes={"status": [None, S.DRAFT], "kind": [None, application.kind]},
        country=agency.country_id,
    )
    return application


@transaction.atomic
def licence_application_update(
    *, application: LicenceApplication, by, data: dict
) -> LicenceApplication:
    """Save a step of the form (scope, declaration). Allowed in draft or when info was requested."""
    application = case_editable_lock(application, by)
    before = _snapshot(application)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(application, name, data[name])
    if (
        application.declares_no_worker_fees
        and application.declares_no_document_retention
        and not application.declared_at
    ):
        application.declared_at = timezone.now()
    application.last_edited_by = by
    application.full_clean(exclude=["submission_key"])
    application.save()
    for name in EDITABLE_M2M:
        if name in data:
            getattr(application, name).set(data[name])
    changes = field_changes(before, _snapshot(application))
    if changes:
        audit_record(
            actor=by,
            action="licence_application.update",
            obj=application,
            role=actor_role(by, application),
            organisation=application.agency,
            from_state=application.status,
            to_state=application.status,
            changes=changes,
            country=application.agency.country_id,
        )
    return application


def licence_document_add(*, application: LicenceApplication, by, kind: str, uploaded):
    """Attach one checked file (PDF, JPEG, PNG ≤ 10 MB) to an editable application."""
    return case_document_add(case=application, by=by, kind=kind, uploaded=uploaded)


def licence_documents_add(*, application: LicenceApplication, by, files: list[tuple[str, object]]):
    """Attach several (kind, file) pairs at once: all are checked first, then all are stored."""
    return case_documents_add(case=application, by=by, files=files)


def licence_document_remove(*, document, by) -> None:
    """Remove a document from an editable application (the file is deleted too)."""
    case_document_remove(document=document, by=by)


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
    missing += [str(LicenceDocumentKind(k).label) for k in REQUIRED_DOCUMENTS if k not in present]
    return missing


def licence_application_submit(
    *, application: LicenceApplication, by, response: str = "", request=None
) -> LicenceApplication:
    """draft → submitted, or info_requested → submitted with the applicant's answer. The
    deciding officers of the agency's country hear of it."""
    changes = {}

    def submit(application):
        missing = licence_application_missing(application)
        if missing:
            raise ValidationError(ERROR_INCOMPLETE, params={"missing": ", ".join(missing)})
        period = selectors.authority_settings(authority=application.authority).decision_period_days
        old_deadline = application.decision_deadline
        application.submitted_by = by
        application.submitted_at = timezone.now()
        application.decision_deadline = timezone.localdate() + timedelta(days=period)
        changes["decision_deadline"] = [
            str(old_deadline) if old_deadline else None,
            str(application.decision_deadline),
        ]
        context.update(deadline=application.decision_deadline)
        return changes

    context = {"agency": application.agency.name, "kind": application.kind}
    return case_submit(
        case=application, by=by, response=response, effect=submit, context=context, request=request
    )


def licence_application_withdraw(
    *, application: LicenceApplication, by, reason: str = ""
) -> LicenceApplication:
    """The applicant withdraws an open application."""
    return case_withdraw(case=application, by=by, reason=reason)


def licence_application_review_start(*, application: LicenceApplication, by) -> LicenceApplication:
    """An officer takes a submitted application: submitted → under_review."""
    return case_transition(case=application, to=S.UNDER_REVIEW, by=by)


def licence_application_request_info(
    *, application: LicenceApplication, by, message: str
) -> LicenceApplication:
    """under_review → info_requested; the message goes to the applicant, who answers and resubmits."""
    return case_request_info(case=application, by=by, message=message)


def licence_application_approve(
    *, application: LicenceApplication, by, conditions: str = "", request=None
) -> Licence:
    """under_review → approved, issuing the licence with a gapless number in this transaction."""

    def issue(application):
        today = timezone.localdate()
        valid_from = today
        previous = application.renewal_of
        if previous is not None and previous.status == D.ACTIVE and previous.valid_until >= today:
            valid_from = previous.valid_until + timedelta(days=1)  # continuous cover
        years = selectors.authority_settings(authority=application.authority).licence_validity_years
        number = number_allocate(country=application.agency.country_id, kind="LIC", year=today.year)
        licence = Licence.objects.create(
            number=number,
            agency=application.agency,
            authority=application.authority,
            application=application,
            previous=previous,
            conditions=conditions.strip(),
            valid_from=valid_from,
            valid_until=_add_years(valid_from, years) - timedelta(days=1),
        )
        licence.destination_countries.set(application.destination_countries.all())
        issued["licence"], issued["number"] = licence, number
        return {"licence": [None, number]}

    issued = {}
    case_transition(
        case=application,
        to=S.APPROVED,
        by=by,
        reason=conditions,
        effect=issue,
        request=request,
        context=issued,
    )
    return issued.pop("licence")


def licence_application_refuse(
    *, application: LicenceApplication, by, reason: str, request=None
) -> LicenceApplication:
    """under_review → refused, with a reason the applicant sees."""
    return case_transition(case=application, to=S.REFUSED, by=by, reason=reason, request=request)
