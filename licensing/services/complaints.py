"""Complaints against agencies and employers: filed by anyone (anonymously if they wish), investigated and
decided by the licensing authority of the country."""

import secrets
import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.cases import actor_role, case_transition, case_type_of, require
from portal.lifecycle import InvalidTransition, reason_required
from portal.models import Organisation
from portal.policy import can
from portal.submissions import create_once
from portal.uploads import upload_clean, uploads_check

from .. import selectors
from ..models import Complaint, ComplaintEvidence, ComplaintStatus
from ..permissions import LicensingPermission as P

ERROR_NEEDS_DESCRIPTION = _("Describe what happened.")
ERROR_NEEDS_SUBJECT = _("Name the agency or the recruiter.")
ERROR_COMPLAINT_CLOSED = _("A decided complaint can no longer be reassigned.")
ERROR_NOT_AUTHORITY_OFFICER = _(
    "The complaint can be assigned only to an officer of the authority handling it."
)
ERROR_ALREADY_ASSIGNED = _("This officer already handles the complaint.")
#: Unambiguous characters for tracking codes (no 0/O, 1/I/L).
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


def complaint_file(
    *,
    by,
    country_id: str,
    category: str,
    description: str,
    agency: Organisation | None = None,
    employer: Organisation | None = None,
    recruiter_name: str = "",
    subject_number: str = "",
    amount_paid=None,
    currency: str = "",
    is_anonymous: bool = True,
    contact_name: str = "",
    contact: str = "",
    complainant_country: str = "",
    evidence: list | None = None,
    submission_key: uuid.UUID | None = None,
) -> Complaint:
    """Anyone (signed in or not, anonymous if they wish) files a complaint; returns it with
    its tracking code. No IP address is recorded.

    The form's one-time key makes filing idempotent: a double tap or a re-sent form returns
    the complaint already filed with that key (the same tracking code). The key is as secret
    as the tracking code (it lives only in the complainant's page), and a complaint filed in
    someone's name is returned only to them.
    """
    signed_in = getattr(by, "is_authenticated", False)
    return create_once(
        Complaint,
        submission_key,
        lambda: _complaint_file(
            by=by,
            country_id=country_id,
            category=category,
            description=description,
            agency=agency,
            employer=employer,
            recruiter_name=recruiter_name,
            subject_number=subject_number,
            amount_paid=amount_paid,
            currency=currency,
            is_anonymous=is_anonymous,
            contact_name=contact_name,
            contact=contact,
            complainant_country=complainant_country,
            evidence=evidence,
            submission_key=submission_key,
        ),
        check=lambda complaint: require(
            complaint.filed_by_id is None or (signed_in and complaint.filed_by_id == by.pk)
        ),
    )


def _complaint_file(
    *,
    by,
    country_id,
    category,
    description,
    agency,
    employer,
    recruiter_name,
    subject_number,
    amount_paid,
    currency,
    is_anonymous,
    contact_name,
    contact,
    complainant_country,
    evidence,
    submission_key,
) -> Complaint:
    if not (description or "").strip():
        raise ValidationError(ERROR_NEEDS_DESCRIPTION)
    if agency is None and employer is None and not recruiter_name.strip():
        raise ValidationError(ERROR_NEEDS_SUBJECT)
    if agency is not None:
        country_id = agency.country_id
    elif employer is not None:
        # Against an employer: the authority of the country where it employs workers.
        country_id = employer.country_id
    content_types = uploads_check(evidence or [])
    authority = selectors.licensing_authority_for(country_id=country_id)
    period = (
        selectors.authority_settings(authority=authority).complaint_period_days if authority else 30
    )
    signed_in = getattr(by, "is_authenticated", False)
    complaint = Complaint(
        tracking_code=_tracking_code(),
        agency=agency,
        employer=employer,
        recruiter_name=recruiter_name.strip(),
        subject_number=subject_number.strip()[:40],
        country_id=country_id,
        authority=authority,
        category=category,
        description=description.strip(),
        amount_paid=amount_paid,
        currency=currency,
        is_anonymous=is_anonymous,
        contact_name="" if is_anonymous else contact_name.strip(),
        contact="" if is_anonymous else contact.strip(),
        complainant_country=complainant_country,
        filed_by=by if signed_in and not is_anonymous else None,
        deadline=timezone.localdate() + timedelta(days=period),
        submission_key=submission_key,
    )
    complaint.full_clean(exclude=["submission_key"])
    while Complaint.objects.filter(tracking_code=complaint.tracking_code).exists():
        complaint.tracking_code = _tracking_code()
    complaint.save()
    for clean in (upload_clean(uploaded) for uploaded in evidence or []):
        item = ComplaintEvidence(
            complaint=complaint,
            original_name=clean.name,
            content_type=clean.content_type,
            size=clean.size,
        )
        item.file.save(clean.name, clean, save=False)
        item.save()
    audit_record(
        actor=None if is_anonymous else by,
        action="complaint.file",
        obj=complaint,
        organisation=agency or employer,
        to_state=complaint.status,
        changes={
            "status": [None, complaint.status],
            "category": [None, category],
            "evidence": [None, len(content_types)],
        },
        country=country_id,
    )
    return complaint


