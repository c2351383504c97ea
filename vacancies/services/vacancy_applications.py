"""A worker's applications to vacancies, the agency's and the worker's moves on them (through
the kernel's `case_transition`), and the costs workers report after an offer."""

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from licensing.selectors import agency_contacts
from portal.audit import audit_record
from portal.cases import case_transition, require
from portal.lifecycle import InvalidTransition
from portal.notifications import notify
from portal.policy import can
from portal.submissions import create_once

from .. import selectors
from ..models import (
    CostReport,
    JobOrder,
    PastSeason,
    ReentryPriority,
    VacancyApplication,
    VacancyApplicationStatus,
    WorkerProfile,
)
from ..permissions import VacancyPermission
from .worker_profiles import ERROR_RETURN_BEFORE_DEPARTURE

ERROR_NOT_PUBLISHED = _("This vacancy is not open for applications.")
ERROR_NO_PROFILE = _("Create your worker profile before you apply.")
ERROR_ALREADY_APPLIED = _("You have already applied for this vacancy.")
ERROR_POSITIONS_FILLED = _("All positions of this job order are filled.")
ERROR_COSTS_AFTER_PLACEMENT = _("You can report costs once you have accepted an offer.")
A = VacancyApplicationStatus


def vacancy_application_submit(
    *, job_order: JobOrder, by, message: str = "", submission_key: uuid.UUID | None = None
) -> VacancyApplication:
    """A worker applies to a published vacancy. A double submit creates one application.

    Applying shares the profile with this job order's agency, whatever the general consent.
    """
    return create_once(
        VacancyApplication,
        submission_key,
        lambda: _vacancy_application_submit(
            job_order=job_order, by=by, message=message, submission_key=submission_key
        ),
        on_conflict=ValidationError(ERROR_ALREADY_APPLIED),
        check=lambda application: require(application.profile.user_id == by.pk),
    )


def _vacancy_application_submit(*, job_order, by, message, submission_key):
    profile = WorkerProfile.objects.filter(user=by).first() if by.is_authenticated else None
    if profile is None:
        raise ValidationError(ERROR_NO_PROFILE)
    if not selectors.published_job_orders().filter(pk=job_order.pk).exists():
        raise ValidationError(ERROR_NOT_PUBLISHED)
    if VacancyApplication.objects.filter(job_order=job_order, profile=profile).exists():
        raise ValidationError(ERROR_ALREADY_APPLIED)
    priority = ReentryPriority.objects.filter(
        profile=profile, scheme_id=job_order.scheme_id, season_year=job_order.season_start.year
    ).exists()
    application = VacancyApplication.objects.create(
        job_order=job_order,
        profile=profile,
        message=message.strip(),
        submission_key=submission_key,
        has_priority=priority,
    )
    audit_record(
        actor=by,
        action="vacancy_application.submit",
        obj=application,
        role="worker",
        organisation=job_order.agency,
        to_state=A.APPLIED,
        changes={"status": [None, A.APPLIED], "has_priority": [None, priority]},
        country=job_order.scheme.vetting_country_id,
    )
    notify(
        event="vacancy_application.submit",
        recipients=agency_contacts(agency=job_order.agency),
        context={
            "number": job_order.number,
            "path": reverse("vacancies:agency_job_order", args=[job_order.pk]),
        },
    )
    return application


def _agency_decision(reason: str = "", by=None):
    def decide(application):
        application.decided_by = by
        if reason:
            application.decision_reason = reason.strip()

    return decide


def _number(application) -> dict:
    return {"number": application.job_order.number}


def vacancy_application_shortlist(*, application: VacancyApplication, by) -> VacancyApplication:
    """The agency puts the applicant on its shortlist."""
    return case_transition(
        case=application, to=A.SHORTLISTED, by=by, effect=_agency_decision(by=by)
    )


def vacancy_application_reject(
    *, application: VacancyApplication, by, reason: str
) -> VacancyApplication:
    """The agency does not select the applicant; the reason is shown to the worker."""
    return case_transition(
        case=application,
        to=A.REJECTED,
        by=by,
        reason=reason,
        effect=_agency_decision(reason, by),
        context=_number(application),
    )


def vacancy_application_offer(*, application: VacancyApplication, by) -> VacancyApplication:
    """The agency offers the job; the worker then accepts or declines."""
    return case_transition(
        case=application,
        to=A.OFFERED,
        by=by,
        effect=_agency_decision(by=by),
        context=_number(application),
    )


@transaction.atomic
def vacancy_application_accept(*, application: VacancyApplication, by) -> VacancyApplication:
    """The worker accepts the offer. Accepted offers never exceed the job order's positions
    (the job order row is locked while counting)."""
    job_order = JobOrder.objects.select_for_update().get(pk=application.job_order_id)

    def positions_left(app):
        taken = VacancyApplication.objects.filter(
            job_order=job_order, status__in=[A.ACCEPTED, A.DEPARTED, A.RETURNED]
        ).count()
        if taken >= job_order.positions:
            raise ValidationError(ERROR_POSITIONS_FILLED)

    application = case_transition(
        case=application, to=A.ACCEPTED, by=by, effect=positions_left, context=_number(application)
    )
    # The individual contract, from the vetted job order, waiting for both confirmations.
    from .employment_contracts import employment_contract_generate

    employment_contract_generate(application=application, by=by)
    return application


def vacancy_application_decline(*, application: VacancyApplication, by) -> VacancyApplication:
    """The worker declines the offer."""
    return case_transition(case=application, to=A.DECLINED, by=by)


