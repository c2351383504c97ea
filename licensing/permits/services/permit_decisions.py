"""Permit and patent applications on their way to a decision: submission, review, requests
for information, approval (quota, number, document) and refusal. Every move goes through the
kernel's `case_transition`; the worker (and their agency) hear of each."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from licensing.selectors import agency_has_active_licence
from portal.audit import audit_record
from portal.case_services import case_request_info, case_submit, case_withdraw
from portal.cases import actor_role, case_transition, require
from portal.lifecycle import ApplicationStatus, InvalidTransition
from portal.numbering import number_allocate
from portal.policy import can

from .. import selectors
from ..issue_checks import issue_refusals
from ..models import Patent, PermitApplication, PermitKind, WorkPermit
from ..permissions import PermitPermission
from .permit_applications import (
    ERROR_AGENCY_NOT_LICENSED,
    _derive,
    corridor_check,
    permit_application_missing,
)

ERROR_INCOMPLETE = _("The application is not complete: %(missing)s.")
ERROR_QUOTA_EXHAUSTED = _("The quota “%(quota)s” is exhausted (%(used)s of %(limit)s issued).")
S = ApplicationStatus


class QuotaExhausted(InvalidTransition):
    """Raised after an approval found a quota full; the application has been refused."""


@dataclass
class _QuotaRefusal:
    message: str


def permit_application_submit(
    *, application: PermitApplication, by, response: str = "", request=None
) -> PermitApplication:
    """draft → submitted, or info_requested → submitted with the answer. Fixes the category
    and sets the decision deadline in working days (fast track 5, standard 15 by default)."""

    def submit(application):
        if application.agency_id and not agency_has_active_licence(agency=application.agency):
            raise ValidationError(ERROR_AGENCY_NOT_LICENSED)
        _derive(application)
        rule_change = corridor_check(application)
        missing = permit_application_missing(application)
        if missing:
            raise ValidationError(ERROR_INCOMPLETE, params={"missing": ", ".join(missing)})
        old_deadline = application.decision_deadline
        application.submitted_by = by
        application.submitted_at = timezone.now()
        application.decision_deadline = selectors.working_days_add(
            country_id=application.authority.country_id,
            start=timezone.localdate(),
            days=selectors.decision_period_days(application=application),
        )
        context["deadline"] = application.decision_deadline
        return {
            "category": [None, application.category],
            "fast_track": [None, application.fast_track],
            **rule_change,
            "decision_deadline": [
                str(old_deadline) if old_deadline else None,
                str(application.decision_deadline),
            ],
        }

    context = {"kind": application.kind}
    return case_submit(
        case=application, by=by, response=response, effect=submit, context=context, request=request
    )


def permit_application_withdraw(
    *, application: PermitApplication, by, reason: str = ""
) -> PermitApplication:
    """The applicant (or the worker, always) withdraws an open application."""
    return case_withdraw(case=application, by=by, reason=reason, context={"kind": application.kind})


def permit_application_review_start(*, application: PermitApplication, by) -> PermitApplication:
    """An officer takes a submitted application: submitted → under_review."""
    return case_transition(
        case=application, to=S.UNDER_REVIEW, by=by, context={"kind": application.kind}
    )


def permit_application_request_info(
    *, application: PermitApplication, by, message: str
) -> PermitApplication:
    """under_review → info_requested; the applicant answers and resubmits (new deadline)."""
    return case_request_info(
        case=application, by=by, message=message, context={"kind": application.kind}
    )


def permit_application_approve(
    *, application: PermitApplication, by, request=None
) -> WorkPermit | Patent:
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
    application = PermitApplication.objects.select_for_update(of=("self",)).get(pk=application.pk)
    today = timezone.localdate()
    # Lock every matching quota (in pk order, so concurrent approvals never deadlock) and re-read
    # its `used` under the lock: the check and the increment cannot interleave.
    quotas = list(
        selectors.quotas_applicable(
            country_id=application.authority.country_id,
            year=today.year,
            kind=application.kind,
            region_id=application.region_id,
            occupation_code=application.occupation_id,
        ).select_for_update(of=("self",))
    )
    full = next((q for q in quotas if q.used >= q.limit), None)
    context = {"kind": application.kind}
    if full is not None and application.status == S.UNDER_REVIEW:
        require(can(by, PermitPermission.APPLICATION_DECIDE, application))
        message = str(
            ERROR_QUOTA_EXHAUSTED % {"quota": str(full), "used": full.used, "limit": full.limit}
        )
        case_transition(
            case=application,
            to=S.REFUSED,
            by=by,
            reason=message,
            request=request,
            changes={"status": [S.UNDER_REVIEW, S.REFUSED], "quota": [None, full.pk]},
            context=context,
        )
        return _QuotaRefusal(message)
    issued = {}

    def issue(application):
        refusals = issue_refusals(application)
        if refusals:  # e.g. a scheme's required orientation certificate is missing
            raise ValidationError(refusals)
        rule_change = _decision_rule(application)
        for quota in quotas:
            quota.used += 1
            quota.save(update_fields=["used"])
        # Only now, after the reservation succeeded, so refusals never consume a number.
        number = number_allocate(
            country=application.authority.country_id, kind=application.kind, year=today.year
        )
        limits = selectors.permit_settings(authority=application.authority)
        common = {
            "number": number,
            "application": application,
            "holder": application.worker,
            "authority": application.authority,
            "region": application.region,
            "occupation": application.occupation,
            "category": application.category,
            "valid_from": today,
        }
        if application.kind == PermitKind.WORK_PERMIT:
            document = WorkPermit.objects.create(
                **common,
                employer_name=application.employer_name,
                job_order_number=application.job_order_number,
                contract_number=application.contract_number,
                valid_until=selectors.months_end(
                    today, min(application.requested_months, limits.permit_max_months)
                ),
            )
        else:
            # Issued unpaid, hence lapsed until the first monthly fee is confirmed.
            document = Patent.objects.create(
                **common, valid_until=selectors.months_end(today, limits.patent_max_months)
            )
        document.quotas.set(quotas)
        issued["document"] = document
        context["number"] = number
        return {"number": [None, number], "quotas": [None, [q.pk for q in quotas]], **rule_change}

    case_transition(
        case=application, to=S.APPROVED, by=by, effect=issue, request=request, context=context
    )
    return issued["document"]


def _decision_rule(application: PermitApplication) -> dict:
    """The decision records the corridor rule version in force on the day it is taken."""
    old = application.corridor_rule_id
    application.corridor_rule = selectors.application_corridor_rule(application=application)
    new = application.corridor_rule_id
    return {"corridor_rule": [old, new]} if old != new else {}


def permit_application_refuse(
    *, application: PermitApplication, by, reason: str, request=None
) -> PermitApplication:
    """under_review → refused, with a reason the applicant sees."""
    return case_transition(
        case=application,
        to=S.REFUSED,
        by=by,
        reason=reason,
        request=request,
        effect=_decision_rule,
        context={"kind": application.kind},
    )


@transaction.atomic
def permit_application_passport_reveal(*, application: PermitApplication, by, request=None) -> str:
    """An officer reads the passport number in clear; every such read is audited."""
    from ..personal_data import passport_decrypt

    application = PermitApplication.objects.select_related("authority", "agency").get(
        pk=application.pk
    )
    require(can(by, PermitPermission.APPLICATION_DECIDE, application))
    audit_record(
        actor=by,
        action="permit_application.passport_view",
        obj=application,
        role=actor_role(by, application),
        organisation=application.authority,
        reason="",
        changes={"field": "passport_number"},
        country=application.country_id,
        request=request,
    )
    return passport_decrypt(application.passport_number_encrypted)
