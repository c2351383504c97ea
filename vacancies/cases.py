"""Job orders and vacancy applications, declared on the kernel (`portal.cases`)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from licensing.selectors import agency_contacts
from portal.cases import (
    AGENCY,
    APPLICANT,
    WORKER,
    CaseType,
    Lifecycle,
    Note,
    Transition,
    case_type,
)
from portal.lifecycle import application_lifecycle

from . import notifications  # noqa: F401  (declares the events named below)
from .models import JobOrder, JobOrderStatus, VacancyApplication, VacancyApplicationStatus
from .permissions import VacancyPermission as P


def _officer_path(job_order) -> str:
    try:
        return reverse("vacancies_vetting:inspect", args=[job_order.pk])
    except NoReverseMatch:
        return ""


_publish_consequence = _("The vacancy is published with its number and the fingerprint of its "
                         "contract; workers can find it and apply.")
JOB_ORDER = case_type(CaseType(
    model=JobOrder, name="job_order",
    lifecycle=application_lifecycle(
        edit=P.JOB_ORDER_EDIT, decide=P.JOB_ORDER_VET,
        extra=(Transition("close", (JobOrderStatus.APPROVED,), JobOrderStatus.CLOSED, APPLICANT,
                          P.JOB_ORDER_EDIT, _("Close (stop recruiting)"),
                          _("The vacancy leaves the public search; its number still verifies, "
                            "as closed.")),),
        overrides={"approve": {"label": _("Publish"), "consequence": _publish_consequence}}),
    country=lambda jo: jo.scheme.vetting_country_id, organisation=lambda jo: jo.agency,
    recipients=lambda jo, side: agency_contacts(agency=jo.agency) if side == APPLICANT else (),
    events={"request_info": "job_order.request_info", "approve": "job_order.approve",
            "refuse": "job_order.refuse"},
    related=("scheme", "agency", "region", "occupation"),
    applicant_path=lambda jo: reverse("vacancies:agency_job_order", args=[jo.pk]),
    officer_path=_officer_path, services="vacancies.services", keyword="job_order",
    edit_permission=P.JOB_ORDER_EDIT, deadline_field="decision_deadline",
))

A = VacancyApplicationStatus
_reason = Note("reason", _("Reason (shown to the worker)"))
VACANCY_APPLICATION = case_type(CaseType(
    model=VacancyApplication, name="vacancy_application",
    lifecycle=Lifecycle(
        Transition("shortlist", (A.APPLIED,), A.SHORTLISTED, AGENCY,
                   P.APPLICATION_ACT_FOR_AGENCY, _("Shortlist")),
        Transition("reject", (A.APPLIED, A.SHORTLISTED), A.REJECTED, AGENCY,
                   P.APPLICATION_ACT_FOR_AGENCY, _("Reject"), note=_reason, danger=True),
        Transition("offer", (A.APPLIED, A.SHORTLISTED), A.OFFERED, AGENCY,
                   P.APPLICATION_ACT_FOR_AGENCY, _("Offer the job")),
        Transition("accept", (A.OFFERED,), A.ACCEPTED, WORKER, P.APPLICATION_ACT_FOR_WORKER,
                   _("Accept the offer")),
        Transition("decline", (A.OFFERED,), A.DECLINED, WORKER, P.APPLICATION_ACT_FOR_WORKER,
                   _("Decline"), danger=True),
        Transition("withdraw", (A.APPLIED, A.SHORTLISTED), A.WITHDRAWN, WORKER,
                   P.APPLICATION_ACT_FOR_WORKER, _("Withdraw"), danger=True),
        Transition("departure_record", (A.ACCEPTED,), A.DEPARTED, AGENCY,
                   P.APPLICATION_ACT_FOR_AGENCY, _("Record departure")),
        Transition("return_record", (A.DEPARTED,), A.RETURNED, AGENCY,
                   P.APPLICATION_ACT_FOR_AGENCY, _("Record return")),
    ),
    country=lambda a: a.job_order.scheme.vetting_country_id,
    organisation=lambda a: a.job_order.agency,
    recipients=lambda a, side: ([a.profile.user] if side == WORKER
                                else agency_contacts(agency=a.job_order.agency)),
    events={"reject": ("vacancy_application.reject", WORKER),
            "offer": ("vacancy_application.offer", WORKER),
            "accept": ("vacancy_application.accept", AGENCY)},
    related=("job_order", "job_order__scheme", "job_order__agency", "profile"),
    services="vacancies.services", keyword="application",
))