def vacancy_application_withdraw(*, application: VacancyApplication, by) -> VacancyApplication:
    """The worker withdraws before an offer."""
    return case_transition(case=application, to=A.WITHDRAWN, by=by)


@transaction.atomic
def vacancy_application_permit_link(
    *, application: VacancyApplication, by, reference: str
) -> VacancyApplication:
    """Record the work-permit application that follows an accepted offer (number or id)."""
    application = (
        VacancyApplication.objects.select_for_update()
        .select_related("job_order", "job_order__scheme")
        .get(pk=application.pk)
    )
    require(
        can(by, VacancyPermission.APPLICATION_ACT_FOR_AGENCY, application)
        or can(by, VacancyPermission.APPLICATION_ACT_FOR_WORKER, application)
    )
    if application.status not in (A.ACCEPTED, A.DEPARTED, A.RETURNED):
        raise InvalidTransition(ERROR_COSTS_AFTER_PLACEMENT)
    old = application.work_permit_reference
    application.work_permit_reference = reference.strip()[:40]
    application.save(update_fields=["work_permit_reference", "updated_at"])
    audit_record(
        actor=by,
        action="vacancy_application.permit_link",
        obj=application,
        organisation=application.job_order.agency,
        from_state=application.status,
        to_state=application.status,
        changes={"work_permit_reference": [old or None, application.work_permit_reference]},
        country=application.job_order.scheme.vetting_country_id,
    )
    return application


def vacancy_application_departure_record(
    *, application: VacancyApplication, by, departed_on: date
) -> VacancyApplication:
    """The agency records that the worker left for the job."""

    def set_date(app):
        app.departed_on = departed_on
        return {"departed_on": [None, str(departed_on)]}

    return case_transition(case=application, to=A.DEPARTED, by=by, effect=set_date)


@transaction.atomic
def vacancy_application_return_record(
    *, application: VacancyApplication, by, returned_on: date
) -> VacancyApplication:
    """The agency records the return. A return by the contract end plus the scheme's grace
    period earns re-entry priority for the next season of the same scheme."""

    def set_return(app):
        if app.departed_on and returned_on < app.departed_on:
            raise ValidationError(ERROR_RETURN_BEFORE_DEPARTURE)
        scheme = app.job_order.scheme
        deadline = app.job_order.season_end + timedelta(days=scheme.return_grace_days)
        app.returned_on = returned_on
        app.returned_on_time = returned_on <= deadline
        return {"returned_on": [None, str(returned_on)]}

    application = case_transition(case=application, to=A.RETURNED, by=by, effect=set_return)
    job_order = application.job_order
    PastSeason.objects.create(
        profile=application.profile,
        country_id=job_order.destination_country_id,
        scheme=job_order.scheme,
        occupation_id=job_order.occupation_id,
        departed_on=application.departed_on or job_order.season_start,
        returned_on=returned_on,
    )
    if application.returned_on_time and job_order.scheme.reentry_priority:
        ReentryPriority.objects.get_or_create(
            profile=application.profile,
            scheme=job_order.scheme,
            season_year=job_order.season_start.year + 1,
            defaults={"earned_by": application},
        )
    return application


# --- worker-reported costs -------------------------------------------------------------------


def cost_report_file(
    *,
    application: VacancyApplication,
    by,
    amount,
    currency: str,
    paid_to: str,
    purpose: str,
    paid_to_name: str = "",
    paid_on: date | None = None,
    details: str = "",
    submission_key: uuid.UUID | None = None,
) -> CostReport:
    """After accepting an offer, a worker reports what they paid and to whom. The report
    counts on the agency's registry record and in the officer's renewal view. A double submit
    (same one-time key) returns the report already filed: a cost counts once."""
    return create_once(
        CostReport,
        submission_key,
        lambda: _cost_report_file(
            application=application,
            by=by,
            amount=amount,
            currency=currency,
            paid_to=paid_to,
            purpose=purpose,
            paid_to_name=paid_to_name,
            paid_on=paid_on,
            details=details,
            submission_key=submission_key,
        ),
        check=lambda report: require(report.application_id == application.pk),
    )


def _cost_report_file(
    *,
    application,
    by,
    amount,
    currency,
    paid_to,
    purpose,
    paid_to_name,
    paid_on,
    details,
    submission_key,
) -> CostReport:
    application = VacancyApplication.objects.select_related("job_order", "job_order__scheme").get(
        pk=application.pk
    )
    require(can(by, VacancyPermission.APPLICATION_ACT_FOR_WORKER, application))
    if application.status not in (A.ACCEPTED, A.DEPARTED, A.RETURNED):
        raise ValidationError(ERROR_COSTS_AFTER_PLACEMENT)
    report = CostReport(
        application=application,
        agency_id=application.job_order.agency_id,
        amount=amount,
        currency=currency.upper(),
        paid_to=paid_to,
        paid_to_name=paid_to_name,
        purpose=purpose,
        paid_on=paid_on,
        details=details,
        submission_key=submission_key,
    )
    report.full_clean(exclude=["submission_key"])
    report.save()
    audit_record(
        actor=by,
        action="cost_report.file",
        obj=report,
        role="worker",
        organisation=report.agency,
        to_state="filed",
        changes={
            "amount": [None, str(report.amount)],
            "currency": [None, report.currency],
            "paid_to": [None, paid_to],
            "purpose": [None, purpose],
        },
        country=report.agency.country_id,
    )
    return report