def complaint_investigate(*, complaint: Complaint, by, officer=None) -> Complaint:
    """received → investigating, assigning the handling officer (default: the one acting)."""
    officer = officer or by

    def assign(complaint):
        require(can(officer, P.COMPLAINT_HANDLE, complaint))
        complaint.handling_officer = officer
        return {"handling_officer": [None, str(officer)]}

    return case_transition(case=complaint, to=ComplaintStatus.INVESTIGATING, by=by, effect=assign)


@transaction.atomic
def complaint_assign(*, complaint: Complaint, by, officer, reason: str) -> Complaint:
    """A senior officer of the handling authority gives an open complaint to another officer of
    the same authority. The status stays as it is; the handling officer changes."""
    complaint = case_type_of(Complaint).lock(complaint)
    require(can(by, P.COMPLAINT_ASSIGN, complaint))
    if complaint.status not in (ComplaintStatus.RECEIVED, ComplaintStatus.INVESTIGATING):
        raise InvalidTransition(ERROR_COMPLAINT_CLOSED)
    reason = reason_required(reason)
    if (
        officer is None
        or not selectors.complaint_assignable_officers(complaint=complaint)
        .filter(pk=officer.pk)
        .exists()
    ):
        raise ValidationError(ERROR_NOT_AUTHORITY_OFFICER)
    if complaint.handling_officer_id == officer.pk:
        raise ValidationError(ERROR_ALREADY_ASSIGNED)
    previous = complaint.handling_officer
    complaint.handling_officer = officer
    complaint.save()
    audit_record(
        actor=by,
        action="complaint.assign",
        obj=complaint,
        role=actor_role(by, complaint),
        organisation=complaint.agency,
        from_state=complaint.status,
        to_state=complaint.status,
        reason=reason,
        changes={"handling_officer": [str(previous) if previous else None, str(officer)]},
        country=complaint.country_id,
    )
    return complaint


def _complaint_conclude(complaint, *, by, to: str, outcome: str) -> Complaint:
    outcome = reason_required(outcome)

    def conclude(complaint):
        complaint.outcome = outcome
        complaint.decided_at = timezone.now()

    return case_transition(case=complaint, to=to, by=by, reason=outcome, effect=conclude)


def complaint_uphold(*, complaint: Complaint, by, outcome: str) -> Complaint:
    """investigating → upheld: it counts against the agency at renewal and in the registry."""
    return _complaint_conclude(complaint, by=by, to=ComplaintStatus.UPHELD, outcome=outcome)


def complaint_dismiss(*, complaint: Complaint, by, outcome: str) -> Complaint:
    """investigating → dismissed, with an outcome the complainant reads."""
    return _complaint_conclude(complaint, by=by, to=ComplaintStatus.DISMISSED, outcome=outcome)


def complaint_decide(*, complaint: Complaint, by, upheld: bool, outcome: str) -> Complaint:
    """investigating → upheld or dismissed, with an outcome the complainant reads."""
    decide = complaint_uphold if upheld else complaint_dismiss
    return decide(complaint=complaint, by=by, outcome=outcome)
